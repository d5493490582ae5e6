// The start-up steps that only read and check (script-language.md section 11, steps 3-7):
// globals, module statements in script order, module parameters and dependency order,
// linking, listening sockets. Everything wrong is collected and reported together; `tsips -c`
// stops after this.
import type { ScriptLoad } from '../../config/index.js';
import type { Socket } from '../../script/ast.js';
import { Diagnostics, type Diagnostic } from '../../script/diagnostics.js';
import type { LinkedScript } from '../../script/compiled-script.js';
import { prepareModules, type LoadedModule, type PreparedModule } from '../../modules/index.js';
import type { SocketSpec } from '../../transport/index.js';
import { readCoreConfig, type CoreConfig, type ConfigNotices } from './core-config.js';
import { loadScriptModules } from './module-statements.js';
import { planSockets } from './socket-config.js';
import { scriptRuntime, type ScriptRuntime } from './script-runtime.js';

export interface CheckedScript {
  readonly config: CoreConfig & ConfigNotices;
  readonly modules: readonly LoadedModule[];
  readonly prepared: readonly PreparedModule[];
  readonly linked: LinkedScript;
  readonly sockets: readonly SocketSpec[];
  readonly runtime: ScriptRuntime;
}

export interface CheckResult {
  /** Present when nothing is wrong. */
  readonly checked?: CheckedScript;
  /** Every located problem (errors and warnings), the syntax ones included. */
  readonly diagnostics: readonly Diagnostic[];
  /** Problems with no script line: -l options, no socket. */
  readonly errors: readonly string[];
  /** What the globals section asked for, even when something else failed (log level ...). */
  readonly config: CoreConfig & ConfigNotices;
}

export interface CheckOptions {
  readonly listen: readonly string[];
  readonly version: string;
  /** Where built-in modules live; tests may point elsewhere. */
  readonly builtinDir?: string;
  /** The linker and compiler; tests may give stand-ins. */
  readonly runtime?: ScriptRuntime;
}

export async function checkScript(load: ScriptLoad, opts: CheckOptions): Promise<CheckResult> {
  const out = new Diagnostics();
  out.list.push(...load.diagnostics);
  const syntaxOk = out.errorCount === 0;
  const config = readCoreConfig(load.script, opts.version, out);
  const modules = await loadScriptModules(load.script, out, opts.builtinDir);
  const errors: string[] = [];
  const prepared = out.errorCount === 0 ? prepareModules(modules, out) : undefined;
  let linked: LinkedScript | undefined;
  const runtime = opts.runtime ?? scriptRuntime;
  // Linking a tree with syntax errors, or against modules that failed, would only repeat them.
  if (syntaxOk && prepared) linked = runtime.linkScript(load.script, modules, out);
  const socketNodes = load.script.items.filter((i): i is Socket => i.type === 'Socket');
  const plan = planSockets(socketNodes, opts.listen, new Set(modules.map((m) => m.name)), out);
  errors.push(...plan.errors);
  const ok = out.errorCount === 0 && errors.length === 0;
  const checked = ok && prepared && linked ? { config, modules, prepared, linked, sockets: plan.specs, runtime } : undefined;
  return { checked, diagnostics: out.list, errors, config };
}
