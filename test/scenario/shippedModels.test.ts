import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { summariseModel } from '../../src/report/modelSummary.ts';
import { modelJsonSchemaText } from '../../src/scenario/jsonSchema.ts';
import { formatModelError, loadModel, type LoadResult } from '../../src/scenario/load.ts';
import { listProvenance, provenanceCounts } from '../../src/scenario/provenance.ts';
import { val } from '../../src/scenario/schema/distributions.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { sample } from '../../src/random/compiled.ts';

const run = promisify(execFile);

function modelFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? modelFiles(join(dir, e.name))
      : /\.(ya?ml|json)$/.test(e.name) && e.name !== 'caresim.schema.json'
        ? [join(dir, e.name)]
        : [],
  );
}

const files = modelFiles('models');
const loaded = new Map<string, LoadResult>(files.map((f) => [f, loadModel(f)]));
const get = (f: string) => {
  const r = loaded.get(f)!;
  if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
  return r;
};

describe('shipped models', () => {
  it('include the baseline and the eight scaling scenarios', () => {
    expect(files).toContain(join('models', 'leicestershire.yaml'));
    for (const s of [
      'do-nothing',
      'march-2025-plan',
      'openings-slip',
      'openings-slip-a-year',
      'double-art',
      'two-more-homes',
      're-register',
      'sell-places',
    ])
      expect(files).toContain(join('models', 'scenarios', `${s}.yaml`));
  });

  it.each(files)('%s validates with no errors or warnings', (f) => {
    const r = loaded.get(f)!;
    expect(r.ok ? [] : r.errors.map(formatModelError)).toEqual([]);
    expect(r.warnings.map(formatModelError)).toEqual([]);
  });

  it.each(files)('%s points editors at the JSON Schema', (f) => {
    const text = readFileSync(f, 'utf8');
    // YAML: a yaml-language-server modeline on the first line; JSON: a "$schema" key.
    const target = f.endsWith('.json')
      ? (JSON.parse(text) as { $schema?: string }).$schema
      : /^# yaml-language-server: \$schema=(\S+)$/.exec(text.split('\n')[0]!)?.[1];
    expect(target, `schema reference in ${f}`).toBeDefined();
    expect(existsSync(resolve(dirname(f), target!))).toBe(true);
  });

  it('ship a JSON Schema that matches the zod schema (run `npm run schema` after changing it)', () => {
    expect(readFileSync('models/caresim.schema.json', 'utf8')).toBe(modelJsonSchemaText());
  });
});

describe('the Leicestershire baseline', () => {
  const { model, raw } = get(join('models', 'leicestershire.yaml'));

  it('has eight homes for 23 children by March 2025 (001 ¶18)', () => {
    const homes = Object.values(model.homes).filter((h) => h.opens <= '2025-03-31');
    expect(homes).toHaveLength(8);
    expect(homes.reduce((a, h) => a + val(h.beds), 0)).toBe(23);
  });

  it('has the documented openings, MISTLE then the ART, and assessment beds', () => {
    expect(model.homes.oldPostOffice!.opens).toBe('2023-05-01');
    expect(model.homes.wellandHouse!.opens).toBe('2024-01-01');
    expect(model.homes.wellandHouse!.cohorts).toEqual(['parentChild']);
    const steps = model.art!.capacity as { from: string; children: number; costPerYear?: number }[];
    expect(steps.map((st) => [st.from, val(st.children), st.costPerYear && val(st.costPerYear)])).toEqual([
      ['2018-06-01', 10, 450_000], // MISTLE (003 ¶24, 000 ¶16)
      ['2020-12-01', 12, undefined], // the ART (000 ¶11, 002 App.1)
    ]);
    expect(val(model.art!.weeklyCostPerChild)).toBe(660);
    expect(val(model.assessment!.beds)).toBe(3);
    expect(model.assessment!.costBasis).toBe('wholeUnit');
    expect(val(model.finance.savingsTarget!.perYear)).toBe(2_500_000);
  });

  it('has the homes and capital of the table in 001 ¶27: Welland House, four contextual safeguarding, two EBD and the complex care home', () => {
    const ids = (cohort: string) =>
      Object.entries(model.homes)
        .filter(([, h]) => h.cohorts.includes(cohort))
        .map(([id]) => id);
    expect(ids('parentChild')).toEqual(['wellandHouse']);
    expect(ids('contextualSafeguarding')).toHaveLength(4);
    expect(ids('ebd')).toHaveLength(2);
    expect(ids('complexCare')).toEqual(['complexCareHome']);
    const sum = (f: (h: (typeof model.homes)[string]) => number) =>
      Object.values(model.homes).reduce((a, h) => a + f(h), 0);
    // The table's totals (splitting a phase evenly rounds by a pound or two).
    expect(Math.abs(sum((h) => val(h.costs.capital!)) - 5_952_001)).toBeLessThan(5);
    expect(Math.abs(sum((h) => (h.costs.grant ? val(h.costs.grant) : 0)) - 1_991_422)).toBeLessThan(5);
    expect(val(model.homes.wellandHouse!.costs.capital!)).toBe(463_960);
    expect(val(model.homes.complexCareHome!.costs.capital!)).toBe(2_169_088);
  });

  it('gives every number a source or an assumption', () => {
    const none = listProvenance(raw).filter((p) => p.kind === 'none');
    expect(none.map((p) => p.field)).toEqual([]);
    expect(provenanceCounts(listProvenance(raw)).source).toBeGreaterThan(20);
  });

  it('has cohort price factors that average 1 over the census, so the cohorts keep the documented average price', () => {
    const census = model.initialCensus!.outOfCounty;
    let n = 0;
    let weighted = 0;
    for (const [c, cohort] of Object.entries(model.cohorts)) {
      if (cohort.outOfCountyWeeklyPrice) continue; // parent and child: a price of its own
      n += val(census[c]!);
      weighted += val(census[c]!) * val(cohort.outOfCountyPriceFactor!);
    }
    expect(weighted / n).toBeCloseTo(1, 2);
  });

  it('summarises the ART at £411,840 a year at full capacity (000 ¶14)', () => {
    expect(summariseModel(model, raw, 'leicestershire.yaml')).toContain('£411,840 a year at full capacity');
  });
});

describe('the scenarios change only what they say', () => {
  const base = get(join('models', 'leicestershire.yaml')).model;
  const scenario = (s: string) => get(join('models', 'scenarios', `${s}.yaml`)).model;

  it('do-nothing has no local homes or assessment beds, keeps MISTLE (000 ¶15-16), and the same demand', () => {
    const m = scenario('do-nothing');
    expect(Object.keys(m.homes)).toEqual([]);
    expect(m.assessment).toBeUndefined();
    const steps = m.art!.capacity as { from: string; costPerYear?: number }[];
    expect(steps.map((st) => [st.from, st.costPerYear && val(st.costPerYear)])).toEqual([
      ['2018-06-01', 450_000],
    ]);
    expect(m.art!.effect).toEqual(base.art!.effect);
    expect(m.cohorts).toEqual(base.cohorts);
    expect(m.history).toBeUndefined();
  });

  it('the March 2025 plan is the baseline', () => {
    expect({ ...scenario('march-2025-plan'), name: base.name }).toEqual(base);
  });

  it('openings-slip delays the homes not open in March 2024 and keeps the rest', () => {
    const m = scenario('openings-slip');
    const slipped = Object.entries(m.homes).filter(
      ([, h]) => h.openingDelay?.type === 'uniform' && val((h.openingDelay as { min: number }).min) === 6,
    );
    expect(slipped.map(([id]) => id).sort()).toEqual([
      'complexCareHome',
      'csHome2',
      'csHome3',
      'csHome4',
      'ebdHome1',
      'ebdHome2',
    ]);
    expect(m.homes.oldPostOffice).toEqual(base.homes.oldPostOffice);
    expect(m.homes.csHome2!.costs).toEqual(base.homes.csHome2!.costs);
  });

  it('openings-slip-a-year moves every opening still to come in March 2024 a year, on top of its own delay, and changes nothing else', () => {
    const m = scenario('openings-slip-a-year');
    const { openings, name, ...rest } = m;
    expect(name).toBe('Openings slip a year');
    expect({ ...rest, name: base.name }).toEqual(base);
    expect(openings!.ownDelay).toBe('adds');
    const s = normalise(m);
    expect(s.homes.filter((h) => h.slipsWithProgramme).map((h) => h.id)).toEqual([
      'csHome2',
      'csHome3',
      'csHome4',
      'ebdHome1',
      'ebdHome2',
      'complexCareHome',
    ]);
    expect(s.assessment!.slipsWithProgramme).toBe(true);
    // One fixed draw of twelve months of 365.2425 / 12 days.
    expect(sample(s.openingSlip!, 0.5)).toBeCloseTo(365.2425, 9);
    // The summary moves the planned openings: in 2024/25 only the two homes already open have beds.
    const text = summariseModel(m, get(join('models', 'scenarios', 'openings-slip-a-year.yaml')).raw, 'x');
    expect(text).toMatch(/\n {2}2024\/25 +0 +3 +0 +0 +0 +3 +6 +2\n/);
    expect(text).toMatch(/\n {2}2025\/26 +0 +12 +6 +2 +0 +3 +23 +8\n/);
    expect(text).toContain('Assessment beds: 3 from 2026-04-01 (planned 2025-04-01');
  });

  it('double-art doubles the caseload from April 2026', () => {
    const cap = scenario('double-art').art!.capacity;
    expect(Array.isArray(cap) && cap.map((s) => [s.from, val(s.children)])).toEqual([
      ['2018-06-01', 10],
      ['2020-12-01', 12],
      ['2026-04-01', 24],
    ]);
  });

  it('two-more-homes adds an under-16 and a 16+ home, six beds, beyond the eight of 001 ¶27', () => {
    const m = scenario('two-more-homes');
    expect(Object.keys(m.homes)).toHaveLength(10);
    expect(m.homes.under16Home!.cohorts).toEqual(['under16']);
    expect(m.homes.sixteenPlusHome!.cohorts).toEqual(['sixteenPlus']);
    expect(Object.values(m.homes).reduce((a, h) => a + val(h.beds), 0)).toBe(29);
  });

  it('re-register moves the fourth safeguarding home to 16+ in April 2026', () => {
    expect(scenario('re-register').homes.csHome4!.reRegistrations).toEqual([
      { date: '2026-04-01', cohorts: ['sixteenPlus'] },
    ]);
  });

  it('sell-places adds a neighbours cohort that the safeguarding and EBD homes accept', () => {
    const m = scenario('sell-places');
    expect(m.cohorts.neighbours!.soldPlaces).toBeDefined();
    const accepting = Object.entries(m.homes).filter(([, h]) => h.cohorts.includes('neighbours'));
    expect(accepting).toHaveLength(6);
  });
});

describe('caresim validate on the command line', () => {
  it('exits 0 on every shipped model and prints each summary', async () => {
    const { stdout } = await run('node', ['src/cli/bin.js', 'validate', ...files], { timeout: 60_000 });
    expect(stdout).toContain('Leicestershire baseline');
    expect(stdout.match(/^Provenance: /gm)).toHaveLength(files.length);
  }, 60_000);
});
