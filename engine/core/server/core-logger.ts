// The process logger as the globals ask: log_level (+1 per -d), stderr on or off. Syslog
// output is not written yet (Tier 3); asking for it keeps stderr on, with a notice, so that
// a script with `syslog_enabled=yes` is not silent.
import { createLogger, LogLevel, type Logger } from '../log.js';
import type { CoreConfig } from './core-config.js';

export function createCoreLogger(cfg: CoreConfig, debug: number, write = (s: string) => process.stderr.write(s)): Logger {
  const toStderr = cfg.stderrEnabled || cfg.syslogEnabled;
  const log = createLogger(Math.min(LogLevel.DBG, cfg.logLevel + debug), toStderr ? write : () => true);
  if (cfg.syslogEnabled) log.log(LogLevel.NOTICE, 'core', `syslog output (${cfg.syslogFacility}) is not supported yet; logging to stderr`);
  return log;
}
