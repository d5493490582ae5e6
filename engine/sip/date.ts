// Date = rfc1123-date (RFC 3261 20.17), e.g. "Sat, 13 Nov 2010 23:29:00 GMT". Only GMT is
// allowed; RFC 4475 3.1.2.12 baddate (EST) is accepted as a message and its Date ignored:
// `time` is undefined for anything that is not a valid rfc1123-date in GMT.

export interface DateHeader {
  raw: string;
  time: Date | undefined;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function parseDateValue(raw: string): DateHeader {
  const parts = raw.split(' ').filter((p) => p !== '');
  if (parts.length !== 6) return { raw, time: undefined };
  const [wkday, day, month, year, clock, zone] = parts;
  if (!wkday.endsWith(',') || !DAYS.includes(wkday.slice(0, -1)) || zone !== 'GMT') return { raw, time: undefined };
  const m = MONTHS.indexOf(month);
  const hms = clock.split(':');
  if (m < 0 || day.length !== 2 || year.length !== 4 || hms.length !== 3) return { raw, time: undefined };
  const nums = [day, year, ...hms].map(Number);
  if (nums.some((n) => !Number.isInteger(n))) return { raw, time: undefined };
  const time = new Date(Date.UTC(nums[1], m, nums[0], nums[2], nums[3], nums[4]));
  return { raw, time: Number.isNaN(time.getTime()) ? undefined : time };
}
