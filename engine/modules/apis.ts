// The APIs modules export to each other (the TypeScript form of OpenSIPS's bind_usrloc,
// load_tm_api, bind_pua). Empty here on purpose: each module adds its entry by declaration
// merging next to its own code, so `ctx.api('usrloc')` is typed without the engine knowing
// any module:
//
//   declare module '../../engine/modules/apis.js' { interface ModuleApis { usrloc: UsrlocApi } }
//
export interface ModuleApis {}
