// A module after its `loadmodule` line: the definition, where it came from, and the
// `modparam` values set so far (in script order, each with its line for later messages).
import type { Loc } from '../script/diagnostics.js';
import type { AnyModule } from './define-module.js';
import type { ParamValue } from './params.js';

export interface ModparamSetting { readonly value: ParamValue; readonly loc: Loc }

export interface LoadedModule {
  readonly name: string;
  readonly def: AnyModule;
  readonly file: string;
  readonly builtin: boolean;
  /** The `loadmodule` line. */
  readonly loc: Loc;
  /** Param name -> every value set by modparam, in order. */
  readonly settings: Map<string, ModparamSetting[]>;
}
