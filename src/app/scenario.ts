/**
 * A scenario as the app holds it: the model it starts from and the changes to it, kept as the
 * body of a scenario file (`extends` the starting model; maps merge key by key, a list replaces
 * the list, `null` removes: src/scenario/merge.ts). The forms write into it, the YAML editor
 * shows it as text and reads it back, saving keeps it, exporting writes it: one thing, so the
 * views cannot disagree, and the model run is the scenario file loaded as the command line
 * loads one.
 */
import { parseDocument, stringify } from 'yaml';
import { isAtomic, isPlainObject, mergeModel } from '../scenario/merge.ts';
import { parsePath } from '../scenario/paths.ts';

export type Changes = Record<string, unknown>;

/** The keys of a scenario file that are not changes to the model. */
const HEADER = new Set(['caresim', 'extends', 'name', 'description']);

/** The model as written with the changes applied. */
export const applied = (base: Record<string, unknown>, changes: Changes): Record<string, unknown> =>
  mergeModel(base, changes) as Record<string, unknown>;

/** The value at a path of the model as written (undefined where there is none). */
export function valueAt(model: unknown, path: string): unknown {
  let cur = model;
  for (const k of parsePath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** A number as written: bare or the value of a provenance object. */
export const numberIn = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : isPlainObject(v) && typeof v.value === 'number' ? v.value : undefined;

/**
 * The changes with the field at `path` set to `value`; `undefined` takes a change back (the field
 * is the starting model's again) and `null` removes the field (a home, say). A number that the
 * starting model writes with its source becomes `{ value, assumption: note }`, so that every
 * number of an exported scenario still says where it came from. A field inside a list changes
 * the whole list (a list replaces the one it overrides).
 */
export function setField(
  base: Record<string, unknown>,
  changes: Changes,
  path: string,
  value: unknown,
  note: string,
): Changes {
  const keys = parsePath(path);
  const out = structuredClone(changes);
  const merged = applied(base, changes);
  // A list, a distribution or a number with provenance is replaced whole by what overrides it:
  // a change inside one writes it whole, as it stands with the change.
  for (let cut = 1; cut < keys.length; cut++) {
    const whole = valueAt(merged, joinPath(keys.slice(0, cut)));
    if (!Array.isArray(whole) && !(isPlainObject(whole) && isAtomic(whole))) continue;
    const copy = structuredClone(whole) as Record<string | number, unknown>;
    let holder = copy;
    for (const k of keys.slice(cut, -1)) holder = holder[k] as Record<string | number, unknown>;
    const last = keys[keys.length - 1]!;
    const wholePath = keys.slice(0, cut) as string[];
    if (value === undefined) {
      // Taken back: the starting model's value; the whole is no change once it is all the start's.
      holder[last] = structuredClone(valueAt(base, path));
      const start = valueAt(base, joinPath(keys.slice(0, cut)));
      return sameValue(copy, start) ? removeChange(out, wholePath) : putAt(out, wholePath, copy);
    }
    holder[last] = withProvenance(holder[last], value, note);
    if (!Array.isArray(copy)) {
      // A distribution changed says so, in place of the source it no longer matches.
      delete copy.source;
      copy.assumption = note;
    }
    return putAt(out, wholePath, copy);
  }
  if (value === undefined) return removeChange(out, keys as string[]);
  return putAt(
    out,
    keys as string[],
    value === null ? null : withProvenance(valueAt(merged, path), value, note),
  );
}

/** Whether two values as written are the same, a number with its note the same as the bare number. */
const sameValue = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const na = isPlainObject(a) && 'value' in a && !('type' in a) ? a.value : a;
  const nb = isPlainObject(b) && 'value' in b && !('type' in b) ? b.value : b;
  if (isPlainObject(na) && isPlainObject(nb)) {
    const keys = new Set(
      [...Object.keys(na), ...Object.keys(nb)].filter((k) => k !== 'assumption' && k !== 'source'),
    );
    return [...keys].every((k) => sameValue(na[k], nb[k]));
  }
  return JSON.stringify(na) === JSON.stringify(nb);
};

const joinPath = (keys: readonly (string | number)[]) =>
  keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

/** A number keeps the form its field was written in; anything else is written as it is. */
function withProvenance(old: unknown, value: unknown, note: string): unknown {
  if (typeof value !== 'number') return value;
  if (isPlainObject(old) && isAtomic(old) && 'value' in old) return { value, assumption: note };
  return value;
}

function putAt(changes: Changes, keys: readonly string[], value: unknown): Changes {
  let into = changes;
  for (const k of keys.slice(0, -1)) {
    const next = into[k];
    // A whole object set earlier (a new home) is changed inside, not replaced.
    into = (isPlainObject(next) && !isAtomic(next) ? next : (into[k] = {})) as Changes;
  }
  into[keys[keys.length - 1]!] = value;
  return changes;
}

function removeChange(changes: Changes, keys: readonly string[]): Changes {
  const trail: Changes[] = [changes];
  for (const k of keys.slice(0, -1)) {
    const next = trail[trail.length - 1]![k];
    if (!isPlainObject(next)) return changes;
    trail.push(next);
  }
  delete trail[trail.length - 1]![keys[keys.length - 1]!];
  // Drop the sections the removal left empty.
  for (let i = trail.length - 1; i > 0; i--)
    if (Object.keys(trail[i]!).length === 0) delete trail[i - 1]![keys[i - 1]!];
  return changes;
}

/** How many fields the changes set (a number with its note counts once; a new home once). */
export function changeCount(changes: unknown, base: unknown): number {
  if (!isPlainObject(changes) || isAtomic(changes) || !isPlainObject(base)) return 1;
  return Object.entries(changes).reduce<number>((n, [k, v]) => n + changeCount(v, base[k]), 0);
}

/** Where a scenario file sits and what it extends: the path `extends` takes from models/scenarios/. */
export function extendsPath(from: string): string {
  return from.startsWith('models/scenarios/')
    ? from.slice('models/scenarios/'.length)
    : `../${from.replace(/^models\//, '')}`;
}

/** The scenario as a file: it extends the model it started from and sets only what changed. */
export function scenarioText(o: { from: string; name: string; changes: Changes }): string {
  return (
    '# yaml-language-server: $schema=../caresim.schema.json\n' +
    stringify({ caresim: 1, extends: extendsPath(o.from), name: o.name, ...o.changes }, { lineWidth: 0 })
  );
}

/**
 * The changes and name a scenario file's text holds (what it sets beyond its header); null when
 * the text is not YAML of a mapping (the editor shows why, from the loader's own message).
 */
export function changesOf(
  text: string,
): { name: string | null; extends: string | null; changes: Changes } | null {
  const doc = parseDocument(text, { uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) return null;
  const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (!isPlainObject(data)) return null;
  const changes: Changes = {};
  for (const [k, v] of Object.entries(data)) if (!HEADER.has(k) && !k.startsWith('x-')) changes[k] = v;
  return {
    name: typeof data.name === 'string' ? data.name : null,
    extends: typeof data.extends === 'string' ? data.extends : null,
    changes,
  };
}
