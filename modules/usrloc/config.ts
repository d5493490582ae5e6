// usrloc's working mode from its parameters (reference 7.1): working_mode_preset wins, else
// 3.x's db_mode, else cluster_mode/restart_persistency/sql_write_mode.
export type DbMode = 0 | 1 | 2 | 3;

export interface UlParams {
  readonly working_mode_preset?: string;
  readonly db_mode?: number;
  readonly cluster_mode: string;
  readonly restart_persistency: string;
  readonly sql_write_mode: string;
}

const PRESETS: Record<string, DbMode> = {
  'single-instance-no-db': 0,
  'single-instance-sql-write-through': 1,
  'single-instance-sql-write-back': 2,
  'sql-only': 3,
};

/** The mode, and warnings for settings that were adjusted (OpenSIPS prints the same). */
export function dbModeOf(p: UlParams): { mode: DbMode; warnings: string[] } {
  const warnings: string[] = [];
  if (p.working_mode_preset !== undefined) {
    const m = PRESETS[p.working_mode_preset];
    if (m === undefined) throw new Error(`working_mode_preset '${p.working_mode_preset}' is not supported by tsips (supported: ${Object.keys(PRESETS).join(', ')}); cluster presets need the clusterer module`);
    if (p.db_mode !== undefined) warnings.push('db_mode is ignored: working_mode_preset is set');
    return { mode: m, warnings };
  }
  if (p.db_mode !== undefined) {
    if (![0, 1, 2, 3].includes(p.db_mode)) throw new Error(`db_mode ${p.db_mode} is not 0..3`);
    warnings.push('db_mode is deprecated since OpenSIPS 3.x; use working_mode_preset');
    return { mode: p.db_mode as DbMode, warnings };
  }
  if (p.cluster_mode === 'sql-only') return { mode: 3, warnings };
  if (p.cluster_mode !== 'none') throw new Error(`cluster_mode '${p.cluster_mode}' needs the clusterer module, which tsips does not have`);
  if (p.restart_persistency === 'load-from-sql') {
    if (p.sql_write_mode === 'write-through') return { mode: 1, warnings };
    if (p.sql_write_mode === 'none') warnings.push('restart_persistency=load-from-sql without sql_write_mode: using write-back');
    return { mode: 2, warnings };
  }
  if (p.sql_write_mode !== 'none') warnings.push(`sql_write_mode=${p.sql_write_mode} has no effect without restart_persistency=load-from-sql`);
  return { mode: 0, warnings };
}
