// switch (5.3): C-style fall-through from the first matching case until `break`; string
// labels match case-insensitively a value with a string form of the same text, number
// labels a value with that integer form; NULL matches nothing; $rc is 1 if nothing ran.
import type * as ast from '../ast.js';
import type { MaybeValue } from '../value.js';
import type { CEnv } from './compile-env.js';
import { compilePVar } from './compile-pvar.js';
import { BREAK, NEXT, runList, andThen, type Exec } from './flow.js';

export function compileSwitch(s: ast.Switch, env: CEnv, compileBody: (b: ast.Statement[]) => Exec[]): Exec {
  const subject = compilePVar(s.subject, env);
  const list: Exec[] = [];
  const labels: { match: (v: MaybeValue) => boolean; start: number }[] = [];
  let defaultStart = -1;
  for (const c of s.cases) {
    const start = list.length;
    list.push(...compileBody(c.body));
    const l = c.label;
    if (l === null) { defaultStart = start; continue; }
    if (l.type === 'Number') { const n = l.value; labels.push({ start, match: (v) => v !== null && v.i === n }); }
    else { const t = l.value.toLowerCase(); labels.push({ start, match: (v) => v?.s !== undefined && v.s.toLowerCase() === t }); }
  }
  return (f) => {
    const v = subject.get(f);
    const hit = labels.find((l) => l.match(v));
    const start = hit ? hit.start : defaultStart;
    if (start < 0 || start >= list.length) { f.ctx.rc = f.last = 1; return NEXT; }
    return andThen(runList(list, f, start), (fl) => (fl === BREAK ? NEXT : fl));
  };
}
