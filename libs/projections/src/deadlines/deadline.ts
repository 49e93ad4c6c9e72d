/**
 * Whether `deadline` has passed at `asOf` (both instants). A deadline is met up to and including
 * its instant, as the deciders hold it (a package shipped at `shipBy` is not late); none never passes.
 */
export const isPast = (deadline: string | null, asOf: string): boolean =>
  deadline !== null && Date.parse(asOf) > Date.parse(deadline);

/** `asOf` in canonical UTC (`2026-11-27T15:04:05.000Z`), as answers give instants. */
export const canonical = (asOf: string): string => new Date(asOf).toISOString();
