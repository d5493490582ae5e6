// Names that scripts ported from old OpenSIPS (<= 3.2) or from Kamailio use, which OpenSIPS
// 3.3+ rejects at load time; we reject them too but say what to write instead (7.5).
export const REMOVED_PVARS: ReadonlyMap<string, string> = new Map([
  ['Ri', '$socket_in(ip)'],
  ['Rp', '$socket_in(port)'],
  ['pr', '$socket_in(proto)'],
  ['proto', '$socket_in(proto)'],
  ['af', '$socket_in(af)'],
  ['fs', '$socket_out'],
  ['rT', '$route.type'],
  ['src_port', '$sp'],
  ['sel', 'a transformation or a module variable (Kamailio $sel is not OpenSIPS)'],
  ['xavp', '$avp (Kamailio $xavp is not OpenSIPS)'],
  ['sht', '$shv or a cachedb module (Kamailio $sht is not OpenSIPS)'],
  ['dlg_var', '$dlg_val (Kamailio $dlg_var is not OpenSIPS)'],
]);
