// Strings taken from a parsed message are usually slices of the whole message text, and V8
// keeps that text alive as long as any slice of it lives. A registration lasts hours; the
// message should not. own() makes a string that holds only its own characters (concatenation
// then slicing flattens into a new, small backing string).
export function own(s: string): string;
export function own(s: string | undefined): string | undefined;
export function own(s: string | undefined): string | undefined {
  return s === undefined || s.length < 13 ? s : (` ${s}`).slice(1);
}
