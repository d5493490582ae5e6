// remove_hf, remove_hf_re, remove_hf_glob: mark every matching header line of the received
// message for removal when it is sent on (lines already removed are not counted again).
// Reads of the message ($hdr, is_present_hf) still see the removed lines, as in OpenSIPS.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { SipmsgopsState } from './state.js';

export function removeHf(ctx: MessageContext, name: string): number {
  if (name === '') return -1;
  return ctx.editor.removeHeader(name) > 0 ? 1 : -1;
}

/** Removes the lines whose (full, lower-case) name the predicate accepts. */
function removeMatching(ctx: MessageContext, matches: (name: string) => boolean): number {
  let removed = 0;
  for (const name of new Set(ctx.msg.names)) if (matches(name)) removed += ctx.editor.removeHeader(name);
  return removed > 0 ? 1 : -1;
}

export function removeHfRe(st: SipmsgopsState, ctx: MessageContext, re: RegExp): number {
  // OpenSIPS compiles REGEX arguments case-insensitively; make sure ours is too, once per regex.
  let ci = st.caseless.get(re);
  if (!ci) st.caseless.set(re, (ci = re.flags.includes('i') ? re : new RegExp(re.source, re.flags.replace(/[gy]/g, '') + 'i')));
  const r = ci;
  return removeMatching(ctx, (n) => r.test(n));
}

/** fnmatch-style pattern (`*`, `?`, `[...]`) to a whole-name, case-insensitive regex. */
export function globToRegExp(glob: string): RegExp {
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) src += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        src += '[' + (body.startsWith('!') ? '^' + body.slice(1) : body) + ']';
        i = end;
      }
    } else src += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 'i');
}

export function removeHfGlob(ctx: MessageContext, pattern: string): number {
  const re = globToRegExp(pattern);
  return removeMatching(ctx, (n) => re.test(n));
}
