import type { Model } from './doc-key';
import type { Versions } from './generation';
import type { AnyProjection } from './registry';

/** The code's version of each projection. */
export const versionsOf = (projections: readonly AnyProjection[]): Versions =>
  Object.fromEntries(projections.map((p) => [p.name, p.version]));

/** The projections whose code version is not the one their documents were built by. */
export const staleIn = (projections: readonly AnyProjection[], stored: Versions): string[] =>
  projections.filter((p) => stored[p.name] !== p.version).map((p) => p.name);

/**
 * The projections a build of `names` must project: those, and any sharing a model with them (the
 * model moves to the new generation whole), until no more join.
 * @throws Error naming a projection that does not exist.
 */
export function closeOver(names: Iterable<string>, projections: readonly AnyProjection[]): AnyProjection[] {
  const wanted = new Set(names);
  for (const name of wanted)
    if (!projections.some((p) => p.name === name))
      throw new Error(`no projection "${name}" (there are ${projections.map((p) => p.name).join(', ')})`);
  let grown = true;
  while (grown) {
    const models = new Set(projections.filter((p) => wanted.has(p.name)).flatMap((p) => p.models));
    const joining = projections.filter((p) => !wanted.has(p.name) && p.models.some((m) => models.has(m)));
    for (const p of joining) wanted.add(p.name);
    grown = joining.length > 0;
  }
  return projections.filter((p) => wanted.has(p.name));
}

export const modelsOf = (projections: readonly AnyProjection[]): Model[] => [
  ...new Set(projections.flatMap((p) => p.models)),
];
