// presence's API for other modules (the part of OpenSIPS's bind_presence pua_reginfo uses):
// local state published without a SIP message.
export interface PresenceApi {
  /** Whether an event package is served (presence_reginfo adds `reg`). */
  hasEvent(name: string): boolean;
  /** Replaces the state this node itself publishes for a presentity (one per URI and event),
   *  as a PUBLISH would, and notifies its watchers; expires 0 removes it. */
  publishLocal(presUri: string, event: string, body: string, expires: number): Promise<void>;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { presence: PresenceApi }
}
