// What sipmsgops' init returns: a logger and the parsed is_method lists.
import type { MethodMatcher } from './method-list.js';

export interface SipmsgopsState {
  readonly log: (level: number, message: string) => void;
  readonly methodLists: Map<string, MethodMatcher | string>;
  /** Case-insensitive copies of remove_hf_re's regexes (header names are case-insensitive). */
  readonly caseless: WeakMap<RegExp, RegExp>;
}
