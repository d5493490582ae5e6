// What maxfwd's init returns.
export interface MaxfwdModuleState {
  /** modparam max_limit. */
  readonly maxLimit: number;
  readonly log: (level: number, message: string) => void;
}
