// loadScriptText / loadScriptFile: every syntax error reported, never a throw for a bad script.
import { describe, expect, it } from 'vitest';
import { formatDiagnostics, loadScriptFile, loadScriptText } from '../../../engine/config/index.js';

describe('loading a script', () => {
  it('three separate syntax errors give three located errors', () => {
    const text = 'log_level=3\nroute {\n\txlog("a")\n\t$var(x) = ;\n}\nroute[b] {\n\tsl_send_reply(404 "x");\n}\n';
    const load = loadScriptText(text, 'three.cfg', '/');
    expect(load.diagnostics.map((d) => [d.loc.line, d.loc.col, d.severity])).toEqual([[3, 11, 'error'], [4, 12, 'error'], [7, 20, 'error']]);
    expect(formatDiagnostics(load.diagnostics, load.sources)).toBe(
      'three.cfg:3:11: error: expected \';\' after statement [TSIPS_SYNTAX_MISSING_SEMICOLON]\n' +
      '  3 | \txlog("a")\n' +
      '    | \t         ^\n' +
      'three.cfg:4:12: error: syntax error: unexpected \';\' [TSIPS_SYNTAX]\n' +
      '  4 | \t$var(x) = ;\n' +
      "    | \t          ^ expected '(', '~', NULL, function name, number, pseudo-variable or string\n" +
      'three.cfg:7:20: error: syntax error: unexpected \'"x"\' [TSIPS_SYNTAX]\n' +
      '  7 | \tsl_send_reply(404 "x");\n' +
      "    | \t                  ^^^ expected ')' or ','\n");
  });
  it('a #! line is a warning, not an error', () => {
    const load = loadScriptText('#!define X 1\nroute { exit; }\n', 'k.cfg', '/');
    expect(load.diagnostics).toMatchObject([{ code: 'TSIPS_PREPROCESSOR_IGNORED', severity: 'warning', loc: { line: 1, col: 1, endCol: 9 } }]);
  });
  it('keeps going after errors and still builds the good routes', () => {
    const load = loadScriptText('route { foo( }\nroute[ok] { exit; }\n', 'k.cfg', '/');
    expect(load.script.items.map((i) => i.type)).toEqual(['Route', 'Route']);
    expect(load.diagnostics).toHaveLength(1);
  });
  it('throws only when the top file cannot be read', () => {
    expect(() => loadScriptFile('/nonexistent/main.cfg')).toThrow();
  });
});
