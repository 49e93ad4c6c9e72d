/**
 * How figures read: money in the shop's currency with Intl.NumberFormat (amounts are integers in
 * the currency's minor unit), local dates as the shop's days, instants in the shop's time zone.
 */

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** Digits after the decimal point of `currency` (2 for USD, 0 for JPY). */
export function fractionDigits(currency: string): number {
  return moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * `minor` units of `currency`, e.g. 123456 USD → "$1,234.56". The read routes carry the currency
 * on orders only: until a shop has one, amounts show in minor units, saying so.
 */
export function money(minor: number, currency: string | undefined): string {
  if (!currency) return `${count(minor)} (minor units)`;
  return moneyFormat(currency).format(minor / 10 ** fractionDigits(currency));
}

/** A major-unit amount typed by the seller ("12.5") in minor units, or undefined if it is not one. */
export function parseMoney(text: string, currency: string | undefined): number | undefined {
  const digits = currency ? fractionDigits(currency) : 0;
  const trimmed = text.trim();
  const pattern = digits ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  if (!pattern.test(trimmed)) return undefined;
  const [whole, fraction = ''] = trimmed.split('.') as [string, string?];
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Minor units as the seller would type them back into a field ("12.50"). */
export function moneyInput(minor: number, currency: string | undefined): string {
  if (!currency) return String(minor);
  const digits = fractionDigits(currency);
  return digits ? (minor / 10 ** digits).toFixed(digits) : String(minor);
}

const counts = new Intl.NumberFormat();
export const count = (n: number): string => counts.format(n);

export const percent = (share: number): string =>
  new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(share);

/** A local date of the shop (already in its zone), e.g. "Nov 27, 2026". */
export function day(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** A month `YYYY-MM`, e.g. "November 2026". */
export function month(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/**
 * An instant in `timeZone`, with the zone's name. The read routes do not carry the shop's time
 * zone yet, so callers pass undefined and instants read in UTC, labelled as such.
 */
export function instant(iso: string, timeZone: string | undefined): string {
  // dateStyle and timeStyle cannot be combined with timeZoneName: the parts are spelled out.
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: timeZone ?? 'UTC',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** Words for an upper-case code: AWAITING_SHIPMENT → "Awaiting shipment". */
export function words(code: string): string {
  const text = code.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
