// Evaluates the `checks` keys of corpus/rfc4475/index.json against a parsed message:
// 'via[0].branch', 'contact.count', 'ruri.user.unescaped', 'header.C%6Fntact', ...
import type { SipMessage, SipUri, NameAddr } from '../../../engine/sip/index.js';

export function evaluateCheck(msg: SipMessage, key: string): unknown {
  if (key.startsWith('header.')) return msg.header(key.slice(7)) ?? null;
  const m = /^([A-Za-z]+)(?:\[(\d+)\])?(?:\.(.+))?$/.exec(key);
  if (!m) throw new Error(`unknown check key ${key}`);
  const [, root, idxText, rest] = m;
  const idx = idxText === undefined ? undefined : Number(idxText);
  switch (root) {
    case 'method': return msg.method;
    case 'status': return msg.status;
    case 'reason': return msg.reason; // 'reason.utf8': our reason phrase is decoded as UTF-8
    case 'callId': return msg.callId;
    case 'maxForwards': return msg.maxForwards ?? null;
    case 'contentLength': return msg.contentLength ?? null;
    case 'contentType': return msg.contentType ?? null;
    case 'subject': return msg.subject ?? null;
    case 'require': return msg.require;
    case 'proxyRequire': return msg.proxyRequire;
    case 'cseq': return rest === 'seq' ? msg.cseq.seq : rest === 'method' ? msg.cseq.method : fail(key);
    case 'body': return rest === 'length' ? msg.body.length : fail(key);
    case 'ruri': return rest === undefined ? msg.ruri : uriPart(msg.requestUri!, rest, key);
    case 'via': {
      if (rest === 'count') return msg.vias.length;
      const v = msg.vias[idx!] as unknown as Record<string, unknown>;
      return v[rest!] ?? null;
    }
    case 'to': return nameAddrPart(msg.to!, rest!, key);
    case 'from': return nameAddrPart(msg.from!, rest!, key);
    case 'contact': return rest === 'count' ? msg.contacts.length : nameAddrPart(msg.contacts[idx!], rest!, key);
    case 'route': return nameAddrPart(msg.routes[idx!], rest!, key);
    default: return fail(key);
  }
}

function nameAddrPart(na: NameAddr, rest: string, key: string): unknown {
  if (rest === 'uri') return na.uri;
  if (rest === 'tag') return na.tag ?? null;
  if (rest === 'displayName') return na.displayName ?? null;
  if (rest === 'params') return { ...na.params };
  if (rest.startsWith('uri.')) return uriPart(na.parsedUri, rest.slice(4), key);
  return fail(key);
}

function uriPart(u: SipUri, rest: string, key: string): unknown {
  switch (rest) {
    case 'user': return u.user ?? null;
    case 'user.unescaped': return u.userUnescaped ?? null;
    case 'password': return u.password ?? null;
    case 'host': return u.host;
    case 'params': return { ...u.params };
    case 'params.unescaped': return { ...u.paramsUnescaped };
    default: return fail(key);
  }
}

function fail(key: string): never {
  throw new Error(`unknown check key ${key}`);
}
