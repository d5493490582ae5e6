// The ceiling for the stateless benchmark: the least a Node UDP responder can do per OPTIONS
// (copy Via, From, To, Call-ID and CSeq into a 200, add a To tag), with no SIP parser, script
// or module. tsips's rate divided by this one says what the engine costs over bare Node.
// Run: node dist/scripts/bench/ceiling-responder.js PORT
import dgram from 'node:dgram';

const COPY = /^(via|v|from|f|to|t|call-id|i|cseq)\s*:/i;

export function answer(req: Buffer): Buffer | undefined {
  const text = req.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const lines = (end < 0 ? text : text.slice(0, end)).split('\r\n');
  if (lines[0].startsWith('SIP/2.0')) return undefined; // a reply: nothing to answer
  let out = 'SIP/2.0 200 OK\r\n';
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    if (!COPY.test(l)) continue;
    out += /^(to|t)\s*:/i.test(l) && !/;\s*tag=/i.test(l) ? `${l};tag=ceiling\r\n` : `${l}\r\n`;
  }
  return Buffer.from(`${out}Content-Length: 0\r\n\r\n`, 'latin1');
}

if (process.argv[1]?.endsWith('ceiling-responder.js')) {
  const port = Number(process.argv[2] ?? 5090);
  const sock = dgram.createSocket('udp4');
  sock.on('message', (m, r) => {
    const a = answer(m);
    if (a) sock.send(a, r.port, r.address);
  });
  sock.bind(port, '127.0.0.1', () => process.stderr.write(`ceiling responder ready on udp:127.0.0.1:${port}\n`));
  const stop = () => sock.close(() => process.exit(0));
  process.on('SIGTERM', stop).on('SIGINT', stop);
}
