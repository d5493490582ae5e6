// OpenSIPS compiles script regexes as POSIX extended, case-insensitive (glibc regcomp). We
// translate the ERE spellings JavaScript lacks (bracket classes like [[:digit:]]) and
// compile with the 'i' flag. \w \s \b work the same in both. Throws SyntaxError when the
// expression does not compile.
const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\r\\n\\v\\f',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

export function translateEre(src: string): string {
  return src.replace(/\[:([a-z]+):\]/g, (all, name: string) => CLASSES[name] ?? all);
}

export function compilePosixRegex(src: string): RegExp {
  return new RegExp(translateEre(src), 'i');
}
