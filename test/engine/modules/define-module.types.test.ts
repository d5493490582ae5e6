// Compiles define-module.types.ts with the project's compiler options (tsconfig.json does
// not include test/) and fails on any type error.
import { describe, it, expect } from 'vitest';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';

describe('defineModule types', () => {
  it('infers params, run arguments, state and dependency APIs', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const cfg = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const file = fileURLToPath(new URL('./define-module.types.ts', import.meta.url));
    const program = ts.createProgram([file], { ...cfg.options, noEmit: true, types: ['node'] });
    const diags = ts.getPreEmitDiagnostics(program).map((d) =>
      `${d.file?.fileName ?? ''}:${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diags).toEqual([]);
  }, 60_000);
});
