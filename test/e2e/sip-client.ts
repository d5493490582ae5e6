// A small SIP test peer for e2e tests: builds requests and waits (bounded) for the answer to
// a given Call-ID, over UDP or TCP, on 127.0.0.1.
import dgram from 'node:dgram';
import net from 'node:net';

export interface SipPeer {
  /** Sends and resolves with the first final or provisional reply carrying this Call-ID. */
  ask(msg: string, callId: string, timeoutMs?: number): Promise<string>;
  send(msg: string | Buffer): void;
  close(): Promise<void>;
  readonly port: number;
}

export function sipRequest(o: { method: string; callId: string; port: number; proto?: 'UDP' | 'TCP'; toTag?: string; maxForwards?: number; extra?: string }): string {
  const uri = 'sip:service@127.0.0.1';
  return `${o.method} ${uri} SIP/2.0\r\n` +
    `Via: SIP/2.0/${o.proto ?? 'UDP'} 127.0.0.1:${o.port};branch=z9hG4bK-${o.callId};rport\r\n` +
    `From: <sip:tester@127.0.0.1>;tag=t-${o.callId}\r\n` +
    `To: <${uri}>${o.toTag ? `;tag=${o.toTag}` : ''}\r\n` +
    `Call-ID: ${o.callId}\r\nCSeq: 1 ${o.method}\r\n` +
    (o.maxForwards === undefined ? 'Max-Forwards: 70\r\n' : `Max-Forwards: ${o.maxForwards}\r\n`) +
    (o.extra ?? '') + 'Content-Length: 0\r\n\r\n';
}

function waiter(): { push(text: string): void; wait(callId: string, timeoutMs: number): Promise<string> } {
  const got: string[] = [];
  const listeners = new Set<() => void>();
  return {
    push(text) { got.push(text); for (const l of listeners) l(); },
    wait(callId, timeoutMs) {
      return new Promise((resolve, reject) => {
        const re = new RegExp(`\\r\\nCall-ID: ${callId}\\r\\n`, 'i');
        const check = () => {
          const i = got.findIndex((t) => re.test(t));
          if (i < 0) return;
          const [t] = got.splice(i, 1);
          done();
          resolve(t);
        };
        const timer = setTimeout(() => { done(); reject(new Error(`no reply for Call-ID ${callId} within ${timeoutMs} ms`)); }, timeoutMs);
        const done = () => { clearTimeout(timer); listeners.delete(check); };
        listeners.add(check);
        check();
      });
    },
  };
}

export async function udpPeer(serverPort: number): Promise<SipPeer> {
  const sock = dgram.createSocket('udp4');
  const w = waiter();
  sock.on('message', (m) => w.push(m.toString('latin1')));
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const send = (msg: string | Buffer) => sock.send(msg, serverPort, '127.0.0.1');
  return {
    port: sock.address().port,
    send,
    ask: (msg, callId, timeoutMs = 3000) => { send(msg); return w.wait(callId, timeoutMs); },
    close: () => new Promise((r) => sock.close(() => r())),
  };
}

export async function tcpPeer(serverPort: number): Promise<SipPeer> {
  const sock = net.connect({ port: serverPort, host: '127.0.0.1' });
  const w = waiter();
  let buf = '';
  sock.on('data', (d) => {
    buf += d.toString('latin1');
    // Replies here carry Content-Length: 0, so a message ends at the blank line.
    let end: number;
    while ((end = buf.indexOf('\r\n\r\n')) >= 0) { w.push(buf.slice(0, end + 4)); buf = buf.slice(end + 4); }
  });
  sock.on('error', () => {});
  await new Promise<void>((resolve, reject) => { sock.once('connect', () => resolve()); sock.once('error', reject); });
  const send = (msg: string | Buffer) => { sock.write(msg); };
  return {
    port: sock.localPort!,
    send,
    ask: (msg, callId, timeoutMs = 3000) => { send(msg); return w.wait(callId, timeoutMs); },
    close: async () => { sock.destroy(); },
  };
}
