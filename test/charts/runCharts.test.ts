import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { redrawRunCharts } from '../../src/output/chartFiles.ts';
import { executeRun } from '../../src/output/runFolder.ts';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';

// A short run of the baseline (2018/19 to 2021/22: the ART starts in December 2020), with charts.
let dir = '';
const svg = (name: string) => readFileSync(join(dir, 'charts', `${name}.svg`), 'utf8');
/** The visible text of an SVG: each <text> without lines, and each line (<tspan>) of the others. */
const text = (s: string) =>
  [...s.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)].map((m) => m[1]!).filter((t) => t.trim() !== '');

beforeAll(async () => {
  const r = loadModel('models/leicestershire.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
  const out = join(mkdtempSync(join(tmpdir(), 'caresim-charts-')), 'run');
  dir = (
    await executeRun({
      modelFile: 'models/leicestershire.yaml',
      model: r.model,
      replications: 4,
      seed: 3,
      years: 4,
      workers: 1,
      out,
    })
  ).dir;
}, 120_000);

describe('the charts of a run', () => {
  const names = ['local-occupancy', 'out-of-county', 'cost-by-year', 'overflow-by-need', 'art'];

  it('are written as a vega-lite spec, an SVG and a PNG at twice the size', () => {
    const files = readdirSync(join(dir, 'charts')).sort();
    expect(files).toEqual(names.flatMap((n) => [`${n}.png`, `${n}.svg`, `${n}.vl.json`]).sort());
    for (const n of names) {
      const spec = JSON.parse(readFileSync(join(dir, 'charts', `${n}.vl.json`), 'utf8')) as {
        $schema: string;
      };
      expect(spec.$schema).toMatch(/vega-lite/);
      const png = readFileSync(join(dir, 'charts', `${n}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const pngWidth = png.readUInt32BE(16);
      const svgWidth = Number(/<svg[^>]*width="(\d+(\.\d+)?)"/.exec(svg(n))![1]);
      expect(pngWidth).toBeGreaterThanOrEqual(2 * svgWidth - 1);
      // Within an A4 page's width (680 px between 15 mm margins) at 92% or more of its size.
      expect(svgWidth, n).toBeLessThanOrEqual(740);
    }
  });

  it('say what they show, with units, and where they come from', () => {
    const expected: Record<string, string[]> = {
      'local-occupancy': ['Children in local homes against local beds open', 'Children (or beds)', 'Year'],
      'out-of-county': ['Children placed out of county', 'Children'],
      'cost-by-year': [
        'Revenue cost by financial year',
        '£ per year',
        'Financial year',
        'Out-of-county placements',
      ],
      'overflow-by-need': [
        'Placements out of county for want of a suitable local bed',
        'Placements per year',
        'Under-16 residential',
      ],
      art: ['ART caseload and waiting list', 'Caseload', 'Waiting list', 'Capacity', 'Children'],
    };
    for (const [n, words] of Object.entries(expected)) {
      // Lines joined with spaces: a wrapped title or subtitle reads as written.
      const t = text(svg(n)).join(' ');
      for (const w of words) expect(t, `${n}: "${w}"`).toContain(w);
      expect(t, n).toContain('Source: caresim');
      expect(t, n).toContain('4 replications, seed 3');
    }
  });

  it('label financial years like 2019/20 and never print a year as 2,019', () => {
    const cost = text(svg('cost-by-year'));
    expect(cost).toEqual(expect.arrayContaining(['2017/18', '2018/19', '2019/20', '2020/21']));
    for (const n of names) expect(text(svg(n)).join(' '), n).not.toMatch(/\b2,0\d\d\b/);
    const years = text(svg('local-occupancy')).filter((t) => /^\d{4}$/.test(t));
    expect(years.length).toBeGreaterThan(0);
  });

  it('print money as £1.2m / £350k', () => {
    const labels = text(svg('cost-by-year')).filter((t) => /^£\d/.test(t));
    expect(labels.length).toBeGreaterThan(2);
    for (const l of labels) expect(l).toMatch(/^£\d+(\.\d)?[mk]?$/);
  });

  it('use a colour-blind-safe palette (Okabe-Ito) for the needs', () => {
    expect(svg('overflow-by-need')).toMatch(/#0072b2/i);
    expect(svg('overflow-by-need')).toMatch(/#e69f00/i);
  });

  it('can be redrawn from the results folder alone (caresim report)', async () => {
    const before = svg('cost-by-year');
    const files = await redrawRunCharts(dir);
    expect(files).toHaveLength(15);
    expect(svg('cost-by-year')).toBe(before);
  });
});
