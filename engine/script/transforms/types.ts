// What a transformation ({class.name,args}) declares, so the linker can check its name and
// arguments at load time and the compiled variable can apply it with resolved arguments.
import type { MaybeValue } from '../value.js';

/** int: a signed integer (or a variable holding one); str: raw text or a variable;
 *  char: exactly one character, blanks included (s.select's separator). */
export type TransformArgKind = 'int' | 'str' | 'char';

export interface TransformDef {
  /** Lower-case `class.name`, e.g. 's.substr'. */
  readonly name: string;
  readonly args: readonly { readonly kind: TransformArgKind; readonly optional?: boolean }[];
  readonly tier: 1 | 2 | 3;
  readonly doc: string;
  /** Returns the transformed value; null (NULL) when it fails (the whole variable reads NULL). */
  apply(v: MaybeValue, args: readonly (string | number)[]): MaybeValue;
}

export const transform = (d: TransformDef): TransformDef => d;
