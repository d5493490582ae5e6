// MI errors in OpenSIPS's JSON-RPC shape: {"code": int, "message": str, "data"?: str}.
// The protocol codes are JSON-RPC 2.0's, with OpenSIPS's texts (mi/mi.h); commands answer
// their own failures with HTTP-like codes, e.g. 404 "Statistics Not Found".
export const JsonRpcCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** OpenSIPS answers a command that failed without saying why with -32000 "Server error". */
  SERVER_ERROR: -32000,
} as const;

export const JsonRpcMessage: Record<number, string> = {
  [-32700]: 'Parse error',
  [-32600]: 'Invalid Request',
  [-32601]: 'Method not found',
  [-32602]: 'Invalid params',
  [-32603]: 'Internal error',
  [-32000]: 'Server error',
};

/** Thrown by a command handler to answer with a specific error object. */
export class MiError extends Error {
  constructor(readonly code: number, message: string, readonly data?: string) {
    super(message);
    this.name = 'MiError';
  }
}

/** OpenSIPS init_mi_param_error(): -32602 "Invalid params" with the parameter named. */
export const badParam = (name: string, why = 'Bad type for parameter'): MiError =>
  new MiError(JsonRpcCode.INVALID_PARAMS, 'Invalid params', `${why} '${name}'`);
