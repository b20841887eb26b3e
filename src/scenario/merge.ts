/**
 * How a scenario file changes the model it `extends`.
 *
 * The rules, chosen so a strategist can say "the same, but..." in a few lines:
 * - maps (sections, and named things such as homes or cohorts) merge key by key, so a
 *   scenario adds a home by naming a new one and changes one field by naming only it;
 * - `null` removes a key (as in JSON Merge Patch, RFC 7386), e.g. `homes: { weland: null }`;
 * - a list replaces the list it overrides (lists have no stable identity to merge by);
 * - a distribution (an object with `type`) or a number with provenance (an object with
 *   `value`) replaces the one it overrides whole: merging `{ type: gamma, shape, scale }`
 *   into an exponential's `{ mean }`, or a new `assumption` into an old `source`, would
 *   produce a chimera that was never written.
 * This differs from RFC 7386 only in that last rule, which is why it is hand-written.
 */

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects that stand for one value and are replaced whole, never merged into. */
export const isAtomic = (v: Record<string, unknown>): boolean => 'type' in v || 'value' in v;

/**
 * Apply `override` on top of `base` and return a new value; neither input is changed.
 * @example mergeModel({ a: { x: 1, y: 2 } }, { a: { y: 3, z: null } }) // { a: { x: 1, y: 3 } }
 */
export function mergeModel(base: unknown, override: unknown): unknown {
  if (!isPlainObject(override) || !isPlainObject(base) || isAtomic(override)) {
    return structuredClone(override);
  }
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete out[key];
    else out[key] = key in out ? mergeModel(out[key], value) : structuredClone(value);
  }
  return out;
}
