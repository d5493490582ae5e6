// Command-line parsing for `tsips`, with OpenSIPS's option letters (main.c). Options
// OpenSIPS has for memory, daemons and users are accepted and ignored, so existing
// service files keep working; tsips always runs in the foreground.

export interface TsipsArgs {
  file: string;
  check: boolean; // -c / -C: parse, load modules, link, check sockets, print "config file ok", exit
  dumpAst: boolean;
  listen: string[]; // -l, repeatable
  debug: number; // each -d raises the log level by one
  help: boolean;
  version: boolean;
}

export class ArgsError extends Error {}

const IGNORED_WITH_VALUE = new Set(['-m', '-M', '-a', '-b', '-u', '-g', '-P', '-G', '-w', '-t', '-W', '-N', '-r', '-R', '-n', '-o', '-A', '-p', '-s', '-e', '-k']);
const IGNORED_FLAGS = new Set(['-D', '-F', '-E', '-T', '-v']);

export const DEFAULT_SCRIPT = '/etc/opensips/opensips.cfg';

export function parseArgs(argv: readonly string[]): TsipsArgs {
  const a: TsipsArgs = { file: DEFAULT_SCRIPT, check: false, dumpAst: false, listen: [], debug: 0, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const opt = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new ArgsError(`option ${opt} needs a value`);
      return v;
    };
    switch (opt) {
      case '-f': a.file = value(); break;
      case '-c': case '-C': a.check = true; break;
      case '--dump-ast': a.dumpAst = true; break;
      case '-l': a.listen.push(value()); break;
      case '-d': a.debug++; break;
      case '-h': case '--help': a.help = true; break;
      case '-V': case '--version': a.version = true; break;
      default:
        if (IGNORED_WITH_VALUE.has(opt)) value();
        else if (!IGNORED_FLAGS.has(opt)) throw new ArgsError(`unknown option '${opt}' (see tsips -h)`);
    }
  }
  return a;
}

export const USAGE = `usage: tsips [options]
  -f FILE       route script to run (default ${DEFAULT_SCRIPT}; '-' reads stdin)
  -c, -C        check the script (syntax, modules, linking, sockets), print "config file ok", exit
  --dump-ast    print the script's syntax tree as JSON and exit
  -l ADDR       extra listening socket, [proto:]addr[:port] (repeatable)
  -d            more logging (repeatable)
  -V            print the version and exit
  -h            this help
OpenSIPS's memory, daemon and user options (-m -M -u -g -P -D -F -n ...) are accepted
and ignored: tsips is one foreground process.`;
