// engine/core/server: what runs a script. check-script.ts reads and checks (globals,
// modules, linking, sockets; `tsips -c` stops there), server.ts binds, initialises, compiles
// and serves. The only public door of this folder.
export { checkScript, type CheckedScript, type CheckResult, type CheckOptions } from './check-script.js';
export { startServer, type Server, type ServerOptions } from './server.js';
export { readCoreConfig, defaultCoreConfig, type CoreConfig, type CoreAlias } from './core-config.js';
export { createCoreLogger } from './core-logger.js';
export { createCoreServices, type CoreServicesDeps } from './core-services.js';
export { createMessageHandler, type HandlerDeps } from './message-handler.js';
export { scriptRuntime, type ScriptRuntime } from './script-runtime.js';
export { InFlight } from './in-flight.js';
