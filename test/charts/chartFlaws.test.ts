// Charts without flaws (issue 14), checked on the specs built from made-up data: the ART chart's
// legend matches its lines and explains the start-up spike, the comparison's cost chart plots
// differences from the base, the trade-off chart keeps every point inside its axes and numbers the
// front, heat-map text is legible on every cell, and titles state findings computed from the data.
import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';
import * as vega from 'vega';
import { describe, expect, it, vi } from 'vitest';
import { compareCharts, costDifferenceFinding } from '../../src/charts/compareCharts.ts';
import type { CompareInput } from '../../src/charts/compareInput.ts';
import { outOfCountyFinding, runCharts, type StatRow } from '../../src/charts/runCharts.ts';
import {
  HEATMAP_DARK_FROM,
  heatmapChart,
  heatmapFinding,
  tradeoffChart,
  tradeoffFinding,
} from '../../src/charts/sweepCharts.ts';
import { FONT_FILES } from '../../src/output/font.ts';
import { fitTitle, textWidth } from '../../src/charts/text.ts';
import type { SweepAxis, SweepPoint } from '../../src/experiment/sweep.ts';
import { renderChart } from '../../src/output/render.ts';

const source = { caresim: '0', model: 'm', replications: 50, seed: 1 };

/** Months from April 2017, n of them. */
const months = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const m = 3 + i;
    return `${2017 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
const row = (series: string, period: string, v: number, label = series): StatRow => ({
  series,
  label,
  unit: '',
  period,
  mean: v,
  ciLow: v,
  ciHigh: v,
  p5: v * 0.8,
  p25: v * 0.9,
  p50: v,
  p75: v * 1.1,
  p95: v * 1.2,
});

/** A run's monthly rows: the ART starting in June 2018 with a spike, homes opening in 2020. */
function periods(ooc: (i: number) => number): StatRow[] {
  const ms = months(60);
  const start = ms.indexOf('2018-06');
  return ms.flatMap((m, i) => {
    const cap = i >= start ? 12 : 0;
    const waiting = i < start ? 0 : i < start + 2 ? 50 : 18;
    return [
      row('art.capacity', m, cap),
      row('art.caseload', m, cap),
      row('art.waiting', m, waiting),
      row('art.lapses', m, i === start + 2 ? 40 : i > start ? 3 : 0),
      row('beds.open', m, i >= 36 ? 20 : 0),
      row('occupancy.local', m, i >= 36 ? 18 : 0),
      row('outOfCounty.children', m, ooc(i)),
    ];
  });
}
const years: StatRow[] = ['2017/18', '2018/19', '2019/20', '2020/21', '2021/22'].flatMap((y, i) => [
  row('cost.total', y, 10e6 + i * 1e6, 'Total revenue cost (net of income)'),
  row('cost.oocPlacements', y, 8e6 + i * 1e6, 'Out-of-county placements'),
  row('cost.art', y, 2e6, 'ART'),
  row('overflow.under16', y, 20 + i, 'Overflow: Under-16 residential'),
  row('overflow.allFull', y, 5, 'Overflow: suitable local beds all full'),
]);

type Layer = { mark: { type: string } | string; encoding?: Record<string, Record<string, unknown>> };
/** The first panel of a chart (withSource puts the chart above its source line). */
const panel = (spec: unknown) => (spec as { vconcat: Record<string, unknown>[] }).vconcat[0]!;
const titleOf = (spec: unknown) => {
  const t = (spec as { title: { text: string | string[] } }).title.text;
  return typeof t === 'string' ? t : t.join(' ');
};

describe('the ART chart', () => {
  const chart = runCharts(
    periods(() => 60),
    years,
    source,
  ).find((c) => c.name === 'art')!;
  const layers = panel(chart.spec).layer as Layer[];

  it('has one legend whose swatches are the lines: colour and line style for the same series', () => {
    const lines = layers.filter((l) => (typeof l.mark === 'string' ? l.mark : l.mark.type) === 'line');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      const { color, strokeDash } = l.encoding!;
      expect(color!.field).toBe('what');
      expect(strokeDash!.field).toBe('what');
      const c = color!.scale as { domain: string[] };
      const d = strokeDash!.scale as { domain: string[]; range: number[][] };
      expect(d.domain).toEqual(c.domain);
      // Capacity dashed, the others solid; the legend draws strokes, not squares.
      expect(d.range[c.domain.indexOf('Capacity')]).toEqual([5, 5]);
      expect(d.range[c.domain.indexOf('Caseload')]).toEqual([1, 0]);
      expect((color!.legend as { symbolType: string }).symbolType).toBe('stroke');
    }
    // The bands carry no legend of their own (squares that match no line).
    for (const l of layers.filter((l) => (l.mark as { type: string }).type === 'area'))
      expect(l.encoding!.color).toBeUndefined();
  });

  it('draws the capacity line last, over the caseload band and line', () => {
    const lineOrder = layers
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => (l.mark as { type: string }).type === 'line')
      .map(({ l, i }) => ({ i, filter: JSON.stringify((l as { transform?: unknown }).transform) }));
    const capacity = lineOrder.find((x) => x.filter.includes("=== 'Capacity'"))!;
    expect(capacity.i).toBe(Math.max(...lineOrder.map((x) => x.i)));
    const areas = layers
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => (l.mark as { type: string }).type === 'area');
    for (const a of areas) expect(a.i).toBeLessThan(capacity.i);
  });

  it('explains the start-up spike on the chart, naming the month and why', () => {
    const note = layers.find((l) => (l.mark as { type: string }).type === 'text')!;
    const text = JSON.stringify(note);
    expect(text).toContain('June 2018: the team starts');
    expect(text).toContain('already placed is referred to it that day');
    expect(text).toContain('lapse');
  });

  it('is titled with its finding', () => {
    expect(titleOf(chart.spec)).toBe(
      'The ART is full from its start: by 2022 about 18 children wait for its 12 places',
    );
  });

  it('renders with the legend swatches dashed for capacity and no warning of a conflicting legend', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { svg } = await renderChart(chart.spec);
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/legend/i);
    warn.mockRestore();
    expect(svg).toContain('>Capacity<');
    expect(svg).toContain('>Caseload<');
    expect(svg).toMatch(/stroke-dasharray="5,5"/);
  });
});

describe('titles state findings computed from the data', () => {
  it('the out-of-county chart: a different fall, a different title', () => {
    const fifth = runCharts(
      periods((i) => (i < 36 ? 100 : 80)),
      years,
      source,
    );
    const third = runCharts(
      periods((i) => (i < 36 ? 90 : 60)),
      years,
      source,
    );
    const t = (cs: typeof fifth) => titleOf(cs.find((c) => c.name === 'out-of-county')!.spec);
    expect(t(fifth)).toMatch(/^Children out of county fall by a fifth as the local homes open \(100 to 80\)/);
    expect(t(third)).toMatch(/^Children out of county fall by a third as the local homes open \(90 to 60\)/);
  });

  it('without a home opening, says how the number moves', () => {
    const rows = months(24).map((m, i) => row('outOfCounty.children', m, 50 + i));
    expect(outOfCountyFinding(rows, [])).toBe('Children out of county rise from 51 to 72 by 2019');
  });

  it('the run charts each have a finding, and keep what they show in the subtitle', () => {
    const charts = runCharts(
      periods(() => 60),
      years,
      source,
    );
    const titles = Object.fromEntries(charts.map((c) => [c.name, titleOf(c.spec)]));
    expect(titles['local-occupancy']).toBe(
      'In 2021/22 the local homes are 90% full: 18 children in 20 beds (median)',
    );
    expect(titles['cost-by-year']).toBe(
      'Revenue cost rises from £10m in 2017/18 to £14m in 2021/22, 86% of it out-of-county placements',
    );
    expect(titles['overflow-by-need']).toBe(
      'Placements out of county for want of a local bed rise from 20 a year in 2017/18 to 24 in 2021/22; 5 of them because the suitable local beds are full',
    );
  });
});

/** A comparison of two scenarios against a base costing about £60m a year. */
function comparison(saving: [number, number]): CompareInput {
  const yearsList = ['2025/26', '2026/27', '2027/28'];
  const names = ['Do nothing (base)', 'The plan (March 2025)', 'Bigger ART'];
  const interval = (mean: number) => ({
    mean,
    ciLow: mean - 1e5,
    ciHigh: mean + 1e5,
    p5: mean - 2e6,
    p25: mean,
    p50: mean,
    p75: mean,
    p95: mean + 2e6,
  });
  const scenarios = names.slice(1).map((name) => ({
    name,
    file: `${name}.yaml`,
    probabilityCheaper: 0.9,
    payback: { probabilityWithinHorizon: 0.9, medianYear: '2027/28', p5Year: null, p95Year: null },
    target: { perYear: 2.5e6, year: '2027/28', probabilityMet: 0.4 },
    psa: null,
  }));
  return {
    summary: {
      base: { name: names[0]!, file: 'base.yaml' },
      replications: 50,
      seed: 1,
      scenarios,
    } as CompareInput['summary'],
    costs: names.flatMap((model, k) =>
      yearsList.map((year, i) => ({
        model,
        year,
        ...interval(60e6 + i * 2e6 - (k === 0 ? 0 : saving[k - 1]! * (i / 2))),
      })),
    ),
    years: scenarios.flatMap((s, k) =>
      yearsList.flatMap((year, i) => [
        { scenario: s.name, measure: 'saving' as const, year, ...interval(saving[k]! * (i / 2)) },
        {
          scenario: s.name,
          measure: 'cumulativeNetSaving' as const,
          year,
          ...interval(saving[k]! * i - 1e6),
        },
      ]),
    ),
    replications: [],
  };
}

describe("the comparison's cost chart", () => {
  it('plots each scenario against the base (values near the saving, not the £60m totals)', () => {
    const chart = compareCharts(comparison([2.3e6, 2.6e6]), source).find(
      (c) => c.name === 'cost-by-scenario',
    )!;
    const values = (
      panel(chart.spec).data as {
        values: { scenario: string; year: string; difference: number; low: number; high: number }[];
      }
    ).values;
    expect(values).toHaveLength(6);
    for (const v of values) {
      expect(Math.abs(v.difference)).toBeLessThanOrEqual(2.6e6);
      expect(v.low).toBeLessThanOrEqual(v.difference);
      expect(v.high).toBeGreaterThanOrEqual(v.difference);
    }
    expect(
      values.find((v) => v.scenario === 'The plan (March 2025)' && v.year === '2027/28')!.difference,
    ).toBeCloseTo(-2.3e6);
    // Small multiples: a row for each scenario.
    expect(JSON.stringify(panel(chart.spec).facet)).toContain('"field":"scenario"');
  });

  it('is titled with what each scenario costs against the base in the target year, and the title follows the data', () => {
    const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');
    expect(nbsp(costDifferenceFinding(comparison([2.3e6, 2.6e6]))!)).toBe(
      'In 2027/28 "Bigger ART" costs £2.6m less than "Do nothing"; "The plan" £2.3m less',
    );
    expect(nbsp(costDifferenceFinding(comparison([1.2e6, -4e5]))!)).toBe(
      'In 2027/28 "The plan" costs £1.2m less than "Do nothing"; "Bigger ART" £400k more',
    );
  });

  it('gives the payback and target charts findings too', () => {
    const charts = compareCharts(comparison([2.3e6, 2.6e6]), source);
    const t = (n: string) => titleOf(charts.find((c) => c.name === n)!.spec).replace(/\u00a0/g, ' ');
    expect(t('payback')).toBe(
      'Both scenarios pay back by 2027/28 (the median year); by 2027/28 they have saved £3.6m and £4.2m net of capital',
    );
  });
});

/** Sweep points on a 2 x 2 grid, the first a corner at zero children. */
function sweep(): { axes: SweepAxis[]; points: SweepPoint[] } {
  const axes: SweepAxis[] = [
    { path: 'homes.a.beds', values: [1, 2], integer: true, label: 'Home A: beds' },
    { path: 'art.capacity.1.children', values: [8, 12], integer: true, label: 'ART capacity' },
  ];
  const at = [
    { values: [1, 8], cost: 100e6, children: 0, pareto: true },
    { values: [2, 8], cost: 90e6, children: 4, pareto: true },
    { values: [1, 12], cost: 95e6, children: 6, pareto: false },
    { values: [2, 12], cost: 80e6, children: 10, pareto: true },
  ];
  const summary = (mean: number, label: string) =>
    ({ mean, label }) as unknown as SweepPoint['summary'][string];
  return {
    axes,
    points: at.map((p, index) => ({
      index,
      values: p.values,
      pareto: p.pareto,
      summary: {
        'cost.total': summary(p.cost, 'Total revenue cost, 2024/25 to 2032/33'),
        'outOfCounty.children': summary(p.children, 'Children out of county'),
      },
      perReplication: {},
      overflowChance: {},
      overflowReasons: {},
    })),
  };
}

describe('the trade-off chart', () => {
  const { axes, points } = sweep();
  const chart = tradeoffChart(axes, points, source);
  const layers = panel(chart.spec).layer as Layer[];
  const pointsLayer = layers.find((l) => (l.mark as { type: string }).type === 'point')!;

  it('holds every point inside its axes with a margin, zero included', () => {
    for (const [channel, field] of [
      ['x', 'children'],
      ['y', 'cost'],
    ] as const) {
      const enc = pointsLayer.encoding![channel]!;
      const [lo, hi] = (enc.scale as { domain: [number, number] }).domain;
      const vs = points.map((p) =>
        field === 'cost' ? p.summary['cost.total']!.mean : p.summary['outOfCounty.children']!.mean,
      );
      const margin = (Math.max(...vs) - Math.min(...vs)) * 0.05;
      expect(lo, channel).toBeLessThan(Math.min(...vs) - margin);
      expect(hi, channel).toBeGreaterThan(Math.max(...vs) + margin);
      expect((enc.scale as { nice: boolean }).nice).toBe(false);
    }
  });

  it('numbers only the front, on alternate sides, each named in the subtitle', () => {
    const values = (
      panel(chart.spec).data as { values: { number: number | null; side: number | null; front: string }[] }
    ).values;
    const numbered = values.filter((v) => v.number !== null);
    expect(numbered).toHaveLength(3);
    for (const v of numbered) expect(v.front).toMatch(/^On the front/);
    expect(numbered.map((v) => v.side).sort()).toEqual([0, 0, 1]);
    const subtitle = JSON.stringify((chart.spec as { title: unknown }).title);
    expect(subtitle).toContain('1: Home A: beds 1, ART capacity 8');
    expect(subtitle).toContain('Cost against children placed out of county');
    // No long option names drawn beside the points: the text is the number.
    const texts = layers.filter((l) => (l.mark as { type: string }).type === 'text');
    expect(texts).toHaveLength(2);
    for (const l of texts) expect(l.encoding!.text).toEqual({ field: 'number' });
  });

  it('is titled with what the front trades', () => {
    expect(tradeoffFinding(points)).toBe(
      'On the front, keeping 10 fewer children out of county costs £20m more in total',
    );
  });
});

describe('the heat maps', () => {
  const { axes, points } = sweep();
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (css: string) => {
    const [r, g, b] = css.match(/\d+/g)!.map(Number) as [number, number, number];
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const blues = (vega as unknown as { scheme: (n: string) => (t: number) => string }).scheme('blues');

  it('write white on dark cells and near-black on light ones, legible (contrast 4.5 or more) on every cell', () => {
    for (const [metric, unit] of [
      ['cost.total', '£'],
      ['outOfCounty.children', 'children'],
    ] as const) {
      const chart = heatmapChart(axes, points, metric, metric, unit, source)!;
      const layers = panel(chart.spec).layer as Layer[];
      const rect = layers.find((l) => (l.mark as { type: string }).type === 'rect')!;
      const [lo, hi] = (rect.encoding!.color!.scale as { domain: [number, number] }).domain;
      const text = layers.find((l) => (l.mark as { type: string }).type === 'text')!.encoding!.color!;
      const test = (text.condition as { test: string; value: string }).test;
      const isDark = new Function('datum', `return ${test};`) as (d: { value: number }) => boolean;
      const seen = new Set<string>();
      for (const p of points) {
        const value = p.summary[metric]!.mean;
        const cell = luminance(blues((value - lo) / (hi - lo)));
        const colour = isDark({ value })
          ? (text.condition as { value: string }).value
          : (text.value as string);
        seen.add(colour);
        expect(
          contrast(cell, luminance(colour === '#fff' ? 'rgb(255,255,255)' : 'rgb(0,0,0)')),
          `${metric} ${value}`,
        ).toBeGreaterThanOrEqual(4.5);
      }
      // The condition flips: the darkest cell is white, the lightest near-black.
      expect([...seen].sort()).toEqual(['#000', '#fff']);
    }
  });

  it('flip where the scheme is dark enough for white', () => {
    const white = luminance('rgb(255,255,255)');
    const black = luminance('rgb(0,0,0)');
    for (let t = 0; t <= 1; t += 0.005)
      expect(
        contrast(luminance(blues(t)), t >= HEATMAP_DARK_FROM ? white : black),
        `at ${t}`,
      ).toBeGreaterThanOrEqual(4.5);
  });

  it('are titled with the best cell, which follows the data', () => {
    expect(heatmapFinding(axes, points, 'cost.total', 'Total revenue cost', '£')).toBe(
      'Lowest total revenue cost, £80m (against £100m at worst), at Home A: beds 2, ART capacity 12',
    );
    expect(
      heatmapFinding(axes, points, 'outOfCounty.children', 'Children out of county (average)', 'children'),
    ).toBe(
      'Fewest children out of county (average), 0.0 (against 10.0 at worst), at Home A: beds 1, ART capacity 8',
    );
  });
});

describe('titles fit the chart', () => {
  it('measure text with the font the renderer loads', () => {
    for (const [file, bold] of [
      [FONT_FILES[0]!, false],
      [FONT_FILES[1]!, true],
    ] as const) {
      const b = readFileSync(file);
      const font = opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
      const text = 'Children out of county fall by a fifth (78 to 63): £2.35m, 2027/28; "Do nothing" 45% [x]';
      let units = 0;
      for (const ch of text) units += font.charToGlyph(ch).advanceWidth ?? 0;
      expect(textWidth(text, 16, bold)).toBeCloseTo((units * 16) / font.unitsPerEm, 6);
    }
  });

  it('wrap long titles and subtitles whole at 640 px, keeping lines that fit as written', () => {
    const long =
      'Placements out of county for want of a local bed rise from 86 a year in 2017/18 to 120 in 2032/33; 67 of them because the suitable local beds are full';
    const fitted = fitTitle({ text: long, subtitle: ['Short line.', 'A second line that fits.'] });
    const lines = fitted.text as string[];
    expect(lines.length).toBe(2);
    expect(lines.join(' ')).toBe(long);
    for (const l of lines) expect(textWidth(l, 16, true)).toBeLessThanOrEqual(640);
    expect(fitted.subtitle).toEqual(['Short line.', 'A second line that fits.']);
    // A sentence broken by hand with a line too long is reflowed as one paragraph.
    const reflowed = fitTitle({
      text: 'T',
      subtitle: ['x '.repeat(200).trim() + ' that', 'each goes on here.', 'Next paragraph.'],
    }).subtitle as string[];
    expect(reflowed[reflowed.length - 1]).toBe('Next paragraph.');
    expect(reflowed.some((l) => l.includes('that each goes on'))).toBe(true);
  });
});
