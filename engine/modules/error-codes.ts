// Run-time error codes of the module lifecycle (script problems are diagnostics, in
// engine/script/diagnostic-codes.ts). A code is never reused or renamed.
export const MODULE_ERROR_CODES = {
  TSIPS_MODULE_INIT_FAILED: "a module's init threw or rejected; start-up stops",
  TSIPS_MODULE_INIT_TIMEOUT: "a module's init did not finish in time; start-up stops",
  TSIPS_MODULE_CHILD_INIT_FAILED: "a module's per-worker init threw, rejected or timed out",
  TSIPS_MODULE_DESTROY_FAILED: "a module's destroy threw, rejected or timed out; logged, shutdown goes on",
  TSIPS_MODULE_MI_CONFLICT: 'a module exports an MI command whose name is already taken',
  TSIPS_MODULE_NO_API: 'a module asked for the API of a module that exports none',
} as const;

export type ModuleErrorCode = keyof typeof MODULE_ERROR_CODES;

export class ModuleError extends Error {
  constructor(readonly code: ModuleErrorCode, readonly module: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModuleError';
  }
}
