// What a module reaches at message and timer time but cannot have during init: the bound
// sockets and sending (core services), and the compiled script (tm runs failure, onreply and
// branch routes; pua_reginfo and usrloc raise events). The server fills it in after the
// script is compiled and before childInit; a module must not touch it in init.
import type { CoreServices } from '../core/message-context.js';
import type { CompiledScript } from '../script/compiled-script.js';
import type { SendTarget, SendOptions, ListenSocket } from '../transport/index.js';
import type { RouteType } from './functions.js';
import type { MessageContext } from './functions.js';

export interface RuntimeHandle {
  /** The core services (replies, forwarding, sockets, is_myself). */
  readonly core: CoreServices;
  readonly script: CompiledScript;
  /** Raw send of a built message (tm, UAC requests). */
  send(target: SendTarget, buf: Buffer, opts?: SendOptions): Promise<void>;
  /** A fresh message context over `msg` text for a route run without a received message
   *  (OpenSIPS's faked requests for failure_route and local routes). */
  readonly sockets: readonly ListenSocket[];
  createDummyContext(routeType: RouteType): MessageContext;
}

/** Late-bound: `ready` throws until the server has set it (a module calling it from init is
 *  a bug worth a clear message). */
export class RuntimeSlot {
  private value: RuntimeHandle | undefined;
  get ready(): RuntimeHandle {
    if (!this.value) throw new Error('the runtime is not ready yet: modules reach sockets and routes only after init');
    return this.value;
  }
  get isReady(): boolean {
    return this.value !== undefined;
  }
  set(v: RuntimeHandle): void {
    this.value = v;
  }
}
