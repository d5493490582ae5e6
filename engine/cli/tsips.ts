// `tsips`: the server entry point. Reads the command line, loads and checks the script
// (every error with its place), then hands it to engine/core/server and runs until
// SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { parseArgs, ArgsError, USAGE } from './args.js';
import { loadScriptFile, loadScriptText, formatDiagnostics, type ScriptLoad } from '../config/index.js';
import { LogLevel, type Logger } from '../core/log.js';
import { checkScript, startServer, createCoreLogger, type Server } from '../core/server/index.js';
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

  let loaded: ScriptLoad;
  try {
    loaded = args.file === '-'
      ? loadScriptText(readFileSync(0, 'utf8'), '<stdin>', process.cwd())
      : loadScriptFile(args.file);
  } catch (e) {
    process.stderr.write(`tsips: cannot read script '${args.file}': ${(e as Error).message}\n`);
    return 255;
  }
  if (args.dumpAst) {
    // --dump-ast needs the syntax only: modules and sockets are not looked at.
    if (loaded.diagnostics.length) process.stderr.write(formatDiagnostics(loaded.diagnostics, loaded.sources));
    if (countErrors(loaded.diagnostics)) return 255;
    return void process.stdout.write(JSON.stringify(loaded.script, null, 2) + '\n'), 0;
  }

  const result = await checkScript(loaded, { listen: args.listen, version: VERSION });
  if (result.diagnostics.length) process.stderr.write(formatDiagnostics(result.diagnostics, loaded.sources));
  for (const e of result.errors) process.stderr.write(`tsips: error: ${e}\n`);
  const errors = countErrors(result.diagnostics) + result.errors.length;
  if (errors || !result.checked) {
    process.stderr.write(`tsips: ${errors} error${errors === 1 ? '' : 's'} in ${args.file}\n`);
    return 255; // OpenSIPS exits -1 on a bad script
  }
  if (args.check) return void process.stderr.write('config file ok, exiting...\n'), 0;

  const log = createCoreLogger(result.checked.config, args.debug);
  for (const n of result.checked.config.notices) log.log(LogLevel.NOTICE, 'core', n);
  let server: Server;
  try {
    server = await startServer(result.checked, { log, version: VERSION });
  } catch (e) {
    log.log(LogLevel.CRIT, 'core', `start-up failed: ${(e as Error).message}`);
    process.stderr.write(`tsips: start-up failed: ${(e as Error).message}\n`);
    return 255;
  }
  const listening = server.sockets.map((s) => s.name).join(', ');
  log.log(LogLevel.NOTICE, 'core', `tsips ${VERSION} running ${args.file} on ${listening}; ready`);
  await waitForStopSignal(log);
  await server.stop();
  return 0;
}

function countErrors(list: readonly { severity: string }[]): number {
  return list.filter((d) => d.severity === 'error').length;
}

function waitForStopSignal(log: Logger): Promise<void> {
  return new Promise((resolve) => {
    const stop = (sig: NodeJS.Signals) => {
      log.log(LogLevel.NOTICE, 'core', `${sig} received, shutting down`);
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}
