// The one place the server reaches the script linker and compiler (engine/script/index.ts,
// the contract in engine/script/compiled-script.ts).
import { linkScript, compileScript, createDummyContext } from '../../script/index.js';
import type { CompileScript, LinkScript } from '../../script/compiled-script.js';
import type { RouteType } from '../../modules/index.js';
import type { CoreServices, MessageContext } from '../message-context.js';

export interface ScriptRuntime {
  readonly linkScript: LinkScript;
  readonly compileScript: CompileScript;
  /** The fixed DUMMY request startup, timer and event routes run on (script-language.md 4.1). */
  readonly createDummyContext: (core: CoreServices, routeType: RouteType) => MessageContext;
}

export const scriptRuntime: ScriptRuntime = { linkScript, compileScript, createDummyContext };
