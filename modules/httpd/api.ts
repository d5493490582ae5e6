// httpd's API for the modules that serve something over HTTP (OpenSIPS httpd_bind /
// register_httpdcb): mi_http registers "mi", a metrics exporter "metrics".
import type { HttpHandler } from '../../engine/mi/index.js';

export interface HttpdApi {
  /** Serve every request under /<root>. Root is one path segment: letters, digits, '_'. */
  registerHandler(root: string, handler: HttpHandler, module?: string): void;
  /** Where the server listens, once it does (after every module's init). */
  address(): { ip: string; port: number } | undefined;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { httpd: HttpdApi }
}
