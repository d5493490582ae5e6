// is_method's argument: one method, or several separated by '|'. OpenSIPS turns a list into
// a bitmask of the methods it knows (an unknown name in a list is a start-up error) and
// compares a single unknown name as text; tsips keeps a Set per distinct argument, built
// once (the fixup checks constants; a variable's value is parsed and cached at run time).

/** The methods OpenSIPS has a METHOD_* bit for. */
export const KNOWN_METHODS = new Set([
  'INVITE', 'CANCEL', 'ACK', 'BYE', 'INFO', 'OPTIONS', 'UPDATE', 'REGISTER', 'MESSAGE',
  'SUBSCRIBE', 'NOTIFY', 'PRACK', 'REFER', 'PUBLISH',
]);

export type MethodMatcher = ReadonlySet<string>;

/** Upper-case method names, or a message naming the problem. */
export function parseMethodList(text: string): MethodMatcher | string {
  const names = text.split('|').map((m) => m.trim().toUpperCase());
  if (names.some((n) => n === '')) return `empty method name in '${text}'`;
  if (names.length > 1) {
    const unknown = names.filter((n) => !KNOWN_METHODS.has(n));
    if (unknown.length) return `unknown method${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in a method list`;
  }
  return new Set(names);
}

/** Bounded so that a variable argument with ever-new values cannot grow it for ever. */
const CACHE_MAX = 512;

export function cachedMethodList(cache: Map<string, MethodMatcher | string>, text: string): MethodMatcher | string {
  let m = cache.get(text);
  if (m === undefined) {
    m = parseMethodList(text);
    if (cache.size < CACHE_MAX) cache.set(text, m);
  }
  return m;
}
