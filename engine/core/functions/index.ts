// The core script functions (core_cmds.c): always loaded and allowed in every route type,
// declared with the same fn()/arg contract as module functions so the linker checks them
// the same way.
import type { FnDef } from '../../modules/functions.js';
import { logFunctions } from './log-functions.js';
import { flagFunctions } from './flag-functions.js';
import { ruriFunctions } from './ruri-functions.js';
import { routingFunctions } from './routing-functions.js';

export { parseLevel } from './log-functions.js';
export { parseDestination } from './routing-functions.js';

export const coreFunctions: ReadonlyMap<string, FnDef<any>> = new Map(Object.entries({
  ...logFunctions, ...flagFunctions, ...ruriFunctions, ...routingFunctions,
}));
