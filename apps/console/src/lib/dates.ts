/**
 * Local calendar dates `YYYY-MM-DD` as the engine's read models use them (days in the shop's time
 * zone). Arithmetic on the date alone, in UTC, so no browser time zone or DST shift can move a day.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === text;
}

/** `date` plus `days` (negative to go back); throws on anything but a real calendar date. */
export function addDays(date: string, days: number): string {
  if (!isDate(date)) throw new Error(`not a calendar date YYYY-MM-DD: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The `days` local dates ending with `last` (inclusive), as a query range: `to` is exclusive. */
export function lastDays(last: string, days: number): { from: string; to: string } {
  return { from: addDays(last, 1 - days), to: addDays(last, 1) };
}
