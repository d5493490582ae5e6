// The event packages pua can publish and subscribe to (OpenSIPS add_events.c, event_list.c):
// flag, Event header value, default Content-Type and an optional hook that rewrites the body
// before each PUBLISH. presence, presence.winfo, dialog;sla and message-summary are built in;
// event modules add theirs (pua_reginfo adds reg).
import { BLA_EVENT, MSGSUM_EVENT, PRESENCE_EVENT, PWINFO_EVENT } from './flags.js';
import type { PublInfo } from './api.js';

/** Returns the body to send (or undefined to send publ.body); `version` counts the
 *  record's PUBLISHes, `tupleId` is the one stored with it. */
export type ProcessBody = (publ: PublInfo, version: number, tupleId: string | undefined) => { body: string; tupleId?: string } | undefined;

export interface PuaEvent {
  readonly flag: number;
  readonly name: string;
  readonly contentType: string | undefined;
  readonly processBody: ProcessBody | undefined;
}

export class EventList {
  private readonly byFlag = new Map<number, PuaEvent>();

  constructor() {
    this.add(PRESENCE_EVENT, 'presence', 'application/pidf+xml');
    this.add(PWINFO_EVENT, 'presence.winfo', undefined);
    this.add(BLA_EVENT, 'dialog;sla', 'application/dialog-info+xml');
    this.add(MSGSUM_EVENT, 'message-summary', 'application/simple-message-summary');
  }

  /** 0; an existing name or flag is kept as it is (OpenSIPS ignores duplicates). -1 when
   *  the flag is not a single bit. */
  add(flag: number, name: string, contentType: string | undefined, processBody?: ProcessBody): number {
    if (!Number.isInteger(flag) || flag <= 0 || (flag & (flag - 1)) !== 0) return -1;
    if (this.byFlag.has(flag) || [...this.byFlag.values()].some((e) => e.name === name)) return 0;
    this.byFlag.set(flag, { flag, name, contentType, processBody });
    return 0;
  }

  get(flag: number): PuaEvent | undefined {
    return this.byFlag.get(flag);
  }

  byName(name: string): PuaEvent | undefined {
    for (const e of this.byFlag.values()) if (e.name === name) return e;
    return undefined;
  }
}
