// Module parameter declarations (OpenSIPS param_export_t, with the checks modules used to
// hand-write in mod_init moved here): type, default, required, allowed values, range, and
// whether the parameter may be set several times. apply-modparam.ts enforces them at the
// `modparam` line, so `init` never re-validates.

/** OpenSIPS INT_PARAM, STR_PARAM, or a parameter exported with both types. */
export type ParamKind = 'int' | 'str' | 'int|str';
export type ParamValue = number | string;

/** How the parameter reads in `ctx.params`: always set (default or required), maybe unset,
 *  or a list (repeatable parameters: one entry per `modparam` line, in script order). */
export type ParamPresence = 'always' | 'maybe' | 'multi';

export interface ParamDef<T extends ParamValue = ParamValue, P extends ParamPresence = ParamPresence> {
  readonly kind: ParamKind;
  readonly default?: T;
  readonly required?: boolean;
  readonly oneOf?: readonly T[];
  readonly min?: number;
  readonly max?: number;
  /** Repeatable: every modparam line adds a value (OpenSIPS USE_FUNC_PARAM setters). */
  readonly multi?: boolean;
  readonly doc: string;
  /** Phantom: carries T and P for ParamValues; never set at run time. */
  readonly __type?: { value: T; presence: P };
}

interface BaseOpts<T> {
  oneOf?: readonly T[];
  doc: string;
}
interface IntOpts extends BaseOpts<number> { min?: number; max?: number }
type StrOpts = BaseOpts<string>;

// Overloads give each declaration the presence its options imply, so `ctx.params.port` is a
// number (it has a default) while an optional `db_url` is `string | undefined`.
function int(o: IntOpts & { multi: true }): ParamDef<number, 'multi'>;
function int(o: IntOpts & ({ default: number } | { required: true })): ParamDef<number, 'always'>;
function int(o: IntOpts): ParamDef<number, 'maybe'>;
function int(o: IntOpts & { default?: number; required?: boolean; multi?: boolean }): ParamDef<number> {
  return { kind: 'int', ...o };
}

function str(o: StrOpts & { multi: true }): ParamDef<string, 'multi'>;
function str(o: StrOpts & ({ default: string } | { required: true })): ParamDef<string, 'always'>;
function str(o: StrOpts): ParamDef<string, 'maybe'>;
function str(o: StrOpts & { default?: string; required?: boolean; multi?: boolean }): ParamDef<string> {
  return { kind: 'str', ...o };
}

/** A parameter OpenSIPS exports as "string or int" (e.g. httpd's `port` in newer releases). */
function intOrStr(o: BaseOpts<ParamValue> & { multi: true }): ParamDef<ParamValue, 'multi'>;
function intOrStr(o: BaseOpts<ParamValue> & ({ default: ParamValue } | { required: true })): ParamDef<ParamValue, 'always'>;
function intOrStr(o: BaseOpts<ParamValue>): ParamDef<ParamValue, 'maybe'>;
function intOrStr(o: BaseOpts<ParamValue> & { default?: ParamValue; required?: boolean; multi?: boolean }): ParamDef<ParamValue> {
  return { kind: 'int|str', ...o };
}

export const param = { int, str, intOrStr };

export type ParamDefs = Readonly<Record<string, ParamDef>>;

/** The values `init` sees: defaults applied, required ones present, repeatable ones as lists. */
export type ParamValues<P extends ParamDefs> = {
  readonly [K in keyof P]: P[K] extends ParamDef<infer T, infer Pr>
    ? Pr extends 'multi' ? readonly T[] : Pr extends 'always' ? T : T | undefined
    : never;
};
