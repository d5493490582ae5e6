// The catalog of script diagnostic codes. A code is never reused or renamed; each has a
// one-line description (a test checks that every code used is listed here).
export const DIAGNOSTIC_CODES = {
  TSIPS_SYNTAX: 'the script does not follow the grammar at this point',
  TSIPS_SYNTAX_UNTERMINATED: 'a string, comment or block is not closed',
  TSIPS_SYNTAX_MISSING_SEMICOLON: "a statement is not ended by ';'",
  TSIPS_SYNTAX_BARE_WORD: 'a function name is used without the () of a call',
  TSIPS_SYNTAX_UNKNOWN_ROUTE: 'a block is introduced by a word that is not a route type',
  TSIPS_SYNTAX_PVAR_FORM: 'an index or transformation is written on a short-form variable ($avp(x)[*] instead of $(avp(x)[*]))',
  TSIPS_SYNTAX_BREAK_OUTSIDE: "'break' is used outside switch, while and for",
  TSIPS_INCLUDE_MISSING: 'include_file/import_file names a file that cannot be read',
  TSIPS_INCLUDE_CYCLE: 'include_file/import_file includes a file that is already being included',
  TSIPS_PREPROCESSOR_IGNORED: 'a #! preprocessor line is ignored, as OpenSIPS ignores it',
  TSIPS_INCLUDE_FROM_CWD: 'an include path was found relative to the working directory, not to the including file',
  TSIPS_DEPRECATED: 'a spelling OpenSIPS accepts with a deprecation warning',
  // Module system (engine/modules): loadmodule, modparam, module dependencies.
  TSIPS_MODULE_NOT_FOUND: 'loadmodule names a module found neither in an mpath folder nor among the built-in modules',
  TSIPS_MODULE_INVALID: 'a module file does not default-export a valid defineModule() definition',
  TSIPS_MODULE_NAME_MISMATCH: "a module's declared name differs from its folder or file name",
  TSIPS_MODULE_DUPLICATE: 'the same module is loaded twice',
  TSIPS_MODULE_DEPENDENCY_MISSING: 'a module this module depends on is not loaded',
  TSIPS_MODULE_DEPENDENCY_CYCLE: 'modules depend on each other in a cycle, so no init order exists',
  TSIPS_MODPARAM_NO_MODULE: 'modparam names no loaded module (the name is a regular expression)',
  TSIPS_MODPARAM_BAD_MODULE_REGEX: "modparam's module name is not a valid regular expression",
  TSIPS_MODPARAM_UNKNOWN: 'modparam sets a parameter the module does not have',
  TSIPS_MODPARAM_TYPE: 'modparam gives a string to an integer parameter or a number to a string parameter',
  TSIPS_MODPARAM_VALUE: 'modparam gives a value outside the allowed values or range',
  TSIPS_MODPARAM_REQUIRED: 'a required module parameter is not set',
  TSIPS_MODPARAM_REPEATED: 'a parameter that takes one value is set more than once; the last value wins',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
