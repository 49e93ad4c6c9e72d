const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export function toMillis(iso: string): number {
  return Date.parse(iso);
}

/** `iso` plus `days` whole days of 24 h, as epoch milliseconds. */
export function plusDays(iso: string, days: number): number {
  return toMillis(iso) + days * DAY_MS;
}

/** `iso` plus `hours`, in canonical UTC (`2026-11-27T15:04:05.000Z`): how deadlines are recorded. */
export function hoursAfter(iso: string, hours: number): string {
  return new Date(toMillis(iso) + hours * HOUR_MS).toISOString();
}

/** `iso` plus `days` whole days of 24 h, in canonical UTC. */
export function daysAfter(iso: string, days: number): string {
  return new Date(plusDays(iso, days)).toISOString();
}
