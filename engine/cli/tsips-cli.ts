// `tsips-cli`: the MI client. `tsips-cli mi CMD [name=value ...]` sends one JSON-RPC 2.0
// request to mi_http (as OpenSIPS's `opensips-cli -x mi` does) and prints the result.
import { callMi, type MiReply } from './mi-client.js';

export const MI_DEFAULT_URL = 'http://127.0.0.1:8888/mi';

const USAGE = `usage: tsips-cli [-u URL] mi COMMAND [name=value ...] [value ...]
  -u URL   mi_http endpoint (default ${MI_DEFAULT_URL}, or $TSIPS_MI_URL)
Parameters given as name=value are sent by name; bare values by position.`;

export async function main(argv: readonly string[]): Promise<number> {
  const args = [...argv];
  let url = process.env.TSIPS_MI_URL ?? MI_DEFAULT_URL;
  if (args[0] === '-u') { args.shift(); url = args.shift() ?? url; }
  if (args[0] !== 'mi' || !args[1]) { process.stderr.write(USAGE + '\n'); return 2; }
  const method = args[1];
  const rest = args.slice(2);
  const named = rest.filter((a) => a.includes('='));
  if (named.length && named.length !== rest.length) {
    process.stderr.write('tsips-cli: give parameters all by name or all by position\n');
    return 2;
  }
  const params = named.length
    ? Object.fromEntries(named.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]))
    : rest;
  let body: MiReply;
  try {
    body = await callMi(url, method, params);
  } catch (e) {
    process.stderr.write(`tsips-cli: cannot reach ${url}: ${(e as Error).message}\n`);
    return 1;
  }
  if (body.error) {
    process.stderr.write(`tsips-cli: error ${body.error.code}: ${body.error.message}\n`);
    return 1;
  }
  process.stdout.write(JSON.stringify(body.result, null, 4) + '\n');
  return 0;
}
