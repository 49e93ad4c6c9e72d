const DAY_MS = 24 * 60 * 60 * 1000;

export function toMillis(iso: string): number {
  return Date.parse(iso);
}

/** `iso` plus `days` whole days of 24 h, as epoch milliseconds. */
export function plusDays(iso: string, days: number): number {
  return toMillis(iso) + days * DAY_MS;
}
