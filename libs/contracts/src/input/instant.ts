const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => MONTH_DAYS[month - 1]! + (month === 2 && leap(year) ? 1 : 0);

function validDay(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/**
 * The canonical UTC form (`2026-11-27T15:04:05.000Z`) of an RFC 3339 time with `Z` or an offset,
 * or undefined for anything else: week dates, ordinal dates, times without a zone, impossible
 * calendar values (`2026-02-30`, `24:00`, leap second `:60`). Digits past milliseconds are cut.
 * Every instant is stored and compared in this one form, so string order is time order.
 */
export function canonicalInstant(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  let offset = 0;
  if (!m[8]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, millis);
  const canonical = new Date(at.getTime() - offset).toISOString();
  return /^\d{4}-/.test(canonical) ? canonical : undefined;
}

/** Is `value` a real calendar date written YYYY-MM-DD (`2026-02-30` and `2026-13-01` are not)? */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

export const INSTANT_EXAMPLE = '2026-11-27T15:04:05Z';
