/**
 * The JSON Schema that editors check model files against (models/caresim.schema.json, named
 * by the `# yaml-language-server: $schema=...` line of each file), checked here with Ajv as
 * an editor would: every shipped model and scenario file passes, and mistakes are caught.
 *
 * A file with `extends` is a scenario: a partial model whose missing fields come from its
 * base, that may write `null` to remove an optional key. A file without it is a full model
 * and must have every required field. That the committed file is what `npm run schema`
 * generates is checked in shippedModels.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODELS = join(ROOT, 'models');
const SCHEMA_FILE = join(MODELS, 'caresim.schema.json');

function modelFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? modelFiles(join(dir, e.name))
      : /\.(ya?ml|json)$/.test(e.name) && join(dir, e.name) !== SCHEMA_FILE
        ? [join(dir, e.name)]
        : [],
  );
}

// As an editor reads a file: YAML 1.2 (dates stay text), merge keys resolved.
const read = (text: string): unknown => parse(text, { merge: true }) as unknown;

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

/** The schema's complaints about a file's data, one line each (empty: valid). */
function problems(data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

const files = modelFiles(MODELS).map((f) => relative(ROOT, f));

/** A full model, valid as it stands (the loss system without its comments). */
const FULL = `
caresim: 1
name: Full model
time: { start: 2025-04-01, years: 10 }
cohorts:
  any:
    label: Any child
    referrals: { perYear: { value: 182.5, source: 'the loss system' } }
    pathway:
      stay: { type: exponential, mean: 40, unit: days }
homes:
  home: { label: The one home, beds: 23, cohorts: [any], opens: 2000-01-01 }
outOfCounty:
  defaultWeeklyPrice: { type: fixed, value: 0 }
  travelCostPerWeek: 0
finance:
  priceBase: 2025-04-01
  inflation: { inHouse: 0, external: 0 }
  discountRate: 0
`;

/** A scenario head: the rest of each scenario below is appended to it. */
const SCENARIO = `
caresim: 1
extends: ../leicestershire.yaml
name: A scenario
`;

describe('the JSON Schema accepts every shipped model file', () => {
  it('finds the shipped files, scenarios among them', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(files.filter((f) => /extends:/m.test(readFileSync(join(ROOT, f), 'utf8'))).length).toBeGreaterThan(
      5,
    );
  });

  it.each(files)('%s', (f) => {
    expect(problems(read(readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });
});

describe('the JSON Schema checks a full model (no extends) fully', () => {
  it('accepts a complete model', () => {
    expect(problems(read(FULL))).toEqual([]);
  });

  it('rejects a model missing a required top-level field', () => {
    const data = read(FULL) as Record<string, unknown>;
    delete data.time;
    expect(problems(data).join('\n')).toContain("must have required property 'time'");
  });

  it('rejects a model missing a required field inside a section', () => {
    const data = read(FULL.replace('label: The one home, ', '')) as Record<string, unknown>;
    expect(problems(data).join('\n')).toContain("must have required property 'label'");
  });

  it('rejects null in a full model: there is nothing to remove', () => {
    expect(problems(read(`${FULL}art: null\n`))).not.toEqual([]);
  });
});

describe('the JSON Schema checks a scenario (extends) as a partial model', () => {
  const accepted = (body: string) => expect(problems(read(SCENARIO + body))).toEqual([]);
  const rejected = (body: string) => {
    const found = problems(read(SCENARIO + body));
    expect(found, `accepted:\n${body}`).not.toEqual([]);
    return found.join('\n');
  };

  it('accepts a scenario that changes one field, or removes keys with null', () => {
    accepted('homes: { csHome4: { beds: 3 } }\n');
    accepted('homes: null\nart: null\n');
    accepted('homes: { csHome4: null }\n');
    accepted('cohorts: { ebd: { pathway: { breakdown: { escalateTo: null } } } }\n');
  });

  it('accepts top-level "x-" keys that hold YAML anchors', () => {
    accepted(
      'x-slip: &slip { type: uniform, min: 6, max: 12, unit: months }\nhomes: { csHome1: { openingDelay: *slip } }\n',
    );
  });

  it('rejects a misspelt key', () => {
    expect(rejected('homes: { csHome4: { bedz: 3 } }\n')).toContain('must NOT have additional properties');
    expect(rejected('finanse: { discountRate: 0.035 }\n')).toContain('must NOT have additional properties');
  });

  it('rejects a value of the wrong type', () => {
    expect(rejected('homes: { csHome4: { beds: three } }\n')).toContain('/homes/csHome4/beds');
    expect(rejected('time: { years: 0.5 }\n')).toContain('/time/years');
  });

  it('rejects null for a required key, which would leave the model without it', () => {
    rejected('time: null\n');
    rejected('homes: { csHome4: { beds: null } }\n');
  });

  it('rejects an incomplete distribution or number with provenance: they replace whole', () => {
    expect(rejected('cohorts: { ebd: { pathway: { stay: { type: exponential, mean: 40 } } } }\n')).toContain(
      'unit',
    );
    expect(rejected("homes: { csHome4: { beds: { source: 'a count' } } }\n")).toContain('value');
    rejected("homes: { csHome4: { beds: { value: 3, sorce: 'a count' } } }\n");
  });

  it('rejects an incomplete list item: a list replaces the list it overrides', () => {
    expect(rejected('homes: { csHome4: { reRegistrations: [{ date: 2026-04-01 }] } }\n')).toContain(
      'cohorts',
    );
  });
});
