// engine/modules: the module contract, the loader (mpath, loadmodule, modparam), dependency
// ordering and the lifecycle. The only public door of this folder.
export type { ModuleApis } from './apis.js';
export {
  defineModule, miCommand,
  type ModuleDefinition, type AnyModule, type ModuleContext, type ModuleMiCommand, type EngineServices,
  type DepKind, type DepDef, type DepDefs, type ParamCondition, type ApiOf, type PvarDecl,
} from './define-module.js';
export { param, type ParamDef, type ParamDefs, type ParamKind, type ParamValue, type ParamValues } from './params.js';
export {
  fn, arg, ROUTE_TYPES,
  type FnDef, type ArgDef, type ArgKind, type ArgValues, type FixupArgs, type FixupIssue,
  type RouteType, type FnResult, type MessageContext, type PvarRef,
} from './functions.js';
export { stat, type StatDef, type StatDefs } from '../stats/stat.js';
export { builtinModulesDir } from './builtin-dir.js';
export { resolveModule, moduleNameOf, type ResolvedModule } from './resolve-module.js';
export { validateModule } from './validate-module.js';
export { loadModule, type LoadRequest } from './load-module.js';
export type { LoadedModule, ModparamSetting } from './loaded-module.js';
export { applyModparam } from './apply-modparam.js';
export { resolveParams, type ResolvedParams } from './resolve-params.js';
export { dependencyOrder, effectiveDeps, type DepNode } from './dependency-order.js';
export { prepareModules, type PreparedModule } from './prepare-modules.js';
export {
  initModules, childInitModules, destroyModules,
  type ModuleSet, type RunningModule, type ModuleTiming, type LifecyclePhase, type LifecycleOptions,
} from './lifecycle.js';
export { ModuleError, MODULE_ERROR_CODES, type ModuleErrorCode } from './error-codes.js';
export { MessageHookLists, type MessageHooks, type MessageClaimer } from './message-hooks.js';
export { RuntimeSlot, type RuntimeHandle } from './runtime-handle.js';
