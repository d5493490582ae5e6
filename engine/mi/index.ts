// engine/mi: the management interface: the command registry the core and modules fill, the
// JSON-RPC 2.0 handling compatible with OpenSIPS's mi_http, the HTTP server httpd owns, and
// the core commands. The only public door of this folder.
export {
  recipesOf, miString, miInt, miStringArray,
  type MiCommandDef, type MiCommand, type MiParamDecl, type MiParams, type MiCall, type MiHandler,
} from './command.js';
export { MiError, JsonRpcCode, badParam } from './mi-error.js';
export { createMiRegistry, type MiRegistry } from './registry.js';
export { matchRecipe } from './match-recipe.js';
export { handleJsonRpc, type JsonRpcAnswer } from './json-rpc.js';
export { createHttpServer, send, type HttpServer, type HttpHandler, type HttpServerOptions } from './http-server.js';
export { createMiHttpHandler } from './mi-http-handler.js';
export { coreMiCommands, ctime, type CoreMiOptions } from './core-commands.js';
