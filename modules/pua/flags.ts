// OpenSIPS's pua constants (reference 6.2): event flags, source flags, request types and the
// send errors, with the same values so a flag stored in the `pua` table means the same in
// tsips and OpenSIPS.

export const PRESENCE_EVENT = 1 << 0;
export const PWINFO_EVENT = 1 << 1;
export const BLA_EVENT = 1 << 2;
export const MSGSUM_EVENT = 1 << 3;
export const CONFERENCE_EVENT = 1 << 4;
export const XCAPDIFF_EVENT = 1 << 5;
export const DIALOG_EVENT = 1 << 6;
export const CALLINFO_EVENT = 1 << 7;
export const REGINFO_EVENT = 1 << 8;

export const UL_PUBLISH = 1 << 0;
export const BLA_PUBLISH = 1 << 1;
export const BLA_SUBSCRIBE = 1 << 2;
export const XMPP_PUBLISH = 1 << 3;
export const XMPP_SUBSCRIBE = 1 << 4;
export const XMPP_INITIAL_SUBS = 1 << 5;
export const MI_PUBLISH = 1 << 6;
export const MI_ASYN_PUBLISH = 1 << 7;
export const MI_SUBSCRIBE = 1 << 8;
export const RLS_SUBSCRIBE = 1 << 9;
export const DIALOG_PUBLISH = 1 << 10;
export const CALLINFO_PUBLISH = 1 << 11;
export const REGINFO_SUBSCRIBE = 1 << 12;
export const REGINFO_PUBLISH = 1 << 13;

/** sendPublish/sendSubscribe `flag`: always create a new record. */
export const INSERT_TYPE = 1 << 1;
/** Update the record if one exists, otherwise create it. */
export const UPDATE_TYPE = 1 << 2;

export const ERR_PUBLISH_NO_ERROR = 0;
export const ERR_PUBLISH_GENERIC = -1;
/** Expires 0 (or an ETag to match) and no such publication. OpenSIPS returns a positive 418
 *  for the ETag case, which callers testing `< 0` took for success (reference 8 #6). */
export const ERR_PUBLISH_NO_RECORD = -9;
/** A new publication without a body for an event that has one. */
export const ERR_PUBLISH_NO_BODY = -10;
