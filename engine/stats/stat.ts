// One statistic: OpenSIPS stat_var. Counters only go up between resets (rcv_requests);
// gauges are levels and are never reset (OpenSIPS STAT_NO_RESET, e.g. usrloc's
// registered_users); computed ones read a value on demand (STAT_IS_FUNC).
export type StatKind = 'counter' | 'gauge' | 'computed';

export interface StatDef<S = any> {
  readonly kind: StatKind;
  readonly doc: string;
  /** For computed statistics: reads the value from the module state. */
  readonly read?: (st: S) => number;
}

export type StatDefs = Readonly<Record<string, StatDef>>;

export const stat = {
  counter: (o: { doc: string }): StatDef => ({ kind: 'counter', doc: o.doc }),
  gauge: (o: { doc: string }): StatDef => ({ kind: 'gauge', doc: o.doc }),
  computed: <S>(o: { doc: string; read: (st: S) => number }): StatDef<S> => ({ kind: 'computed', ...o }),
};

/** A registered statistic. Kept as a small mutable object so `inc()` on the per-message
 *  path is a field update, with no lookup and no allocation. */
export interface Stat {
  readonly group: string;
  readonly name: string;
  readonly kind: StatKind;
  readonly doc: string;
  inc(n?: number): void;
  dec(n?: number): void;
  set(v: number): void;
  get(): number;
  /** OpenSIPS reset_stat: counters go back to 0; gauges and computed ones are left alone. */
  reset(): void;
  readonly resettable: boolean;
}

export function createStat(group: string, name: string, def: StatDef, read?: () => number): Stat {
  let value = 0; // closure state of this one statistic object, not module-level
  return {
    group, name, kind: def.kind, doc: def.doc,
    resettable: def.kind === 'counter',
    inc(n = 1) { value += n; },
    dec(n = 1) { value -= n; },
    set(v) { value = v; },
    get: () => (read ? read() : value),
    reset() { if (def.kind === 'counter') value = 0; },
  };
}
