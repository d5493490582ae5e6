// The fixed request OpenSIPS gives startup, timer and event routes (script-language.md
// 4.1, verified): DUMMY sip:user@dummy.com, From sip:from@dummy.com tag 1, Call-ID
// dummy-1, CSeq 1, one Via, and no source ($si reads 0.0.0.0).
import { parseMessage } from '../sip/index.js';
import { SipMessageContext, type CoreServices, type MessageContext } from '../core/message-context.js';
import type { RouteType } from '../modules/functions.js';

const DUMMY_REQUEST = Buffer.from([
  'DUMMY sip:user@dummy.com SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKdummy',
  'From: <sip:from@dummy.com>;tag=1',
  'To: <sip:to@dummy.com>',
  'Call-ID: dummy-1',
  'CSeq: 1 DUMMY',
  'Content-Length: 0',
  '', '',
].join('\r\n'));

export function createDummyContext(core: CoreServices, routeType: RouteType = 'startup'): MessageContext {
  // Parsed per call: the context may edit its message, and routes may run concurrently.
  return new SipMessageContext(parseMessage(DUMMY_REQUEST), undefined, core, routeType);
}
