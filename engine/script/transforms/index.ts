// The transformations tsips knows, by lower-case `class.name`. The linker checks names and
// argument counts against this table; the compiler applies them left to right.
import type { TransformDef } from './types.js';
import { stringTransforms } from './string.js';
import { paramTransforms } from './param.js';
import { csvTransforms } from './csv.js';
import { uriTransforms } from './uri.js';
import { nameaddrTransforms } from './nameaddr.js';
import { viaTransforms } from './via.js';

export type { TransformDef, TransformArgKind } from './types.js';

const all: readonly TransformDef[] = [
  ...stringTransforms, ...paramTransforms, ...csvTransforms, ...uriTransforms, ...nameaddrTransforms, ...viaTransforms,
];

export const transforms: ReadonlyMap<string, TransformDef> = new Map(all.map((t) => [t.name, t]));

/** Class and name are case-insensitive in OpenSIPS: `{S.Len}` is `{s.len}`. */
export function findTransform(name: string): TransformDef | undefined {
  return transforms.get(name.toLowerCase());
}
