// `tsips`: the server entry point. Reads the command line, loads the script (reporting every
// error with its place), and runs until SIGINT/SIGTERM. Later issues put the runtime between
// "loaded" and "ready": linking, module init, sockets.
import { readFileSync } from 'node:fs';
import { parseArgs, ArgsError, USAGE } from './args.js';
import { loadScriptFile, loadScriptText, formatDiagnostics, type ScriptLoad } from '../config/index.js';
import { createLogger, LogLevel } from '../core/log.js';
import { VERSION } from './version.js';

export async function main(argv: readonly string[]): Promise<number | undefined> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    process.stderr.write(`tsips: ${e.message}\n`);
    return 2;
  }
  if (args.help) return void process.stdout.write(USAGE + '\n'), 0;
  if (args.version) return void process.stdout.write(`tsips ${VERSION}\n`), 0;

  const log = createLogger(LogLevel.NOTICE + args.debug);
  let loaded: ScriptLoad;
  try {
    loaded = args.file === '-'
      ? loadScriptText(readFileSync(0, 'utf8'), '<stdin>', process.cwd())
      : loadScriptFile(args.file);
  } catch (e) {
    process.stderr.write(`tsips: cannot read script '${args.file}': ${(e as Error).message}\n`);
    return 255;
  }
  if (loaded.diagnostics.length) process.stderr.write(formatDiagnostics(loaded.diagnostics, loaded.sources));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) {
    process.stderr.write(`tsips: ${errors} error${errors === 1 ? '' : 's'} in ${args.file}\n`);
    return 255; // OpenSIPS exits -1 on a bad script
  }
  if (args.dumpAst) return void process.stdout.write(JSON.stringify(loaded.script, null, 2) + '\n'), 0;
  if (args.check) return void process.stderr.write('config file ok, exiting...\n'), 0;

  log.log(LogLevel.NOTICE, 'core', `tsips ${VERSION} loaded ${args.file}; ready`);
  await waitForStopSignal(log);
  return 0;
}

function waitForStopSignal(log: ReturnType<typeof createLogger>): Promise<void> {
  return new Promise((resolve) => {
    const keepAlive = setInterval(() => {}, 1 << 30); // the SIP side keeps the loop busy later
    const stop = (sig: NodeJS.Signals) => {
      clearInterval(keepAlive);
      log.log(LogLevel.NOTICE, 'core', `${sig} received, shutting down`);
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}
