// The SIPssert registration checks, done the way their scripts do them: the Python ones
// call ul_dump over mi_http and look at the AORs and contacts; the shell ones count or read
// the `location` table. Each returns undefined when the check passes, else what was wrong.
import type { ScenarioEnv } from './scenario.js';

interface Dump { Domains: { AORs: { AOR: string; Contacts: { Contact: string; Expires: number | string }[] }[] }[] }

const isInt = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v));

/** The dead-or-expired test several scripts share: no AOR, or its contact shows expired. */
function goneOrExpired(aors: Dump['Domains'][0]['AORs']): string | undefined {
  if (aors.length === 0) return undefined;
  if (aors.length !== 1) return `Number of contacts is ${aors.length}`;
  const e = aors[0]!.Contacts[0]!.Expires;
  if (isInt(e) ? Number(e) !== 0 : e !== 'expired') return `Expires is ${e}`;
  return undefined;
}

async function miCheck(scenario: string, args: string[], env: ScenarioEnv): Promise<string | undefined> {
  const dump = (await env.mi('ul_dump')) as Dump;
  const aors = dump.Domains[0]!.AORs;
  const l = aors.length;
  const first = () => aors[0]!.Contacts[0]!;
  switch (scenario) {
    case '01.no-db':
      return args[0] === 'unregister' ? (l === 0 ? undefined : `${l} AORs left`) : l === 1 ? undefined : `${l} AORs`;
    case '02.db':
      if (args[0] === 'unregister') return l === 0 || (l === 1 && first().Expires === 'deleted') ? undefined : `${l} AORs, expires ${l ? first().Expires : '-'}`;
      return l === 1 ? undefined : `${l} AORs`;
    case '03.expire': case '04.expire-min': case '05.expire-max':
      if (args[0] === 'expired') return goneOrExpired(aors);
      if (l !== 1) return `Number of contacts is ${l}`;
      return scenario === '03.expire' || isInt(first().Expires) ? undefined : `Expires is ${first().Expires}`;
    case '06.reregister-expire': {
      if (args[0] === 'expired') return goneOrExpired(aors);
      if (l !== 1) return `Number of contacts is ${l}`;
      const e = first().Expires;
      if (!isInt(e)) return `Expires is ${e}`;
      if (args[0] === 'reregister') return Number(e) > 5 ? `Expires ${e} is higher than 5` : undefined;
      return Number(e) < 30 ? `Expires ${e} is too low` : undefined;
    }
    case '07.limit': {
      const want = Number(args[0]);
      if (l !== 1) return l === 0 && want === 0 ? undefined : `Unexpected number of AORs: ${l}!`;
      const count = aors[0]!.Contacts.filter((c) => isInt(c.Expires) && Number(c.Expires) > 0).length;
      return count === want ? undefined : `Expected contacts ${want} differs from the actual ones ${count}`;
    }
    case '08.overwrite': {
      const port = args[0];
      if (l !== 1) return l === 0 && !port ? undefined : `Unexpected number of AORs: ${l}!`;
      if (!port) return first().Expires === 'expired' ? undefined : `contact still valid, expires ${first().Expires}!`;
      if (aors[0]!.Contacts.length !== 1) return `Unexpected number of contacts: ${aors[0]!.Contacts.length}!`;
      return first().Contact.endsWith(`:${port}`) ? undefined : `contact ${first().Contact} does not end with :${port}`;
    }
    default:
      return `no MI check for ${scenario}`;
  }
}

async function sqlCheck(scenario: string, args: string[], env: ScenarioEnv): Promise<string | undefined> {
  if (scenario === '08.overwrite') {
    const rows = (await env.sql!('SELECT contact FROM location')) as { contact: string }[];
    const ct = rows.map((r) => r.contact).join('\n');
    if (!args[0]) return ct === '' ? undefined : `no contact expected, but got [${ct}]`;
    const port = ct.slice(ct.lastIndexOf(':') + 1);
    return port === args[0] ? undefined : `different contact port ${port} (expected ${args[0]})`;
  }
  const rows = (await env.sql!('SELECT COUNT(*) AS n FROM location')) as { n: string | number }[];
  const n = Number(rows[0]!.n);
  let want: number;
  if (scenario === '07.limit') want = Number(args[0]);
  else want = args[0] === 'unregister' || args[0] === 'expired' ? 0 : 1;
  return n === want ? undefined : `number of contacts is ${n} (expected ${want})`;
}

export async function registrationCheck(dir: string, script: string, args: string[], env: ScenarioEnv): Promise<string | undefined> {
  const scenario = dir.split('/').filter(Boolean).pop()!;
  return script.endsWith('.py') ? miCheck(scenario, args, env) : sqlCheck(scenario, args, env);
}
