// The core's settings, read from the script's global parameters (script-language.md 2.2).
// Each value is checked against its kind with OpenSIPS's messages ("number expected" ...),
// located at the value; an unknown name is an error at the name with a did-you-mean.
import type { Global, Alias, Script } from '../../script/ast.js';
import type { Diagnostics } from '../../script/diagnostics.js';
import { closest } from '../../modules/closest-name.js';
import { LogLevel } from '../log.js';
import {
  DEPRECATED_GLOBALS, HONOURED_GLOBALS, WORKER_GLOBALS, allGlobalNames, globalKind, type GlobalKind,
} from './known-globals.js';

export interface CoreAlias { proto: string | null; host: string; port: number; acceptSubdomain: boolean }

export interface CoreConfig {
  logLevel: number;
  xlogLevel: number;
  xlogPrintLevel: number;
  stderrEnabled: boolean;
  syslogEnabled: boolean;
  syslogFacility: string;
  logPrefix: string;
  debugMode: boolean;
  maxWhileLoops: number;
  autoAliases: boolean;
  mhomed: boolean;
  tcpConnectTimeoutMs: number;
  tcpConnectionLifetimeSec: number;
  tcpMaxConnections: number;
  advertisedAddress: string | undefined;
  advertisedPort: number | undefined;
  serverSignature: boolean;
  serverHeader: string;
  userAgentHeader: string;
  dbDefaultUrl: string | undefined;
  aliases: CoreAlias[];
}

export function defaultCoreConfig(version: string): CoreConfig {
  const ident = `tsips (${version} (${process.arch}/${process.platform}))`;
  return {
    logLevel: LogLevel.NOTICE, xlogLevel: LogLevel.NOTICE, xlogPrintLevel: LogLevel.NOTICE,
    stderrEnabled: true, syslogEnabled: false, syslogFacility: 'LOG_DAEMON', logPrefix: '',
    debugMode: false, maxWhileLoops: 10000, autoAliases: false, mhomed: false,
    tcpConnectTimeoutMs: 100, tcpConnectionLifetimeSec: 120, tcpMaxConnections: 2048,
    advertisedAddress: undefined, advertisedPort: undefined,
    serverSignature: true, serverHeader: `Server: ${ident}`, userAgentHeader: `User-Agent: ${ident}`,
    dbDefaultUrl: undefined, aliases: [],
  };
}

/** Messages worth a NOTICE at start-up (globals accepted without effect). */
export interface ConfigNotices { notices: string[] }

type Value = Global['value'];
const EXPECTED: Record<Exclude<GlobalKind, 'any'>, string> = {
  bool: 'boolean value expected', int: 'number expected', str: 'string value expected',
  host: 'ip address or hostname expected (use quotes if the hostname includes config keywords)',
  word: 'identifier expected (e.g. LOG_LOCAL0)',
};

function fits(kind: GlobalKind, v: Value): boolean {
  switch (kind) {
    case 'bool': case 'int': return v.type === 'Number';
    case 'str': return v.type === 'String' || v.type === 'FoldedString';
    case 'host': return v.type === 'Ip' || v.type === 'String' || v.type === 'Word' || v.type === 'FoldedString';
    case 'word': return v.type === 'Word' || v.type === 'String';
    case 'any': return true;
  }
}

function scalar(v: Value): string | number {
  switch (v.type) {
    case 'Number': return v.value;
    case 'String': case 'FoldedString': case 'Word': return v.value;
    case 'Ip': return v.address;
    case 'Raw': return v.text;
    case 'Null': return '';
  }
}

/** Reads every Global and Alias node, in script order (a global applies where it is parsed). */
export function readCoreConfig(script: Script, version: string, out: Diagnostics): CoreConfig & ConfigNotices {
  const c: CoreConfig & ConfigNotices = { ...defaultCoreConfig(version), notices: [] };
  for (const item of script.items) {
    if (item.type === 'Alias') c.aliases.push(aliasOf(item));
    else if (item.type === 'Global') applyGlobal(c, item, out);
  }
  // main.c re-applies debug mode after parsing, so it wins over any log_level line.
  if (c.debugMode) { c.logLevel = LogLevel.DBG; c.stderrEnabled = true; c.syslogEnabled = false; }
  return c;
}

function aliasOf(a: Alias): CoreAlias {
  return { proto: a.proto, host: a.host.value.toLowerCase(), port: a.port ?? 0, acceptSubdomain: a.acceptSubdomain };
}

function applyGlobal(c: CoreConfig & ConfigNotices, g: Global, out: Diagnostics): void {
  const kind = globalKind(g.name);
  if (kind === undefined) {
    const near = closest(g.name, allGlobalNames());
    out.error('TSIPS_GLOBAL_UNKNOWN', g.nameLoc, `unknown global parameter '${g.name}'`, near ? `did you mean '${near}'?` : undefined);
    return;
  }
  if (!fits(kind, g.value)) {
    out.error('TSIPS_GLOBAL_TYPE', g.value.loc, `${g.name}: ${EXPECTED[kind as Exclude<GlobalKind, 'any'>]}`);
    return;
  }
  const replacement = DEPRECATED_GLOBALS[g.name];
  if (replacement) out.warning('TSIPS_DEPRECATED', g.nameLoc, `'${g.name}' is deprecated, use '${replacement}' instead`);
  const v = scalar(g.value);
  if (WORKER_GLOBALS[g.name]) {
    c.notices.push(`${g.name}=${v} accepted; it has no effect: one tsips process serves every socket on one event loop`);
    return;
  }
  if (!HONOURED_GLOBALS[g.name]) {
    c.notices.push(`global parameter '${g.name}' accepted and ignored: it has no meaning in tsips`);
    return;
  }
  setHonoured(c, g, v, out);
}

function setHonoured(c: CoreConfig & ConfigNotices, g: Global, v: string | number, out: Diagnostics): void {
  const n = typeof v === 'number' ? v : 0;
  const s = String(v);
  const on = n !== 0;
  switch (g.name) {
    case 'log_level': c.logLevel = c.debugMode ? LogLevel.DBG : n; break;
    case 'xlog_level': c.xlogLevel = n; break;
    case 'xlog_print_level': c.xlogPrintLevel = n; break;
    case 'stderror_enabled': c.stderrEnabled = on; break;
    case 'syslog_enabled': c.syslogEnabled = on; break;
    // 3.x: yes = stderr on and syslog off, no = the reverse.
    case 'log_stderror': c.stderrEnabled = on; c.syslogEnabled = !on; break;
    case 'syslog_facility': case 'log_facility': c.syslogFacility = s; break;
    case 'log_prefix': c.logPrefix = s === '' ? '' : `${s}:`; break;
    case 'debug_mode': c.debugMode = on; if (on) c.logLevel = LogLevel.DBG; break;
    case 'max_while_loops': c.maxWhileLoops = n; break;
    case 'auto_aliases': c.autoAliases = on; break;
    case 'mhomed': c.mhomed = on; break;
    case 'tcp_connect_timeout':
      if (n <= 0) out.error('TSIPS_GLOBAL_VALUE', g.value.loc, 'tcp_connect_timeout must be > 0 (milliseconds)');
      else c.tcpConnectTimeoutMs = n;
      break;
    case 'tcp_connection_lifetime': c.tcpConnectionLifetimeSec = n; break;
    case 'tcp_max_connections': c.tcpMaxConnections = n; break;
    case 'advertised_address': c.advertisedAddress = s; break;
    case 'advertised_port':
      if (n < 1 || n > 65535) out.error('TSIPS_GLOBAL_VALUE', g.value.loc, 'advertised_port must be a port (1..65535)');
      else c.advertisedPort = n;
      break;
    case 'server_signature': c.serverSignature = on; break;
    case 'server_header': c.serverHeader = s; break;
    case 'user_agent_header': c.userAgentHeader = s; break;
    case 'db_default_url': c.dbDefaultUrl = s; break;
    default: break; // accepted and stored nowhere yet: syslog_name, db_version_table, asserts
  }
}
