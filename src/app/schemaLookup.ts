/**
 * What the model file's JSON Schema (generated from the zod schema: src/scenario/jsonSchema.ts)
 * says of a field by its path: its description, the keys it may hold, the values it may take.
 * The forms take their help and their choices from it, and the YAML editor its completions, so
 * neither writes a field's meaning or options a second time.
 */
import { modelJsonSchema } from '../scenario/jsonSchema.ts';

type Schema = Record<string, unknown>;

let root: Schema | undefined;
const schema = () => (root ??= modelJsonSchema());

/** A schema with its $ref followed, and the branches it may be (anyOf, oneOf, allOf, if/then/else). */
function branches(s: unknown, depth = 0): Schema[] {
  if (typeof s !== 'object' || s === null || depth > 30) return [];
  const x = s as Schema;
  if (typeof x.$ref === 'string') {
    const name = x.$ref.replace('#/$defs/', '');
    // Words written beside a $ref (a date's meaning in this field) come before the target's own.
    const { $ref: _ref, ...beside } = x;
    return [beside, ...branches(((schema().$defs as Schema)[name] as Schema) ?? {}, depth + 1)];
  }
  const out: Schema[] = [x];
  for (const k of ['anyOf', 'oneOf', 'allOf'])
    if (Array.isArray(x[k])) for (const b of x[k] as unknown[]) out.push(...branches(b, depth + 1));
  // The file's root is "a scenario if it extends, else a model": completion offers the full model's keys.
  if (x.else) out.push(...branches(x.else, depth + 1));
  return out;
}

/** The schemas a key (or list index) of a value of schema `s` has. */
function child(s: Schema, key: string | number): Schema[] {
  const out: Schema[] = [];
  for (const b of branches(s)) {
    if (typeof key === 'number') {
      if (b.items) out.push(...branches(b.items));
      continue;
    }
    const props = b.properties as Record<string, unknown> | undefined;
    if (props?.[key]) out.push(...branches(props[key]));
    else if (b.additionalProperties && typeof b.additionalProperties === 'object')
      out.push(...branches(b.additionalProperties));
    else if (b.patternProperties)
      for (const [re, p] of Object.entries(b.patternProperties as Record<string, unknown>))
        if (new RegExp(re).test(key)) out.push(...branches(p));
  }
  return out;
}

/** The schemas of the field at a path of keys. */
export function schemasAt(path: readonly (string | number)[]): Schema[] {
  let at = branches(schema());
  for (const k of path) at = at.flatMap((s) => child(s, k));
  return at;
}

/** The field's description (the first its schemas give). */
export function describe(path: readonly (string | number)[]): string | null {
  for (const s of schemasAt(path)) if (typeof s.description === 'string') return s.description;
  return null;
}

/** The values an enumerated field may take. */
export function choices(path: readonly (string | number)[]): string[] {
  const out = new Set<string>();
  for (const s of schemasAt(path)) {
    if (Array.isArray(s.enum)) for (const v of s.enum) if (typeof v === 'string') out.add(v);
    if (typeof s.const === 'string') out.add(s.const);
  }
  return [...out];
}

/** The keys an object at the path may hold, each with its description, for completion. */
export function keysAt(path: readonly (string | number)[]): { key: string; description: string | null }[] {
  const out = new Map<string, string | null>();
  for (const s of schemasAt(path)) {
    const props = s.properties as Record<string, unknown> | undefined;
    for (const [k, p] of Object.entries(props ?? {})) {
      if (k === '$schema') continue;
      const d = branches(p).find((b) => typeof b.description === 'string')?.description as string | undefined;
      if (!out.has(k) || out.get(k) === null) out.set(k, d ?? null);
    }
  }
  return [...out].map(([key, description]) => ({ key, description }));
}
