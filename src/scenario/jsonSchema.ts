/**
 * The JSON Schema of model files, generated from the zod schema so the two never disagree.
 * Editors (VS Code's YAML extension, via the `# yaml-language-server: $schema=...` line at the
 * top of each model file) use it to complete field names and flag mistakes while typing.
 *
 * One schema serves both kinds of file. A file without `extends` is a full model and is
 * checked fully. A file with `extends` is a scenario: a partial model whose missing fields
 * come from the files it extends, merged by the rules of `merge.ts`. So its schema (the
 * "partial" form, `$defs/scenarioFile`) is the full one with, in every object that merges key
 * by key (sections and named things), no required keys, and `null` allowed for a key the
 * full model may leave out (`null` removes it). Distributions (`{ type, ... }`), numbers with
 * provenance (`{ value, ... }`) and list items replace what they override whole, so inside
 * them the full form applies: they must be complete.
 *
 * What the JSON Schema cannot check: cross-field rules (`caresim validate` checks those), the
 * refinements written in code (a real calendar date, "source" or "assumption" beside a
 * value, parameters that fit together), and in a scenario whether a home or cohort it names
 * is new, and so must be complete, or one of its base's, which it only changes.
 */
import { z } from 'zod';
import { modelFile } from './schema/model.ts';

type Schema = Record<string, unknown>;

const FILE_DEF = 'modelFile';
const SCENARIO_DEF = 'scenarioFile';
const PARTIAL_PREFIX = 'partial';
const DEFS_REF = '#/$defs/';

/** Top-level "x-" keys hold YAML anchors and are ignored by the loader (load.ts). */
const ANCHOR_KEYS = { '^x-': {} };

/** The JSON Schema (draft 2020-12) of a model or scenario file as written (defaults optional). */
export function modelJsonSchema(): Schema {
  const generated = z.toJSONSchema(modelFile, {
    io: 'input',
    unrepresentable: 'any',
    reused: 'ref',
  }) as Schema;
  const { $schema, $defs, description, ...root } = generated;
  const defs = ($defs ?? {}) as Record<string, Schema>;
  const full: Schema = { ...root, patternProperties: ANCHOR_KEYS };
  const partial = new PartialForm(defs);
  const scenario: Schema = {
    ...partial.of(full),
    description: 'A scenario: a partial model, completed by the file it extends.',
  };
  // `extends` itself is never removed: the file would no longer be a scenario.
  (scenario.properties as Schema).extends = (full.properties as Schema).extends;
  return {
    $schema,
    $id: 'caresim.schema.json',
    title: 'caresim model file',
    description: `${String(description)} With "extends" it is a scenario: only what it changes, null to remove a key.`,
    type: 'object',
    if: { properties: { extends: {} }, required: ['extends'] },
    then: { $ref: `${DEFS_REF}${SCENARIO_DEF}` },
    else: { $ref: `${DEFS_REF}${FILE_DEF}` },
    $defs: {
      [FILE_DEF]: { ...full, description },
      [SCENARIO_DEF]: scenario,
      ...defs,
      ...partial.defs,
    },
  };
}

/** The schema as committed: stable key order, two-space indent, trailing newline. */
export function modelJsonSchemaText(): string {
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object a scenario replaces whole rather than merges into (merge.ts `isAtomic`): a
 * distribution has a `type`, a number with provenance a `value`.
 */
function isAtomic(s: Schema): boolean {
  const props = s.properties;
  return isObject(props) && ('type' in props || 'value' in props);
}

/** `schema`, or null: written in a scenario, null removes the key from the model it extends. */
function orNull(schema: Schema): Schema {
  const { description } = schema;
  return {
    ...(description === undefined ? {} : { description }),
    anyOf: [schema, { type: 'null', description: 'null removes this key from the model extended' }],
  };
}

/**
 * The partial form of the generated schema: definitions are copied with the prefix
 * `partial` where their partial form differs, and shared where it does not (atomic objects,
 * plain values).
 */
class PartialForm {
  /** The partial definitions made so far, by name. */
  readonly defs: Record<string, Schema> = {};
  /** Name of each full definition's partial form (itself when they are the same). */
  private readonly names = new Map<string, string>();

  constructor(private readonly full: Record<string, Schema>) {}

  /** The partial form of one schema node. */
  of(s: Schema): Schema {
    if (isAtomic(s)) return s;
    const out: Schema = { ...s };
    if (typeof s.$ref === 'string' && s.$ref.startsWith(DEFS_REF))
      out.$ref = DEFS_REF + this.defName(s.$ref.slice(DEFS_REF.length));
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const branches = s[key];
      if (Array.isArray(branches)) out[key] = branches.map((b) => this.of(b as Schema));
    }
    // Branches of a partial union may overlap (two objects with no required key): any may match.
    if (Array.isArray(out.oneOf) && JSON.stringify(out.oneOf) !== JSON.stringify(s.oneOf)) {
      out.anyOf = out.oneOf;
      delete out.oneOf;
    }
    if (isObject(s.properties)) {
      const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
      out.properties = Object.fromEntries(
        Object.entries(s.properties).map(([k, v]) => {
          const p = this.of(v as Schema);
          return [k, required.has(k) ? p : orNull(p)];
        }),
      );
      delete out.required;
    }
    // A map of named things (homes, cohorts...): each entry is merged, or removed with null.
    if (isObject(s.additionalProperties)) out.additionalProperties = orNull(this.of(s.additionalProperties));
    // Lists (`items`) replace whole, so their items keep the full form.
    return out;
  }

  /** Name of the partial form of definition `name`, made on first use. */
  private defName(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    const partialName = `${PARTIAL_PREFIX}${name}`;
    this.names.set(name, partialName); // while it is being made (the model has no cycles)
    const made = this.of(this.full[name]!);
    if (JSON.stringify(made) === JSON.stringify(this.full[name])) {
      this.names.set(name, name);
      return name;
    }
    this.defs[partialName] = made;
    return partialName;
  }
}
