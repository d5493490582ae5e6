// The engine's logger. Levels and their numbers are OpenSIPS's (dprint.h), so `log_level=3`
// and `xlog("L_WARN", ...)` mean what an OpenSIPS user expects. Lines go to stderr, in
// OpenSIPS's shape: "Nov 28 09:01:20 [pid] LEVEL:facility: message".

export const LogLevel = { ALERT: -3, CRIT: -2, ERR: -1, WARN: 1, NOTICE: 2, INFO: 3, DBG: 4 } as const;
export type LogLevelName = keyof typeof LogLevel;

const levelNames = new Map<number, LogLevelName>(
  Object.entries(LogLevel).map(([k, v]) => [v, k as LogLevelName]),
);
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Logger {
  level: number;
  log(level: number, facility: string, message: string): void;
  /** Writes whatever the level: xlog has its own threshold (xlog_level), independent of
   *  log_level, as OpenSIPS's xlog swaps the process level while it prints. */
  write(level: number, facility: string, message: string): void;
  enabled(level: number): boolean;
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${months[d.getMonth()]} ${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function createLogger(level: number = LogLevel.NOTICE, write: (s: string) => unknown = (s) => process.stderr.write(s)): Logger {
  return {
    level,
    enabled(l) {
      return l <= this.level;
    },
    log(l, facility, message) {
      if (l > this.level) return;
      this.write(l, facility, message);
    },
    write(l, facility, message) {
      write(`${stamp(new Date())} [${process.pid}] ${levelNames.get(l) ?? 'L' + l}:${facility}: ${message}\n`);
    },
  };
}
