// The tornado's and the thresholds chart's labels (issue 14): whole (wrapped, never cut), with each
// parameter's range in its unit, and the chart narrow enough for an A4 page.
import { describe, expect, it } from 'vitest';
import { tornadoChart } from '../../src/charts/sensitivityCharts.ts';
import type { SensitivityResult } from '../../src/experiment/sensitivity.ts';

const swing = (mean: number) => ({ mean, ciLow: mean - 1e5, ciHigh: mean + 1e5 });

describe('the tornado chart', () => {
  it('wraps long names whole and gives each range in its unit', () => {
    const rows = [
      {
        kind: 'source',
        text: '',
        label: 'External price inflation',
        unit: '% a year',
        fields: ['finance.inflation.external.otherwise'],
        value: 0.06,
        low: 0.03,
        high: 0.12,
        savingLow: swing(1.4e6),
        savingHigh: swing(4.5e6),
        oocLow: swing(60),
        oocHigh: swing(62),
        withinNoise: false,
      },
      {
        kind: 'assumption',
        text: '',
        label:
          "Under-16 residential: share of a dear child's external premium also paid in a local home and 4 more sharing it",
        unit: '%',
        fields: ['cohorts.under16.localPremiumShare'],
        value: 0.5,
        low: 0,
        high: 1,
        savingLow: swing(3.2e6),
        savingHigh: swing(1.5e6),
        oocLow: swing(60),
        oocHigh: swing(60),
        withinNoise: true,
      },
      {
        kind: 'assumption',
        text: '',
        label: 'Contextual safeguarding: length of stay (mean)',
        unit: 'days',
        fields: ['cohorts.contextualSafeguarding.pathway.stay.mean'],
        value: 400,
        low: 300,
        high: 550,
        savingLow: swing(1.9e6),
        savingHigh: swing(3e6),
        oocLow: swing(60),
        oocHigh: swing(60),
        withinNoise: false,
      },
    ];
    const r = {
      rows,
      saving: swing(2.4e6),
      ooc: swing(61),
      targetYear: '2027/28',
      span: '2024/25 to 2032/33',
    } as unknown as SensitivityResult;
    const spec = JSON.stringify(
      tornadoChart(r, { caresim: '0', model: 'm', replications: 20, seed: 1 }).spec,
    );
    expect(spec).toContain('External price inflation|3% to 12% a year');
    expect(spec).toContain('|0% to 100%: within noise');
    expect(spec).toContain('Contextual safeguarding: length of stay (mean)|300 to 550 days');
    // The title states the finding: what moves the answer most, from what to what.
    const title = (JSON.parse(spec) as { title: { text: string | string[] } }).title.text;
    expect([title].flat().join(' ')).toBe(
      'External price inflation moves the 2027/28 saving most: £1.4m at 3% a year, £4.5m at 12% a year',
    );
    // Every line of every label fits; no label is cut with an ellipsis.
    const labels = [...spec.matchAll(/"name":"([^"]+)"/g)].map((m) => m[1]!);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) for (const line of l.split('|')) expect(line.length).toBeLessThanOrEqual(60);
    // The names' axis sets no limit (0), so nothing is cut.
    expect(spec).toContain('"labelLimit":0');
  });
});
