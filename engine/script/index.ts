// engine/script: the script front end after parsing: link (check against the modules) and
// compile (closures per route). The only public door of this folder for the server.
export { linkScript } from './link/index.js';
export { compileScript } from './compile/index.js';
export { createDummyContext } from './dummy-context.js';
export type {
  LinkedScript, LinkScript, CompileEnv, CompileScript, CompiledScript, TimerRoute,
} from './compiled-script.js';
export type { FunctionEntry, RouteTable } from './link/index.js';
export { corePvars, pvarTable, type PvarSpec, type PvIndex, type SetHow } from './pvars/index.js';
export { coreFunctions } from '../core/functions/index.js';
