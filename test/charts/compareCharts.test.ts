import { diskFolder } from '../../src/output/diskFolder.ts';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareCharts } from '../../src/charts/compareCharts.ts';
import { compareSource, type CompareInput } from '../../src/charts/compareInput.ts';
import { histogram } from '../../src/charts/histogram.ts';
import { redrawCompareCharts } from '../../src/output/chartFiles.ts';
import { executeCompare } from '../../src/output/compareFolder.ts';
import { readCompareFolder } from '../../src/output/compareTables.ts';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';

// A short comparison: do nothing as the base, the March 2025 plan and the doubled ART as
// scenarios, over 11 years from 2017/18 so that the savings target year (2027/28) is inside it.
const FILES = [
  'models/scenarios/do-nothing.yaml',
  'models/leicestershire.yaml',
  'models/scenarios/double-art.yaml',
];
const NAMES = ['cost-by-scenario', 'payback', 'target-year-saving'];
let dir = '';
let written: string[] = [];
const svg = (name: string) => readFileSync(join(dir, 'charts', `${name}.svg`), 'utf8');
const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** The visible text of an SVG: each <text> without lines, and each line (<tspan>) of the others. */
const text = (s: string) =>
  [...s.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)]
    .map((m) => unescape(m[1]!))
    .filter((t) => t.trim() !== '');

beforeAll(async () => {
  const models = FILES.map((f) => {
    const r = loadModel(f);
    if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
    return r.model;
  });
  const out = join(mkdtempSync(join(tmpdir(), 'caresim-compare-charts-')), 'cmp');
  dir = (await executeCompare({ files: FILES, models, replications: 4, seed: 3, years: 11, workers: 1, out }))
    .dir;
  written = await redrawCompareCharts(dir);
}, 180_000);

describe('the charts of a comparison', () => {
  it('are written as a vega-lite spec, an SVG and a PNG at twice the size', () => {
    const expected = NAMES.flatMap((n) => [`${n}.png`, `${n}.svg`, `${n}.vl.json`]).sort();
    expect([...written].sort()).toEqual(expected);
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(expected);
    for (const n of NAMES) {
      const spec = JSON.parse(readFileSync(join(dir, 'charts', `${n}.vl.json`), 'utf8')) as {
        $schema: string;
      };
      expect(spec.$schema).toMatch(/vega-lite/);
      const png = readFileSync(join(dir, 'charts', `${n}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const svgWidth = Number(/<svg[^>]*width="(\d+(\.\d+)?)"/.exec(svg(n))![1]);
      expect(svgWidth).toBeGreaterThanOrEqual(640);
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(2 * svgWidth - 1);
      // Within an A4 page's width (680 px between 15 mm margins) at 92% or more of its size.
      expect(svgWidth, n).toBeLessThanOrEqual(740);
    }
  });

  it('say what they show, with units, for which models, and where they come from', () => {
    const [base, plan, art] = [
      'Do nothing (every placement external, MISTLE continues)',
      'Leicestershire baseline (March 2025 plan)',
      'ART doubled to 24 children from April 2026',
    ];
    const expected: Record<string, string[]> = {
      'cost-by-scenario': [
        "Each scenario's revenue cost minus the base's",
        '£ a year against',
        'Financial year',
        'range of outcomes',
        '4 replications',
        'Below £0 the scenario costs less.',
        plan,
        art,
      ],
      payback: [
        'Cumulative net saving against the base, after capital',
        '£ (cumulative)',
        'Financial year',
        'A line above zero has paid back.',
        plan,
        art,
      ],
      'target-year-saving': [
        'Revenue saving in 2027/28 against the £2.5m target',
        'Revenue saving in 2027/28 against the base (£ a year)',
        plan,
        art,
      ],
    };
    for (const [n, words] of Object.entries(expected)) {
      const t = text(svg(n));
      // Lines joined with spaces: a wrapped title or subtitle reads as written.
      const all = t.join(' ');
      for (const w of words) expect(all, `${n}: "${w}"`).toContain(w);
      // Whole lines, not cut: every scenario name is a line (legend or row) of its own.
      for (const name of [plan, art]) expect(t, `${n}: ${name}`).toContain(name);
      expect(all, n).not.toContain('…');
      expect(all, n).toContain(`Source: caresim`);
      expect(all, n).toContain(`model "${base} and 2 scenarios", 4 replications, seed 3.`);
    }
  });

  it('label financial years like 2025/26 and never print a year as 2,025', () => {
    for (const n of ['cost-by-scenario', 'payback']) {
      const t = text(svg(n));
      expect(t, n).toEqual(expect.arrayContaining(['2017/18', '2025/26', '2027/28']));
      expect(t, n).not.toContain('2028/29'); // 11 years from 2017/18
    }
    for (const n of NAMES) expect(text(svg(n)).join(' '), n).not.toMatch(/\b2,0\d\d\b/);
  });

  it('print money as £1.2m / £350k / -£400k', () => {
    for (const n of NAMES) {
      const labels = text(svg(n)).filter((t) => /^-?£\d/.test(t));
      expect(labels.length, n).toBeGreaterThan(2);
      for (const l of labels) expect(l, n).toMatch(/^-?£\d+(\.\d{1,2})?[mk]?$/);
    }
    expect(
      text(svg('payback')).some((t) => t.startsWith('-£')),
      'payback: a loss before payback',
    ).toBe(true);
  });

  it('mark the savings target and say how often each scenario reaches it', () => {
    const t = text(svg('target-year-saving'));
    expect(t).toContain('Target £2.5m a year');
    const summary = JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8')) as {
      scenarios: { name: string; target: { probabilityMet: number } }[];
    };
    for (const s of summary.scenarios) {
      const line = t.find((l) => l.startsWith(`${s.name}: `));
      expect(line, s.name).toMatch(/^.+: (\d+%|under 1%|over 99%) of replications reach it$/);
      expect(line).toContain(`${Math.round(s.target.probabilityMet * 100)}%`);
    }
    // One tick per replication and scenario (4 x 2), left of the dashed target line.
    const ticks =
      svg('target-year-saving').match(/class="mark-rect role-mark[^"]*"[^>]*>(<path[^>]*>)+/g) ?? [];
    expect(ticks.join('').match(/<path/g)).toHaveLength(8);
  });

  it('use the same Okabe-Ito colour for a model in every chart', () => {
    for (const n of ['cost-by-scenario', 'payback', 'target-year-saving']) {
      expect(svg(n).toLowerCase(), n).toContain('#e69f00');
      expect(svg(n).toLowerCase(), n).toContain('#009e73');
      expect(svg(n).toLowerCase(), n).not.toContain('#0072b2'); // the base's colour: not a scenario
    }
  });

  it('can be redrawn from the comparison folder alone, the same', async () => {
    const before = svg('payback');
    await redrawCompareCharts(dir);
    expect(svg('payback')).toBe(before);
  });

  it('refuse a folder that is not a comparison', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'caresim-not-compare-'));
    await expect(redrawCompareCharts(empty)).rejects.toThrow(/not the results folder of caresim compare/);
  });
});

describe('compareCharts (pure)', () => {
  let input: CompareInput;
  const source = { caresim: '0', model: 'm', replications: 4, seed: 3 };
  beforeAll(() => {
    input = readCompareFolder(diskFolder(dir));
  });

  it('parses the tables into typed rows', () => {
    expect(input.costs[0]!.model).toBe('Do nothing (every placement external, MISTLE continues)');
    expect(input.costs.every((r) => typeof r.mean === 'number' && Number.isFinite(r.mean))).toBe(true);
    expect(new Set(input.years.map((r) => r.measure))).toEqual(new Set(['saving', 'cumulativeNetSaving']));
    expect(input.replications).toHaveLength(8);
    expect(typeof input.replications[0]!.savingByYear['2027/28']).toBe('number');
    expect(input.summary.scenarios[0]!.target).toMatchObject({ perYear: 2_500_000, year: '2027/28' });
  });

  it('leaves out the target chart when the base model sets no target', () => {
    const noTarget: CompareInput = {
      ...input,
      summary: { ...input.summary, scenarios: input.summary.scenarios.map((s) => ({ ...s, target: null })) },
    };
    expect(compareCharts(noTarget, source).map((c) => c.name)).toEqual(['cost-by-scenario', 'payback']);
    expect(compareCharts(input, source).map((c) => c.name)).toEqual([
      'cost-by-scenario',
      'payback',
      'target-year-saving',
    ]);
  });

  it('draws a histogram rather than ticks for many replications, split at the target', () => {
    const many: CompareInput = {
      ...input,
      summary: { ...input.summary, replications: 400 },
      replications: Array.from({ length: 400 }, (_, i) => ({
        scenario: input.summary.scenarios[i % 2]!.name,
        replication: i >> 1,
        savingByYear: { '2027/28': (i % 97) * 50_000 - 1_000_000 },
      })),
    };
    const spec = JSON.stringify(compareCharts(many, source)[2]!.spec);
    expect(spec).toContain('"type":"rect"');
    expect(spec).not.toContain('"type":"tick"');
  });

  it('bins values at nice widths with an edge at the anchor', () => {
    const values = Array.from({ length: 100 }, (_, i) => i * 31_000 - 500_000);
    const bins = histogram(values, 2_500_000, 3_600_000);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(100);
    const step = bins[0]!.to - bins[0]!.from;
    expect([1e5, 2e5, 2.5e5, 5e5]).toContain(step);
    for (const b of bins) expect(Math.abs(((b.from - 2_500_000) / step) % 1)).toBe(0);
    for (const v of values) expect(bins.some((b) => b.from <= v && v < b.to)).toBe(true);
  });

  it('names the base and the number of scenarios in the source line', () => {
    const m = (n: number) => ({
      caresim: '1.0',
      seed: 1,
      replications: 2,
      models: Array.from({ length: n + 1 }, (_, i) => ({ name: i === 0 ? 'Base' : `S${i}` })),
    });
    expect(compareSource(m(1)).model).toBe('Base and 1 scenario');
    expect(compareSource(m(3))).toEqual({
      caresim: '1.0',
      model: 'Base and 3 scenarios',
      replications: 2,
      seed: 1,
    });
  });
});
