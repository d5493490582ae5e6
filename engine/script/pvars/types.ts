// What a pseudo-variable class declares (OpenSIPS pv_export_t): whether it takes an inner
// name, whether the script may write it, and how to read and write it on a message.
import type { MessageContext } from '../../core/message-context.js';
import type { MaybeValue } from '../value.js';

/** `$(x[2])` -> 2, `$(x[*])` -> '*', `$(x[append])` -> 'append' (write only), none -> undefined. */
export type PvIndex = number | '*' | 'append' | undefined;

/** How a write was spelt: `:=` (or `[*]`) replaces every value of an AVP. */
export interface SetHow { readonly replaceAll: boolean; readonly index: PvIndex }

export interface PvarSpec {
  readonly name: string;
  /** `$var(x)` requires one, `$socket_in(ip)` may have one, `$ru` has none. */
  readonly inner: 'none' | 'required' | 'optional';
  readonly writable?: boolean;
  readonly doc: string;
  get(ctx: MessageContext, inner: string | undefined, index: PvIndex): MaybeValue;
  /** Returns false when the value could not be written (logged by the caller). */
  set?(ctx: MessageContext, inner: string | undefined, v: MaybeValue, how: SetHow): boolean;
}

export const pvar = (s: PvarSpec): PvarSpec => s;

/** Picks the n-th of a list (negative from the end), or all joined by ', ' for '*'. */
export function pickIndexed(list: readonly string[], index: PvIndex): string | undefined {
  if (index === undefined) return list[0];
  if (index === '*') return list.length ? list.join(', ') : undefined;
  if (index === 'append') return undefined;
  return list[index < 0 ? list.length + index : index];
}
