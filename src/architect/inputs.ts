import type { ErrorDetail } from '../errors';
import { MAX_SUBSTITUTIONS, SUBSTITUTION_INPUT_PREFIX } from '../schema';

/**
 * How the flat inputs of an Architect data action map onto a direct invocation (docs/architect.md):
 * a field that is `null` or `""` was left empty by the flow and counts as not given, and each
 * `substitution_<PLACEHOLDER_ID>` input is one entry of `substitutions`.
 */

export interface SplitDirectEvent {
  /** The event without empty fields and without the `substitution_<ID>` inputs. */
  fields: unknown;
  /** The `substitution_<ID>` inputs, by placeholder id. */
  substitutionInputs: Record<string, unknown>;
}

export function substitutionInputName(placeholderId: string): string {
  return `${SUBSTITUTION_INPUT_PREFIX}${placeholderId}`;
}

export function splitDirectEvent(event: unknown): SplitDirectEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { fields: event, substitutionInputs: {} };
  const given = Object.entries(event).filter(([, value]) => value !== null && value !== '');
  const isSubstitutionInput = ([name]: [string, unknown]) => name.startsWith(SUBSTITUTION_INPUT_PREFIX);
  // Object.fromEntries, not assignment: an own "__proto__" key must stay a plain (rejected) key.
  return {
    fields: Object.fromEntries(given.filter((entry) => !isSubstitutionInput(entry))),
    substitutionInputs: Object.fromEntries(
      given.filter(isSubstitutionInput).map(([name, value]) => [name.slice(SUBSTITUTION_INPUT_PREFIX.length), value]),
    ),
  };
}

/** The places a direct invocation may give substitutions in (values validated or not: only the keys are combined). */
export interface SubstitutionSources<V> {
  substitutions?: Record<string, V> | undefined;
  substitutionInputs: Record<string, V>;
  substitutionsJson?: Record<string, V> | undefined;
}

/**
 * All substitutions of a direct invocation as one map, with the problems of combining them: a placeholder given in
 * more than one place, or more than {@link MAX_SUBSTITUTIONS} placeholders in all, each naming its path. The caller
 * reports these alongside any other problem of the event, so every problem is listed at once.
 */
export function mergeSubstitutions<V>(sources: SubstitutionSources<V>): { merged: Record<string, V>; problems: ErrorDetail[] } {
  const places: Array<[Record<string, V> | undefined, (id: string) => string]> = [
    [sources.substitutions, (id) => `substitutions.${id}`],
    [sources.substitutionInputs, substitutionInputName],
    [sources.substitutionsJson, (id) => `substitutionsJson.${id}`],
  ];
  // A Map, not an object: a placeholder id may be "__proto__".
  const merged = new Map<string, { value: V; path: string }>();
  const problems: ErrorDetail[] = [];
  for (const [entries, pathOf] of places) {
    for (const [id, value] of Object.entries(entries ?? {})) {
      const earlier = merged.get(id);
      if (earlier) problems.push({ path: pathOf(id), message: `{{${id}}} is also given as ${earlier.path}; give each placeholder once` });
      else merged.set(id, { value, path: pathOf(id) });
    }
  }
  if (merged.size > MAX_SUBSTITUTIONS) {
    problems.push({
      path: 'substitutions',
      message: `at most ${MAX_SUBSTITUTIONS} entries in all (substitutions, ${SUBSTITUTION_INPUT_PREFIX}<ID> inputs and substitutionsJson)`,
    });
  }
  return { merged: Object.fromEntries([...merged].map(([id, { value }]) => [id, value])), problems };
}
