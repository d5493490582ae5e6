// RFC 1123 dates for the Date header (RFC 3261 20.17): "Sat, 13 Nov 2010 23:29:00 GMT".
export function formatHttpDate(unixSec: number): string {
  return new Date(unixSec * 1000).toUTCString();
}
