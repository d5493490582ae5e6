// presence's API for other modules (OpenSIPS bind_presence, the parts tsips has): event
// packages added by presence_* modules, and local state published without a SIP message
// (pua_reginfo's direct update of local presentities).

export interface PresenceEventDef {
  /** Event header value, e.g. `reg`. */
  readonly name: string;
  readonly contentType: string;
  /** Subscription expiry when the SUBSCRIBE has no Expires. */
  readonly defaultExpires: number;
  /** Checks a PUBLISHed body; returns an error text to refuse it with 400. */
  readonly checkBody?: (body: Buffer) => string | undefined;
  /** The state for a watcher: `bodies` newest first (empty: none published), `version` the
   *  watcher's NOTIFY counter. */
  readonly notifyBody: (bodies: readonly string[], version: number, presUri: string) => string | undefined;
}

export interface PresenceApi {
  addEvent(def: PresenceEventDef): void;
  /** Whether an event package is served. */
  hasEvent(name: string): boolean;
  /** Replaces the state this node itself publishes for a presentity (one per URI and event),
   *  as a PUBLISH would, and notifies its watchers; expires 0 removes it. */
  publishLocal(presUri: string, event: string, body: string, expires: number): Promise<void>;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { presence: PresenceApi }
}
