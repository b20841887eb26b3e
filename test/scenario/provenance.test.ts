import { describe, expect, it } from 'vitest';
import { listProvenance, provenanceCounts } from '../../src/scenario/provenance.ts';

describe('listProvenance', () => {
  const raw = {
    caresim: 1,
    run: { replications: 10, seed: 3 },
    time: { years: 10, financialYearStartMonth: 4 },
    homes: { a: { beds: { value: 3, source: '001 ¶19' }, costs: { capital: 431000 } } },
    art: {
      effect: {
        breakdownHazardRatio: {
          value: 0.6,
          low: 0.4,
          high: 0.9,
          assumption: 'ART support prevents some breakdowns.',
        },
      },
    },
    cohorts: {
      c: {
        pathway: {
          stay: {
            type: 'triangular',
            unit: 'weeks',
            min: 6,
            mode: 10,
            max: 16,
            assumption: 'About ten weeks of assessment.',
          },
        },
        referrals: { seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2] },
      },
    },
  };
  const entries = listProvenance(raw);
  const byField = new Map(entries.map((e) => [e.field, e]));

  it('skips study and software settings (format version, replications, seed, horizon, FY start month)', () => {
    for (const f of ['caresim', 'run.replications', 'run.seed', 'time.years', 'time.financialYearStartMonth'])
      expect(byField.has(f)).toBe(false);
  });

  it('reports sources, assumptions with their range, and bare numbers', () => {
    expect(byField.get('homes.a.beds')).toMatchObject({ kind: 'source', value: '3', text: '001 ¶19' });
    expect(byField.get('art.effect.breakdownHazardRatio')).toMatchObject({
      kind: 'assumption',
      low: 0.4,
      high: 0.9,
    });
    expect(byField.get('homes.a.costs.capital')).toMatchObject({ kind: 'none', value: '431000' });
  });

  it('lets a whole distribution carry the provenance of the numbers inside it', () => {
    for (const k of ['min', 'mode', 'max']) {
      expect(byField.get(`cohorts.c.pathway.stay.${k}`)).toMatchObject({
        kind: 'assumption',
        text: 'About ten weeks of assessment.',
      });
    }
  });

  it('reports a list of numbers once', () => {
    expect(byField.get('cohorts.c.referrals.seasonality')).toMatchObject({ kind: 'none' });
    expect(entries.filter((e) => e.field.startsWith('cohorts.c.referrals.seasonality'))).toHaveLength(1);
  });

  it('counts by kind', () => {
    const counts = provenanceCounts(entries);
    expect(counts).toEqual({ source: 1, assumption: 4, none: 2 });
  });
});
