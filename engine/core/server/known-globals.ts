// The global parameters OpenSIPS 3.4-3.6 and 4.x know (cfg.lex keywords, script-language.md
// 2.2), with the kind of value each takes. `honoured` ones change what tsips does; the
// others are accepted so existing scripts start, with a one-line notice that they have no
// effect here. A name in neither table is an error, as in OpenSIPS.

/** bool: any number token (yes/no are numbers); int: a signed number; str: a quoted string;
 *  host: an IP, a name or a string; word: an unquoted identifier (LOG_LOCAL0); any: anything. */
export type GlobalKind = 'bool' | 'int' | 'str' | 'host' | 'word' | 'any';

export const HONOURED_GLOBALS: Readonly<Record<string, GlobalKind>> = {
  log_level: 'int', xlog_level: 'int', xlog_print_level: 'int',
  stderror_enabled: 'bool', syslog_enabled: 'bool', log_stderror: 'bool',
  syslog_facility: 'word', log_facility: 'word', syslog_name: 'str', log_name: 'str', log_prefix: 'str',
  debug_mode: 'bool',
  max_while_loops: 'int', auto_aliases: 'bool', mhomed: 'bool',
  tcp_connect_timeout: 'int', tcp_connection_lifetime: 'int', tcp_max_connections: 'int',
  advertised_address: 'host', advertised_port: 'int',
  server_header: 'str', user_agent_header: 'str', server_signature: 'bool',
  db_default_url: 'str', db_version_table: 'str',
  enable_asserts: 'bool', abort_on_assert: 'bool',
};

/** Worker counts: one Node event loop serves every socket (DESIGN.md, Concurrency). */
export const WORKER_GLOBALS: Readonly<Record<string, GlobalKind>> = {
  udp_workers: 'int', tcp_workers: 'int', children: 'int', tcp_children: 'int', timer_workers: 'int',
};

/** OpenSIPS's other globals: accepted, ignored with a notice (Tier 3, or meaningless in Node). */
export const IGNORED_GLOBALS: readonly string[] = [
  'stderror_log_format', 'syslog_log_format', 'stderror_level_filter', 'syslog_level_filter',
  'log_event_enabled', 'log_event_level_filter', 'log_json_buf_size', 'log_msg_buf_size', 'log_stdout',
  'xlog_buf_size', 'pv_print_buf_size', 'xlog_force_color',
  'tcp_keepalive', 'tcp_keepcount', 'tcp_keepidle', 'tcp_keepinterval', 'tcp_max_msg_time',
  'tcp_socket_backlog', 'tcp_accept_aliases', 'tcp_no_new_conn_bflag', 'tcp_no_new_conn_rplflag',
  'tcp_threads', 'tcp_parallel_read_on_workers', 'tcp_async', 'tcp_async_max_postponed_chunks',
  'tcp_async_local_connect_timeout', 'tcp_async_local_write_timeout', 'tcp_listen_backlog',
  'sip_warning', 'check_via', 'dns', 'rev_dns', 'dns_try_ipv6', 'dns_try_naptr', 'dns_retr_time',
  'dns_retr_no', 'dns_servers_no', 'dns_use_search_list', 'disable_dns_failover',
  'disable_dns_blacklist', 'dst_blacklist', 'disable_503_translation', 'disable_stateless_fwd',
  'tos', 'maxbuffer', 'mcast_loopback', 'mcast_ttl', 'poll_method', 'auto_scaling_profile',
  'auto_scaling_cycle', 'db_max_async_connections', 'chroot', 'workdir', 'wdir',
  'disable_core_dump', 'open_files_limit', 'shm_hash_split_percentage', 'shm_secondary_hash_size',
  'mem_warming', 'mem_warming_percentage', 'mem_warming_pattern_file', 'memlog', 'mem_log',
  'memdump', 'mem_dump', 'shm_memlog_size', 'mem-group', 'mem_group', 'restart_persistency_cache_file',
  'restart_persistency_size', 'exec_msg_threshold', 'exec_dns_threshold', 'tcp_threshold',
  'event_shm_threshold', 'event_pkg_threshold', 'worker_reactor_timeout', 'query_buffer_size',
  'query_flush_time', 'pi_framework', 'sl_workers', 'user', 'uid', 'group', 'gid', 'fork',
  'include_file_prefix', 'max_ipc_workers', 'udp_receive_buffer',
];

/** Spellings OpenSIPS 3.4-3.6 accept with a deprecation warning, and what replaces each. */
export const DEPRECATED_GLOBALS: Readonly<Record<string, string>> = {
  log_stderror: 'stderror_enabled/syslog_enabled',
  log_facility: 'syslog_facility',
  log_name: 'syslog_name',
};

export function globalKind(name: string): GlobalKind | undefined {
  return HONOURED_GLOBALS[name] ?? WORKER_GLOBALS[name] ?? (IGNORED_GLOBALS.includes(name) ? 'any' : undefined);
}

export function allGlobalNames(): string[] {
  return [...Object.keys(HONOURED_GLOBALS), ...Object.keys(WORKER_GLOBALS), ...IGNORED_GLOBALS, 'socket', 'listen', 'alias', 'mpath'];
}
