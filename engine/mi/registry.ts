// The MI command table of one process (OpenSIPS mi/mi.c register_mi_cmd / lookup_mi_cmd).
// The core registers its commands at start-up, modules theirs after their init.
import { recipesOf, type MiCommand, type MiCommandDef } from './command.js';

export interface MiRegistry {
  /** Registers a command; a name already taken is refused, as OpenSIPS does. */
  register(def: MiCommandDef, module?: string): MiCommand;
  lookup(name: string): MiCommand | undefined;
  /** In registration order (what `which` lists). */
  list(): MiCommand[];
}

export function createMiRegistry(): MiRegistry {
  const commands = new Map<string, MiCommand>();
  return {
    register(def, module) {
      if (commands.has(def.name)) throw new Error(`MI command '${def.name}' is already registered`);
      const recipes = recipesOf(def);
      if (recipes.length === 0) throw new Error(`MI command '${def.name}' accepts no parameter set`);
      const cmd: MiCommand = { ...def, recipes, module };
      commands.set(def.name, cmd);
      return cmd;
    },
    lookup: (name) => commands.get(name),
    list: () => [...commands.values()],
  };
}
