// RFC 1123 dates for the Date header (RFC 3261 20.17): "Sat, 13 Nov 2010 23:29:00 GMT".
// A busy registrar answers thousands of REGISTERs within one second: the text is made once
// per second, not once per reply.
let lastSec = Number.NaN;
let lastText = '';

export function formatHttpDate(unixSec: number): string {
  if (unixSec !== lastSec) {
    lastText = new Date(unixSec * 1000).toUTCString();
    lastSec = unixSec;
  }
  return lastText;
}
