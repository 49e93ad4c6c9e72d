import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Storage = ReturnType<typeof getMetadataStorage>;
type Grouped = Record<string, ValidationMetadata[]>;

const REMEMBERING = Symbol('sce.rememberingValidationMetadata');

/**
 * Makes class-validator look a class's rules up once instead of on every validation. Its
 * `getTargetValidationMetadatas` scans every decorated class of the process for ancestors on each
 * call (typestack/class-validator#2686), and the rules are grouped by property again after it:
 * most of its time on a small envelope. The answer depends only on the arguments and on the rules
 * registered, so it is kept per class and options, and forgotten whenever a rule is added.
 * Callers get the same rules as before, in the same order. Idempotent.
 */
export function rememberValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { [REMEMBERING]?: true };
  if (marked[REMEMBERING]) return;
  marked[REMEMBERING] = true;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let byClass = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Grouped>();
  const forgetting =
    <A extends unknown[]>(add: (...args: A) => void) =>
    (...args: A) => {
      byClass = new Map();
      grouped = new WeakMap();
      add(...args);
    };
  storage.addValidationMetadata = forgetting(storage.addValidationMetadata.bind(storage));
  storage.addValidationSchema = forgetting(storage.addValidationSchema.bind(storage));
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // No groups and empty groups select the same rules.
    const options = `${schema}|${always}|${strictGroups}|${groups?.length ? JSON.stringify(groups) : ''}`;
    let known = byClass.get(target);
    if (!known) byClass.set(target, (known = new Map()));
    let rules = known.get(options);
    if (!rules) {
      rules = lookUp(target, schema, always, strictGroups, groups);
      known.set(options, rules);
      grouped.set(rules, group(rules));
    }
    return rules;
  };
  // Only the rules handed out above are grouped once: any other array is grouped as it is now.
  storage.groupByPropertyName = (rules) => grouped.get(rules) ?? group(rules);
}
