// sipmsgops, the subset ordinary proxy and registrar scripts use (OpenSIPS
// modules/sipmsgops, reference/modules/maxfwd-sipmsgops.md part B). Header edits go to the
// message editor and show only in what is sent on; reply additions are reply lumps
// (engine/core/reply-lumps.ts) that every local reply carries.
import { defineModule, fn, arg, type RouteType } from '../../engine/modules/index.js';
import { parseMethodList } from './method-list.js';
import { isMethod, hasTotag, isPresentHf } from './message-checks.js';
import { addHeaderText } from './add-header.js';
import { removeHf, removeHfRe, removeHfGlob } from './remove-header.js';
import { appendToReply, appendTime, appendBodyToReply } from './reply-additions.js';
import { hasBody } from './has-body.js';
import { ruriHasParam, ruriAddParam, ruriDelParam } from './ruri-params.js';
import { isUriUserE164 } from './e164.js';
import type { SipmsgopsState } from './state.js';

const MESSAGE_ROUTES: RouteType[] = ['request', 'onreply', 'failure', 'branch', 'local'];
const REPLY_LUMP_ROUTES: RouteType[] = ['request', 'failure', 'branch', 'error'];
const RURI_ROUTES: RouteType[] = ['request', 'failure', 'branch', 'local'];
const hdrName = (what: string) => arg.str({ doc: `name: ${what} (any case, compact forms such as "f" accepted)` });

export default defineModule({
  name: 'sipmsgops',
  doc: 'Tests and edits of the SIP message: methods, To-tag, headers, body, Request-URI parameters, and headers queued for the local reply. Header edits change what is sent on; later reads of the message ($hdr, is_present_hf) still see the received message, as in OpenSIPS.',
  functions: {
    is_method: fn({
      args: [arg.str({ doc: 'methods: one method or several separated by "|", e.g. "INVITE|REGISTER"' })],
      routes: MESSAGE_ROUTES,
      fixup: ([list]) => {
        if (list === undefined) return undefined;
        const m = parseMethodList(list);
        return typeof m === 'string' ? { arg: 0, message: m, hint: 'a method list may only name standard methods; compare other methods one at a time' } : undefined;
      },
      run: (ctx, st: SipmsgopsState, list) => isMethod(st, ctx, list),
      doc: 'True (1) when the method is one of the list, compared case-insensitively; for a reply, the method of its CSeq. A list may only contain known methods (INVITE, CANCEL, ACK, BYE, INFO, OPTIONS, UPDATE, REGISTER, MESSAGE, SUBSCRIBE, NOTIFY, PRACK, REFER, PUBLISH); a single other name is compared as text.',
    }),
    has_totag: fn({
      args: [],
      routes: MESSAGE_ROUTES,
      run: (ctx) => hasTotag(ctx),
      doc: 'True (1) when the To header has a non-empty tag (the in-dialog request test); -1 otherwise, also when To is missing or broken.',
    }),
    is_present_hf: fn({
      args: [hdrName('header to look for')],
      routes: MESSAGE_ROUTES,
      run: (ctx, _st: SipmsgopsState, name) => isPresentHf(ctx, name),
      doc: 'True (1) when the received message has a header of that name (headers added by the script are not seen).',
    }),
    append_hf: fn({
      args: [arg.str({ doc: 'text: header line(s), "Name: value\\r\\n"' }), arg.str({ optional: true, doc: 'after: add right after the first header of this name' })],
      routes: MESSAGE_ROUTES,
      run: (ctx, st: SipmsgopsState, text, after) => addHeaderText(st, ctx, 'append', text, after),
      doc: 'Adds the header line(s) after the last header, or right after the first header named `after`. -1 when the text is not header lines or `after` is absent. The final CRLF may be left out.',
    }),
    insert_hf: fn({
      args: [arg.str({ doc: 'text: header line(s), "Name: value\\r\\n"' }), arg.str({ optional: true, doc: 'before: add right before the first header of this name' })],
      routes: MESSAGE_ROUTES,
      run: (ctx, st: SipmsgopsState, text, before) => addHeaderText(st, ctx, 'insert', text, before),
      doc: 'Adds the header line(s) before the first header, or right before the first header named `before`. -1 when the text is not header lines or `before` is absent.',
    }),
    remove_hf: fn({
      args: [hdrName('header to remove')],
      routes: MESSAGE_ROUTES,
      run: (ctx, _st: SipmsgopsState, name) => removeHf(ctx, name),
      doc: 'Removes every header of that name from the message sent on. 1 when at least one was removed, -1 when none.',
    }),
    remove_hf_re: fn({
      args: [arg.regex({ doc: 'regex: matched case-insensitively against full lower-case header names ("from", not "f")' })],
      routes: MESSAGE_ROUTES,
      run: (ctx, st: SipmsgopsState, re) => removeHfRe(st, ctx, re),
      doc: 'Removes every header whose name matches the regular expression. 1 when at least one was removed, -1 when none.',
    }),
    remove_hf_glob: fn({
      args: [arg.str({ doc: 'pattern: shell-style pattern (*, ?, [...]) on the whole header name, case-insensitive' })],
      routes: MESSAGE_ROUTES,
      run: (ctx, _st: SipmsgopsState, pattern) => removeHfGlob(ctx, pattern),
      doc: 'Removes every header whose name matches the pattern. 1 when at least one was removed, -1 when none.',
    }),
    append_to_reply: fn({
      args: [arg.str({ doc: 'text: header line(s), "Name: value\\r\\n"' })],
      routes: REPLY_LUMP_ROUTES,
      run: (ctx, st: SipmsgopsState, text) => appendToReply(st, ctx, text),
      doc: 'Queues header line(s) for every local reply to this request (sl_send_reply, send_reply, registrar, tm). -1 when the text is not header lines.',
    }),
    append_time: fn({
      args: [],
      routes: ['request', 'failure', 'branch', 'local'],
      run: (ctx) => appendTime(ctx),
      doc: 'Queues `Date: <now, RFC 1123 form> GMT` for the local replies to this request (RFC 3261 20.17 recommends it in REGISTER replies).',
    }),
    append_body_to_reply: fn({
      args: [arg.str({ doc: 'body: text of the body; give its Content-Type with append_to_reply' })],
      routes: REPLY_LUMP_ROUTES,
      run: (ctx, _st: SipmsgopsState, body) => appendBodyToReply(ctx, body),
      doc: 'Queues a body for the local replies to this request (a second call appends to it). -1 for an empty body.',
    }),
    has_body: fn({
      args: [arg.str({ optional: true, doc: 'mime: type to look for, e.g. "application/sdp" or "multipart/mixed"' })],
      routes: MESSAGE_ROUTES,
      run: (ctx, _st: SipmsgopsState, mime) => hasBody(ctx, mime),
      doc: 'True (1) when the body is not empty and, with `mime`, when the Content-Type is that type or a multipart body has a part of that type. OpenSIPS answers true for every UDP message, even with an empty body; tsips does not.',
    }),
    has_body_part: fn({
      args: [arg.str({ optional: true, doc: 'mime: type to look for' })],
      routes: MESSAGE_ROUTES,
      run: (ctx, _st: SipmsgopsState, mime) => hasBody(ctx, mime),
      doc: 'Same as has_body.',
    }),
    ruri_has_param: fn({
      args: [arg.str({ doc: 'name: parameter name' }), arg.str({ optional: true, doc: 'value: required value' })],
      routes: RURI_ROUTES,
      run: (ctx, _st: SipmsgopsState, name, value) => ruriHasParam(ctx, name, value),
      doc: 'True (1) when the Request-URI has the parameter with that value; without `value`, when it has the parameter without a value (`;lr`, not `;lr=on`), as in OpenSIPS.',
    }),
    ruri_add_param: fn({
      args: [arg.str({ doc: 'param: "name" or "name=value"' })],
      routes: RURI_ROUTES,
      run: (ctx, _st: SipmsgopsState, p) => ruriAddParam(ctx, p),
      doc: 'Appends the parameter to the Request-URI (before any `?headers`). -1 when the result would not be a valid URI.',
    }),
    ruri_del_param: fn({
      args: [arg.str({ doc: 'name: parameter name' })],
      routes: RURI_ROUTES,
      run: (ctx, _st: SipmsgopsState, name) => ruriDelParam(ctx, name),
      doc: 'Removes the parameter from the Request-URI. -1 when it was not there.',
    }),
    is_uri_user_e164: fn({
      args: [arg.str({ doc: 'uri: a SIP or tel URI, e.g. "$fu"' })],
      routes: ['request', 'failure', 'local'],
      run: (_ctx, _st: SipmsgopsState, uri) => isUriUserE164(uri),
      doc: 'True (1) when the URI\'s user part is an E.164 number: "+" and 2 to 15 digits.',
    }),
  },
  init: (ctx): SipmsgopsState => ({
    log: (level, message) => ctx.log(level, message),
    methodLists: new Map(),
    caseless: new WeakMap(),
  }),
});
