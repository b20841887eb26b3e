// Parameter uncertainty with answers known in advance: a gamma belief on a Poisson rate gives the
// negative binomial count, a uniform belief on a loss system's arrival rate gives Erlang B
// averaged over that belief (by quadrature here, independently of the simulator); and common
// random numbers still hold: base and scenario see the same parameter draws in every replication,
// a model compared with itself differs by exactly zero, and fixed parameters are the run as before.
import { describe, expect, it } from 'vitest';
import { compareScenario } from '../../src/experiment/compare.ts';
import { ReplicationView } from '../../src/experiment/headline.ts';
import { prepare } from '../../src/experiment/prepared.ts';
import { runReplications, type ReplicationSet } from '../../src/experiment/runner.ts';
import { validateModelData } from '../../src/scenario/load.ts';
import {
  drawParameters,
  uncertainParameters,
  uncertainRecords,
  withDrawnValues,
} from '../../src/scenario/beliefs.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { BASELINE, estimate, LOSS, rawModel, Z, type RawModel } from '../model/helpers.ts';
import { erlangB } from '../model/queueing.ts';
import { allMatrices } from '../../src/experiment/matrices.ts';

const SEED = 20261202;
const DAYS_PER_YEAR = 365.2425;
const TIMEOUT = 120_000;

function prepared(raw: RawModel) {
  const v = validateModelData(raw);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return prepare(v.model);
}

async function run(raw: RawModel, R: number): Promise<ReplicationSet> {
  return runReplications({
    model: prepared(raw),
    seed: SEED,
    reps: Array.from({ length: R }, (_, i) => i),
    workers: 1,
  });
}

const totals = (set: ReplicationSet, series: string): number[] =>
  allMatrices(set.matrices).map((m) => new ReplicationView(m, set.defs, set.calendar).total(series as never));

const sampleVariance = (xs: readonly number[]): number => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};

describe('a gamma belief on the referral rate', () => {
  // One year, no warm-up: the count of referrals is Poisson(lambda T) given lambda, and lambda is
  // gamma, so the count is negative binomial: mean E[lambda] T, variance E[lambda] T + Var(lambda) T^2.
  const meanRate = 182.62125;
  const sdRate = 40;
  const model = (belief: boolean): RawModel => {
    const raw = rawModel(LOSS);
    raw.time = { start: '2025-04-01', years: 1 };
    raw.cohorts.any.referrals.perYear = {
      value: meanRate,
      assumption: 'A belief for the test: gamma around the loss system rate.',
      ...(belief ? { uncertain: { type: 'gamma', mean: meanRate, sd: sdRate } } : {}),
    };
    return raw;
  };
  const T = 365 / DAYS_PER_YEAR; // 2025-04-01 to 2026-04-01, in years

  it(
    'gives the negative binomial mean and variance of the count, and Poisson without it',
    async () => {
      const R = 1500;
      const counts = totals(await run(model(true), R), 'referrals');
      const mean = meanRate * T;
      const variance = mean + sdRate ** 2 * T ** 2;
      expect(Math.abs(estimate(counts).mean - mean)).toBeLessThan(Z * Math.sqrt(variance / R));
      // The sample variance's standard error, for a count this close to normal (the gamma's excess
      // kurtosis is 6 / shape = 0.29): variance x sqrt((2 + kurtosis) / R).
      const seVar = variance * Math.sqrt((2 + 0.3) / R);
      expect(Math.abs(sampleVariance(counts) - variance)).toBeLessThan(Z * seVar);

      // Without the belief the count is Poisson: variance equal to the mean, a tenth of the above.
      const fixed = totals(await run(model(false), R), 'referrals');
      expect(Math.abs(sampleVariance(fixed) - mean)).toBeLessThan(Z * mean * Math.sqrt(2 / R));
    },
    TIMEOUT,
  );
});

describe('a uniform belief on a loss system arrival rate', () => {
  const lo = 0.3;
  const hi = 0.7;
  it(
    'gives Erlang B averaged over the belief',
    async () => {
      const raw = rawModel(LOSS);
      raw.time.years = 6;
      raw.cohorts.any.referrals.perYear = {
        value: 0.5 * DAYS_PER_YEAR,
        assumption: 'A belief for the test: anywhere from 0.3 to 0.7 referrals a day.',
        uncertain: { type: 'uniform', min: lo * DAYS_PER_YEAR, max: hi * DAYS_PER_YEAR },
      };
      const R = 400;
      const set = await run(raw, R);
      const overflow = totals(set, 'overflow.allFull');
      const referrals = totals(set, 'referrals');
      const share = overflow.map((o, i) => o / referrals[i]!);
      // Each replication's share estimates B(23, 40 lambda) for its lambda; across replications,
      // the average of B over the belief (Simpson's rule on 400 intervals).
      const n = 400;
      let integral = 0;
      for (let k = 0; k <= n; k++) {
        const lambda = lo + ((hi - lo) * k) / n;
        const w = k === 0 || k === n ? 1 : k % 2 === 1 ? 4 : 2;
        integral += w * erlangB(23, 40 * lambda);
      }
      const expected = integral / (3 * n);
      const e = estimate(share);
      expect(Math.abs(e.mean - expected)).toBeLessThan(Z * e.se);
      // It is not Erlang B at the central rate: B is convex in the load here, so its average over
      // the belief is well above B(23, 20) = 0.085.
      expect(expected - erlangB(23, 20)).toBeGreaterThan(0.01);
      // The replications' drawn rates are the belief's: uniform on [lo, hi] a day.
      const rates = set.draws.map((d) => d[0]! / DAYS_PER_YEAR);
      expect(Math.min(...rates)).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...rates)).toBeLessThanOrEqual(hi);
      expect(Math.abs(estimate(rates).mean - 0.5)).toBeLessThan(Z * (0.4 / Math.sqrt(12 * R)));
    },
    TIMEOUT,
  );
});

describe('common random numbers with uncertain parameters', () => {
  const base = (): RawModel => {
    const raw = rawModel(LOSS);
    raw.time.years = 2;
    raw.cohorts.any.referrals.perYear = {
      value: 182.62125,
      assumption: 'A belief for the test: the rate within a fifth either way.',
      low: 146,
      high: 219,
      uncertain: 'triangular',
    };
    raw.cohorts.any.pathway.stay.mean = {
      value: 40,
      assumption: 'A belief for the test: stays of 30 to 50 days.',
      uncertain: { type: 'uniform', min: 30, max: 50 },
    };
    return raw;
  };

  it(
    'base and scenario see the same draws of every parameter they share, in every replication',
    async () => {
      const scenario = base();
      scenario.homes.home.beds = 25; // a scenario: two more beds
      // and a wider belief about one parameter: its draws move, monotonically; the other's do not
      scenario.cohorts.any.pathway.stay.mean.uncertain = { type: 'uniform', min: 20, max: 60 };
      const [b, s] = [await run(base(), 30), await run(scenario, 30)];
      expect(b.prepared.uncertain.map((p) => p.field)).toEqual([
        'cohorts.any.referrals.perYear',
        'cohorts.any.pathway.stay.mean',
      ]);
      for (let i = 0; i < 30; i++) {
        expect(s.draws[i]![0]).toBe(b.draws[i]![0]);
        // the same quantile of each belief: (x - 30) / 20 = (y - 20) / 40
        expect((s.draws[i]![1]! - 20) / 40).toBeCloseTo((b.draws[i]![1]! - 30) / 20, 12);
      }
      // Draws differ between replications (they are drawn, not fixed).
      expect(new Set(b.draws.map((d) => d[0])).size).toBe(30);
    },
    TIMEOUT,
  );

  it(
    'a model compared with itself differs by exactly zero in every replication',
    async () => {
      const [b, s] = [await run(base(), 20), await run(base(), 20)];
      const c = compareScenario(b, s, 'self.yaml');
      const differences = [
        'costAvoided',
        'capitalExtra',
        'netPresentValue',
        'outOfCountyPlacementsAvoided',
        'outOfCountyChildrenFewer',
        'localOccupancyChange',
        'breakdownsAvoided',
      ];
      for (const k of differences) {
        expect(c.perRep[k]).toHaveLength(20);
        for (const v of c.perRep[k]!) expect(v).toBe(0);
      }
    },
    TIMEOUT,
  );

  it(
    'fixed parameters run exactly as a model with no beliefs',
    async () => {
      const fixed = base();
      fixed.uncertainty = { fixed: true };
      const none = base();
      delete none.cohorts.any.referrals.perYear.uncertain;
      delete none.cohorts.any.pathway.stay.mean.uncertain;
      const [f, n] = [await run(fixed, 10), await run(none, 10)];
      expect(f.prepared.uncertain).toEqual([]);
      allMatrices(f.matrices).forEach((m, i) =>
        expect(Array.from(m)).toEqual(Array.from(allMatrices(n.matrices)[i]!)),
      );
    },
    TIMEOUT,
  );
});

describe('numbers written once and reused', () => {
  it('share one draw through a YAML anchor or merge key, and keep their own otherwise', async () => {
    const { loadModel } = await import('../../src/scenario/load.ts');
    const r = loadModel('test/fixtures/models/shared-beliefs.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const params = uncertainParameters(r.model);
    const byField = Object.fromEntries(params.map((p) => [p.field, p.draw]));
    expect(byField['cohorts.a.referrals.growth']).toBe('x-growth');
    expect(byField['cohorts.b.referrals.growth']).toBe('x-growth');
    expect(byField['cohorts.a.pathway.stepDown.foster.weeklyCost']).toBe('x-foster.weeklyCost');
    expect(byField['cohorts.b.pathway.stepDown.foster.weeklyCost']).toBe('x-foster.weeklyCost');
    // Written out twice with the same numbers: two beliefs, two draws.
    expect(byField['cohorts.a.referrals.perYear']).toBe('cohorts.a.referrals.perYear');
    expect(byField['cohorts.b.referrals.perYear']).toBe('cohorts.b.referrals.perYear');
  });
});

describe('a belief that cannot be', () => {
  const withRate = (perYear: unknown, extra: RawModel = {}) => {
    const raw = rawModel(LOSS);
    raw.cohorts.any.referrals.perYear = perYear;
    Object.assign(raw, extra);
    return validateModelData(raw);
  };
  const errors = (r: ReturnType<typeof validateModelData>) => (r.ok ? [] : r.errors);
  const a = 'A belief for the test, with a reason.';

  it('is refused, naming the field and what was expected', () => {
    expect(
      errors(withRate({ value: 100, assumption: a, uncertain: { type: 'normal', mean: 100, sd: 30 } })),
    ).toEqual([
      expect.stringMatching(
        /^cohorts\.any\.referrals\.perYear\.uncertain: the belief's lowest value is -Infinity.*truncate it/,
      ),
    ]);
    expect(
      errors(withRate({ value: 100, assumption: a, uncertain: { type: 'uniform', min: 120, max: 150 } })),
    ).toEqual([expect.stringMatching(/the value \(100\) lies outside the belief \(120 to 150\)/)]);
    expect(errors(withRate({ value: 100, assumption: a, uncertain: 'triangular' }))).toEqual([
      expect.stringMatching(/"triangular" reads low and high as a triangular belief: give both/),
    ]);
    expect(withRate({ value: 100, assumption: a, low: 80, high: 120, uncertain: 'triangular' }).ok).toBe(
      true,
    );
  });

  it('is refused where uncertainty.ranges would draw a whole number', () => {
    const raw = rawModel(LOSS);
    raw.uncertainty = { ranges: 'triangular' };
    raw.homes.home.beds = { value: 23, low: 20, high: 26, assumption: a };
    // loadModel runs this check; validateModelData (data without a file) is the schema's only,
    // so go through a file.
    return import('node:fs').then(({ mkdtempSync, writeFileSync }) =>
      import('node:os').then(async ({ tmpdir }) => {
        const { loadModel } = await import('../../src/scenario/load.ts');
        const dir = mkdtempSync(`${tmpdir()}/caresim-`);
        writeFileSync(`${dir}/m.json`, JSON.stringify(raw));
        const r = loadModel(`${dir}/m.json`);
        expect(r.ok).toBe(false);
        if (!r.ok)
          expect(r.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
            expect.stringMatching(/^homes\.home\.beds\.uncertain: uncertainty\.ranges reads .*whole number/),
          ]);
      }),
    );
  });
});

describe('a model at drawn values', () => {
  it('changes only the drawn numbers, leaves the original as it was, and normalises as a deep copy would', () => {
    const v = validateModelData({ ...rawModel(BASELINE), uncertainty: { ranges: 'triangular' } });
    if (!v.ok) throw new Error(v.errors.join('\n'));
    const m = v.model;
    const params = uncertainParameters(m);
    expect(params.length).toBeGreaterThan(50);
    const before = JSON.stringify(m);
    const values = drawParameters(params, 3, 7);
    const drawn = withDrawnValues(m, params, values);
    expect(JSON.stringify(m)).toBe(before);
    // The same model a deep copy would give, number for number.
    const deep = structuredClone(m);
    params.forEach((p, i) => {
      let o: unknown = deep;
      for (const k of p.path) o = (o as Record<string | number, unknown>)[k];
      (o as { value: number }).value = values[i]!;
    });
    expect(drawn).toEqual(deep);
    expect(normalise(drawn)).toEqual(normalise(deep));
    // What no draw touches is shared, not copied.
    expect(drawn.history).toBe(m.history);
  });
});

describe('a joint sample as a belief', () => {
  it('gives numbers sharing a draw the members at one position, so the sample keeps its correlation', () => {
    const raw = rawModel(LOSS) as {
      cohorts: { any: { referrals: Record<string, unknown>; pathway: { stay: Record<string, unknown> } } };
    };
    // Negatively paired, as a fit's rate and length of stay may be: sorted marginals would pair them the other way.
    raw.cohorts.any.referrals.perYear = {
      value: 200,
      uncertain: { type: 'sample', values: [150, 200, 250, 300] },
      draw: 'joint',
      assumption: 'a joint sample of two estimates',
    };
    raw.cohorts.any.pathway.stay.mean = {
      value: 40,
      uncertain: { type: 'sample', values: [50, 40, 35, 30] },
      draw: 'joint',
      assumption: 'a joint sample of two estimates',
    };
    const v = validateModelData(raw);
    if (!v.ok) throw new Error(v.errors.join('\n'));
    const params = uncertainParameters(v.model);
    expect(params.map((p) => p.draw)).toEqual(['joint', 'joint']);
    const pairs = new Set<string>();
    for (let rep = 0; rep < 200; rep++) pairs.add([...drawParameters(params, 5, rep)].join(','));
    expect([...pairs].sort()).toEqual(['150,50', '200,40', '250,35', '300,30']);
    // Reported as the sample's own spread.
    expect(uncertainRecords(params)[1]!.description).toBe('a sample of 4 values from 30 to 50');
  });

  it('is refused when it does not hold the value', () => {
    const raw = rawModel(LOSS) as { cohorts: { any: { referrals: Record<string, unknown> } } };
    raw.cohorts.any.referrals.perYear = {
      value: 400,
      uncertain: { type: 'sample', values: [150, 300] },
      assumption: 'a sample that misses',
    };
    const v = validateModelData(raw);
    expect(v.ok).toBe(false);
    if (!v.ok)
      expect(v.errors.join('\n')).toMatch(/the value \(400\) lies outside the belief \(150 to 300\)/);
  });
});
