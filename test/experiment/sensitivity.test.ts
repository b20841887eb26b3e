import { describe, expect, it } from 'vitest';
import { parameterName, runSensitivity, uncertainParameters } from '../../src/experiment/sensitivity.ts';
import { loadModel, validateModelData } from '../../src/scenario/load.ts';
import { normalise } from '../../src/scenario/normalise.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawModel = Record<string, any>;

describe('uncertain parameters', () => {
  const r = loadModel('models/leicestershire.yaml');
  if (!r.ok) throw new Error('baseline invalid');
  const params = uncertainParameters(r.raw);

  it('are the numbers given a low or a high, one assumption shared by an anchor counted once', () => {
    expect(params.every((p) => p.parameter.low !== undefined || p.parameter.high !== undefined)).toBe(true);
    const growth = params.find((p) => p.fields.includes('cohorts.ebd.referrals.growth.otherwise'))!;
    // x-growth is shared by the five residential cohorts.
    expect(growth.fields.sort()).toEqual(
      ['under16', 'contextualSafeguarding', 'ebd', 'complexCare', 'sixteenPlus']
        .map((c) => `cohorts.${c}.referrals.growth.otherwise`)
        .sort(),
    );
    expect(parameterName(growth)).toMatch(/and 4 more sharing it$/);
    const art = params.find((p) => p.fields[0] === 'art.effect.breakdownHazardRatio')!;
    expect([art.parameter.low, art.parameter.high]).toEqual([0.4, 0.9]);
  });
});

describe('runSensitivity', () => {
  it('moves out-of-county placements the way the parameter should, on common random numbers', async () => {
    const r = loadModel('models/verification/loss-system.yaml');
    if (!r.ok) throw new Error('loss system invalid');
    const raw = structuredClone(r.raw) as {
      cohorts: { any: { pathway: { stay: Record<string, unknown> } } };
    };
    raw.cohorts.any.pathway.stay.mean = {
      value: 40,
      low: 30,
      high: 50,
      assumption: 'A range for testing the sensitivity analysis.',
    };
    const result = await runSensitivity({ raw, replications: 12, seed: 2, years: 2, workers: 1 });
    expect(result.saving).toBeNull();
    expect(result.rows).toHaveLength(1);
    const row = result.rows[0]!;
    expect(row.fields).toEqual(['cohorts.any.pathway.stay.mean']);
    // Longer stays fill the 23 beds more often: Erlang B rises from B(23, 15) to B(23, 25).
    expect(row.oocLow.mean).toBeLessThan(result.ooc.mean);
    expect(row.oocHigh.mean).toBeGreaterThan(result.ooc.mean);
  }, 60_000);

  it('marks a swing within Monte Carlo noise, and a real one as not, by the paired interval', async () => {
    const r = loadModel('models/verification/loss-system.yaml');
    if (!r.ok) throw new Error('loss system invalid');
    const raw = structuredClone(r.raw) as RawModel;
    // A wide range of stays moves the overflow far beyond noise; a price moves no placement.
    raw.cohorts.any.pathway.stay.mean = {
      value: 40,
      low: 20,
      high: 60,
      assumption: 'A range set only for this test.',
    };
    raw.outOfCounty.defaultWeeklyPrice = {
      type: 'fixed',
      value: { value: 4000, low: 3000, high: 5000, assumption: 'A range set only for this test.' },
    };
    const result = await runSensitivity({ raw, replications: 12, seed: 3, years: 2, workers: 1 });
    const stay = result.rows.find((x) => x.fields[0] === 'cohorts.any.pathway.stay.mean')!;
    const price = result.rows.find((x) => x.fields[0]!.startsWith('outOfCounty.defaultWeeklyPrice'))!;
    expect(stay.withinNoise).toBe(false);
    expect(stay.swing.mean).toBeCloseTo(stay.oocHigh.mean - stay.oocLow.mean, 9);
    expect(stay.swing.ciLow).toBeGreaterThan(0);
    // Same random numbers, no effect on placements: the paired swing is exactly zero.
    expect(price.swing.mean).toBe(0);
    expect(price.withinNoise).toBe(true);
    expect(result.rows[0]).toBe(stay);
  }, 60_000);

  it('holds every other parameter at its central value even when the model draws beliefs', async () => {
    const r = loadModel('models/verification/loss-system.yaml');
    if (!r.ok) throw new Error('loss system invalid');
    const raw = structuredClone(r.raw) as RawModel;
    raw.cohorts.any.pathway.stay.mean = {
      value: 40,
      low: 30,
      high: 50,
      assumption: 'A range set only for this test.',
    };
    const drawn = { ...structuredClone(raw), uncertainty: { ranges: 'uniform' } };
    const fixed = await runSensitivity({ raw, replications: 4, seed: 5, years: 2, workers: 1 });
    const withBeliefs = await runSensitivity({ raw: drawn, replications: 4, seed: 5, years: 2, workers: 1 });
    expect(withBeliefs.ooc).toEqual(fixed.ooc);
    expect(withBeliefs.rows[0]!.oocLow).toEqual(fixed.rows[0]!.oocLow);
  }, 60_000);

  it('tests the savings target in the financial year the model itself defines, not an April one', async () => {
    // Financial years starting in January: a target "by 1 March 2027" is tested in the year
    // ending 28 February 2027, the one starting in January 2027 (labelled 2027/28). An April
    // year would put it in the year starting April 2026 (2026/27).
    const r = loadModel('models/verification/loss-system.yaml');
    if (!r.ok) throw new Error('loss system invalid');
    const raw = structuredClone(r.raw) as RawModel;
    raw.time = { start: '2025-01-01', years: 4, financialYearStartMonth: 1 };
    raw.finance.priceBase = '2025-01-01';
    raw.finance.savingsTarget = { perYear: 1000, by: '2027-03-01' };
    raw.outOfCounty.defaultWeeklyPrice = { type: 'fixed', value: 4000 };
    raw.cohorts.any.pathway.stay.mean = { value: 40, low: 30, high: 50, assumption: 'A range for the test.' };
    const base = structuredClone(raw);
    base.homes.home.beds = 20;
    const result = await runSensitivity({ raw, baseRaw: base, replications: 3, seed: 2, workers: 1 });
    const checked = validateModelData(raw);
    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    const s = normalise(checked.model);
    expect(s.calendar.fyLabels[s.savingsTargetFy]).toBe('2027/28');
    expect(result.targetYear).toBe('2027/28');
    expect(result.saving).not.toBeNull();
  }, 60_000);
});
