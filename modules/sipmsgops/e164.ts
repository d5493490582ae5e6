// is_uri_user_e164(uri): the user part (or a tel: number) is an E.164 number as OpenSIPS
// checks it: '+' and 2 to 15 digits.
import { parseUri } from '../../engine/sip/index.js';

export function isUriUserE164(uri: string): number {
  let user: string | undefined;
  try {
    user = parseUri(uri).userUnescaped;
  } catch {
    return -1;
  }
  return user !== undefined && /^\+[0-9]{2,15}$/.test(user) ? 1 : -1;
}
