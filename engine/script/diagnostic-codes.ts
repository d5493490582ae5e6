// The catalog of script diagnostic codes. A code is never reused or renamed; each has a
// one-line description (a test checks that every code used is listed here).
export const DIAGNOSTIC_CODES = {
  TSIPS_SYNTAX: 'the script does not follow the grammar at this point',
  TSIPS_SYNTAX_UNTERMINATED: 'a string, comment or block is not closed',
  TSIPS_INCLUDE_MISSING: 'include_file/import_file names a file that cannot be read',
  TSIPS_INCLUDE_CYCLE: 'include_file/import_file includes a file that is already being included',
  TSIPS_PREPROCESSOR_IGNORED: 'a #! preprocessor line is ignored, as OpenSIPS ignores it',
  TSIPS_DEPRECATED: 'a spelling OpenSIPS accepts with a deprecation warning',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
