import { addDays } from './local-time';

export interface Range {
  /** Local date, inclusive. */
  from: string;
  /** Local date, exclusive. */
  to: string;
}

/** Every date in [from, to). */
export function datesIn({ from, to }: Range): string[] {
  const dates: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Every calendar month (YYYY-MM) the range touches. */
export const monthsIn = (range: Range) => [...new Set(datesIn(range).map((d) => d.slice(0, 7)))];

/** The whole months the range touches, as a range of dates. */
export function wholeMonths(range: Range): Range {
  const months = monthsIn(range);
  const last = months[months.length - 1]!;
  // The 28th and a week later is always in the next month.
  return { from: `${months[0]!}-01`, to: `${addDays(`${last}-28`, 7).slice(0, 7)}-01` };
}

export const inRange = (date: string | null, { from, to }: Range) => date !== null && from <= date && date < to;

/** A count of 0 for each of `keys`, so that every status appears in an answer. */
export const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
