const formats = new Map<string, Intl.DateTimeFormat>();

// Several projections ask for the same event's local date in a row: the last answer is kept.
let last = { iso: '', timeZone: '', date: '' };

/** The calendar date (YYYY-MM-DD) of `iso` in time zone `timeZone`. */
export function localDate(iso: string, timeZone: string): string {
  if (iso === last.iso && timeZone === last.timeZone) return last.date;
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  last = { iso, timeZone, date: format.format(new Date(iso)) };
  return last.date;
}

/** YYYY-MM-DD plus `days` (negative to go back), as a calendar date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
