// Event and Subscription-State (RFC 6665 8.2.1, 8.2.3).
//   Event = ( "Event" / "o" ) HCOLON event-type *( SEMI event-param )
//   Subscription-State = substate-value *( SEMI subexp-params )
import { headerError } from './errors.js';
import { type Params, type ParamList, cursor, paramsRecord, scanParams, scanToken, expectEnd, parseUint } from './params.js';

export interface EventHeader {
  /** event-type as written, template included (`presence`, `reg`, `presence.winfo`). */
  package: string;
  id: string | undefined;
  params: Params;
}

export interface SubscriptionState {
  /** active, pending, terminated or an extension, lower-cased. */
  state: string;
  expires: number | undefined;
  reason: string | undefined;
  retryAfter: number | undefined;
  params: Params;
}

export function parseEventValue(value: string): EventHeader {
  const cur = cursor(value, 0, value.length, 'event');
  const pkg = scanToken(cur, 'event type');
  const list: ParamList = [];
  scanParams(cur, list, false);
  expectEnd(cur);
  const params = paramsRecord(list);
  return { package: pkg, id: params.id ?? undefined, params };
}

export function parseSubscriptionStateValue(value: string): SubscriptionState {
  const h = 'subscription-state';
  const cur = cursor(value, 0, value.length, h);
  const state = scanToken(cur, 'substate value').toLowerCase();
  const list: ParamList = [];
  scanParams(cur, list, false);
  const params = paramsRecord(list);
  const e = params.expires;
  const r = params['retry-after'];
  if (params.reason === null) throw headerError(h, 'reason without a value');
  return {
    state,
    expires: e == null ? undefined : parseUint(e, 0xffffffff, h, 'expires'),
    reason: params.reason ?? undefined,
    retryAfter: r == null ? undefined : parseUint(r, 0xffffffff, h, 'retry-after'),
    params,
  };
}
