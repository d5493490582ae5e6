// A tsips node running test/e2e/pua/pua.cfg: pua driven over MI, its SIP port, and the
// statistics the tests read.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTsips, repoRoot, type TsipsProcess } from '../tsips-process.js';
import { freePort } from '../free-port.js';
export { until } from '../until.js';
import { callMi, miStatistic, miUrl, type MiReply } from '../../../engine/cli/mi-client.js';

export const here = join(repoRoot, 'test', 'e2e', 'pua');

export interface PuaNode {
  readonly p: TsipsProcess;
  readonly sip: number;
  readonly http: number;
  mi(method: string, params?: Record<string, unknown>): Promise<MiReply>;
  stat(name: string): Promise<number>;
}

export async function startNode(o: { dbUrl: string; table: string; extra?: string[]; sip?: number }): Promise<PuaNode> {
  const sip = o.sip ?? await freePort();
  const http = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tsips-pua-e2e-'));
  const cfg = readFileSync(join(here, 'pua.cfg'), 'utf8')
    .replaceAll('@SIP_PORT@', String(sip)).replaceAll('@HTTP_PORT@', String(http)).replaceAll('@DB_URL@', o.dbUrl)
    .replace('@EXTRA@', [`modparam("pua", "db_table", "${o.table}")`, ...(o.extra ?? [])].join('\n'));
  const file = join(dir, 'pua.cfg');
  writeFileSync(file, cfg);
  const p = startTsips(['-f', file]);
  await p.waitFor(/ready/, 20_000);
  const url = miUrl(http);
  return { p, sip, http, mi: (method, params = {}) => callMi(url, method, params), stat: (name) => miStatistic(url, name) };
}


/** A sipp scenario with @NAME@ placeholders filled in, written to a temp file. */
export function scenario(name: string, values: Record<string, string | number> = {}): string {
  let xml = readFileSync(join(here, 'sipp', name), 'utf8');
  for (const [k, v] of Object.entries(values)) xml = xml.replaceAll(`@${k}@`, String(v));
  const file = join(mkdtempSync(join(tmpdir(), 'tsips-pua-sipp-')), name);
  writeFileSync(file, xml);
  return file;
}

export const tableName = (what: string) => `pua_e2e_${what}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;

export const PIDF = '<?xml version="1.0"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com"><tuple id="t1"><status><basic>open</basic></status></tuple></presence>';
