// One JSON-RPC 2.0 request in, one answer out, as OpenSIPS's MI does it (mi/mi.c,
// mi_http): errors carry OpenSIPS's codes and texts, a notification (no "id") gets no body
// unless the request could not be read at all, and batches are not supported (an array is
// an invalid request, as in OpenSIPS).
import type { MiRegistry } from './registry.js';
import { matchRecipe } from './match-recipe.js';
import { JsonRpcCode, JsonRpcMessage, MiError } from './mi-error.js';

export interface JsonRpcAnswer {
  /** 200 with a body, or 202 and no body for a notification. */
  readonly status: 200 | 202;
  readonly body?: string;
}

type Id = string | number | null;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const errorBody = (id: Id, code: number, message?: string, data?: string): string =>
  JSON.stringify({ jsonrpc: '2.0', error: { code, message: message ?? JsonRpcMessage[code] ?? 'Error', ...(data !== undefined ? { data } : {}) }, id });

export async function handleJsonRpc(registry: MiRegistry, text: string): Promise<JsonRpcAnswer> {
  let req: unknown;
  try {
    req = JSON.parse(text);
  } catch {
    return { status: 200, body: errorBody(null, JsonRpcCode.PARSE_ERROR) };
  }
  if (!isObj(req)) return { status: 200, body: errorBody(null, JsonRpcCode.INVALID_REQUEST) };

  const hasId = Object.hasOwn(req, 'id');
  const idOk = !hasId || req.id === null || typeof req.id === 'string' || typeof req.id === 'number';
  const id: Id = hasId && idOk ? (req.id as Id) : null;
  let params = req.params;
  const paramsOk = params === undefined || Array.isArray(params) || isObj(params);
  if (!idOk || req.jsonrpc !== '2.0' || typeof req.method !== 'string' || !paramsOk) {
    return { status: 200, body: errorBody(id, JsonRpcCode.INVALID_REQUEST) };
  }
  // OpenSIPS treats [] and {} as "no parameters".
  if (Array.isArray(params) ? params.length === 0 : isObj(params) && Object.keys(params).length === 0) params = undefined;

  const body = await run(registry, req.method, params as unknown[] | Record<string, unknown> | undefined, id);
  return hasId ? { status: 200, body } : { status: 202 };
}

async function run(registry: MiRegistry, method: string, params: unknown[] | Record<string, unknown> | undefined, id: Id): Promise<string> {
  const cmd = registry.lookup(method);
  if (!cmd) return errorBody(id, JsonRpcCode.METHOD_NOT_FOUND);
  let result: unknown;
  try {
    const { recipe, named } = matchRecipe(cmd, params);
    result = await cmd.handler(named, { command: method, recipe });
  } catch (e) {
    if (e instanceof MiError) return errorBody(id, e.code, e.message, e.data);
    return errorBody(id, JsonRpcCode.SERVER_ERROR, undefined, (e as Error)?.message ?? String(e));
  }
  try {
    // A handler with nothing to say answers OpenSIPS's init_mi_result_ok().
    return JSON.stringify({ jsonrpc: '2.0', result: result === undefined ? 'OK' : result, id });
  } catch (e) {
    return errorBody(id, JsonRpcCode.INTERNAL_ERROR, undefined, `result is not JSON: ${(e as Error).message}`);
  }
}
