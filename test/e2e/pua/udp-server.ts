// A presence server on a UDP socket for tests where sipp cannot play it: requests of one
// Call-ID arriving from several tsips nodes (sipp answers a call's requests to wherever its
// first one came from). Every request is kept with the port it came from; `answer` decides
// the reply, sent back to that port.
import dgram from 'node:dgram';
import { parseMessage, type SipMessage } from '../../../engine/sip/index.js';

export interface Received {
  readonly msg: SipMessage;
  readonly fromPort: number;
}

export interface UdpServer {
  readonly port: number;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function udpServer(answer: (r: Received, index: number) => { code: number; reason: string; headers?: string[] } | undefined): Promise<UdpServer> {
  const sock = dgram.createSocket('udp4');
  const received: Received[] = [];
  const seen = new Set<string>();
  sock.on('message', (buf, rinfo) => {
    const msg = parseMessage(buf);
    if (!msg.isRequest) return;
    const branch = msg.via?.branch ?? '';
    if (seen.has(branch)) return; // a retransmission
    seen.add(branch);
    const r = { msg, fromPort: rinfo.port };
    received.push(r);
    const a = answer(r, received.length - 1);
    if (!a) return;
    const lines = [`SIP/2.0 ${a.code} ${a.reason}`, ...msg.headers('via').map((v) => `Via: ${v}`), `From: ${msg.header('from')}`,
      `To: ${msg.header('to')};tag=srv`, `Call-ID: ${msg.callId}`, `CSeq: ${msg.header('cseq')}`, ...(a.headers ?? []), 'Content-Length: 0', '', ''];
    sock.send(lines.join('\r\n'), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
  return { port: sock.address().port, received, close: () => new Promise((resolve) => sock.close(() => resolve())) };
}
