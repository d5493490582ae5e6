// A REGISTER load for e2e tests: unique AORs from one UDP socket, bounded in count and
// time, remembering which ones were answered 200 (the acknowledged registrations).
import dgram from 'node:dgram';

export interface RegisterLoad {
  /** AORs whose REGISTER got a 200. */
  readonly acked: Set<string>;
  /** Other final answers by status. */
  readonly refused: Map<number, number>;
  /** Resolves when every REGISTER was answered or `timeoutMs` passed. */
  readonly done: Promise<void>;
  stop(): void;
}

export function registerLoad(o: { port: number; count: number; prefix: string; perTick?: number; timeoutMs?: number; expires?: number }): RegisterLoad {
  const sock = dgram.createSocket('udp4');
  const acked = new Set<string>();
  const refused = new Map<number, number>();
  let sent = 0;
  let stopped = false;
  let finish!: () => void;
  const done = new Promise<void>((r) => { finish = r; });
  let interval: NodeJS.Timeout | undefined;
  const end = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(interval);
    clearTimeout(timer);
    sock.close();
    finish();
  };
  sock.on('message', (m) => {
    const t = m.toString('latin1');
    const status = Number(t.slice(8, 11));
    const aor = /\r\nCall-ID: ([^\r]+)\r\n/i.exec(t)?.[1];
    if (!aor || status < 200) return;
    if (status === 200) acked.add(aor);
    else refused.set(status, (refused.get(status) ?? 0) + 1);
    if (acked.size + [...refused.values()].reduce((a, b) => a + b, 0) >= o.count) end();
  });
  sock.on('error', () => end());
  const timer = setTimeout(end, o.timeoutMs ?? 30_000);
  sock.bind(0, '127.0.0.1', () => {
    const me = sock.address().port;
    interval = setInterval(() => {
      for (let k = 0; k < (o.perTick ?? 50) && sent < o.count; k++, sent++) {
        const aor = `${o.prefix}${sent}`;
        sock.send([
          'REGISTER sip:127.0.0.1 SIP/2.0', `Via: SIP/2.0/UDP 127.0.0.1:${me};branch=z9hG4bK-${aor}`, 'Max-Forwards: 70',
          `From: <sip:${aor}@127.0.0.1>;tag=${sent}`, `To: <sip:${aor}@127.0.0.1>`, `Call-ID: ${aor}`, 'CSeq: 1 REGISTER',
          `Contact: <sip:${aor}@127.0.0.1:${me}>`, `Expires: ${o.expires ?? 3600}`, 'Content-Length: 0', '', '',
        ].join('\r\n'), o.port, '127.0.0.1');
      }
      if (sent >= o.count) clearInterval(interval);
    }, 10);
  });
  return { acked, refused, done, stop: end };
}
