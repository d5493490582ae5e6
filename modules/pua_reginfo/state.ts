import type { UDomain, UsrlocApi, UContact } from '../usrloc/api.js';
import type { PuaApi } from '../pua/api.js';
import type { PresenceApi } from '../presence/api.js';
import type { XmlLimits } from '../../engine/xml/untrusted.js';
import type { NotifyTracker } from './notify-state.js';

export interface ReginfoConfig {
  readonly defaultDomain: string | undefined;
  readonly publish: boolean;
  readonly outboundProxy: string | undefined;
  readonly serverAddress: string;
  readonly identitiesKey: string | undefined;
  readonly publishExpires: number;
  readonly xmlLimits: XmlLimits;
}

export interface ReginfoState {
  readonly cfg: ReginfoConfig;
  readonly ul: UsrlocApi;
  readonly domain: UDomain;
  readonly pua: PuaApi;
  readonly presence: PresenceApi | undefined;
  /** Contacts learned from NOTIFYs: their later expiry is not published back. */
  readonly learned: WeakSet<UContact>;
  readonly notifies: NotifyTracker;
  log(level: number, message: string): void;
}
