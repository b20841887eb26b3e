import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium, watch } from './chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCompare } from '../../src/output/compareFolder.ts';
import { executeRun } from '../../src/output/runFolder.ts';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';
import { THEMES } from '../../src/scenario/fieldUnit.ts';

let dir = '';
let compareDir = '';
let browser: Browser;

beforeAll(async () => {
  const r = loadModel('models/leicestershire.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
  const out = join(mkdtempSync(join(tmpdir(), 'caresim-report-')), 'run');
  dir = (
    await executeRun({
      modelFile: 'models/leicestershire.yaml',
      model: r.model,
      modelAsWritten: r.raw,
      replications: 4,
      seed: 3,
      years: 4,
      workers: 1,
      out,
    })
  ).dir;
  const base = loadModel('models/scenarios/do-nothing.yaml');
  if (!base.ok) throw new Error(base.errors.map(formatModelError).join('\n'));
  compareDir = (
    await executeCompare({
      files: ['models/scenarios/do-nothing.yaml', 'models/leicestershire.yaml'],
      models: [base.model, r.model],
      modelsAsWritten: [base.raw, r.raw],
      replications: 4,
      seed: 3,
      years: 11, // to 2027/28, the savings target's year
      workers: 1,
      out: join(mkdtempSync(join(tmpdir(), 'caresim-report-')), 'compare'),
    })
  ).dir;
  browser = await launchChromium();
}, 180_000);

/** Open a report, collecting console errors, page errors and any request beyond the file itself. */
async function openWatched(file: string) {
  const page = await browser.newPage();
  const { errors, external } = watch(page, (url) => /^(file|data):/.test(url));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, errors, external };
}

afterAll(async () => {
  await browser?.close();
});

describe('report.html', () => {
  it('loads in headless Chromium with no console errors and no external requests', async () => {
    const { page, errors, external } = await openWatched(join(dir, 'report.html'));
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await expect(page.locator('h1').textContent()).resolves.toContain('Leicestershire baseline');
    expect(await page.locator('figure svg').count()).toBe(5);
    const headings = await page.locator('h2').allTextContents();
    expect(headings).toEqual([
      'Findings',
      'Charts',
      'By financial year',
      'History check',
      'Appendix A: uncertain parameters',
      'Appendix B: assumptions and sources',
      'Appendix C: method (STRESS-DES)',
    ]);
    // The answer comes first, before any section: the year that matters, the range of outcomes.
    const lead = (await page.locator('.subtitle + p.lead').textContent()) ?? '';
    expect(lead).toMatch(
      /^Under "Leicestershire baseline.*", most likely \d+ children are placed out of county at the end of \d{4}\/\d{2} \(range of outcomes \d+ to \d+\)/,
    );
    expect(lead).toContain('caresim compare');
    // The documented figures of the run's four years, each with a verdict.
    const verdicts = await page
      .locator('h2:has-text("History check") + p + table tbody tr td:nth-child(6)')
      .allTextContents();
    expect(verdicts.length).toBeGreaterThanOrEqual(4);
    for (const v of verdicts) expect(v).toMatch(/^(consistent|not consistent)/);
    // Findings say what the two kinds of interval are, then lead with the range of outcomes.
    const explained = (await page.locator('h2:has-text("Findings") + p').textContent()) ?? '';
    expect(explained).toMatch(/range of outcomes is the 5th to 95th percentile/);
    const findings = await page.locator('h2:has-text("Findings") + p + ul li').allTextContents();
    expect(findings.join(' ')).toMatch(/\(range of outcomes [^;]+; average to within ±[^)]+\)/);
    // The assumptions appendix lists every parameter with its source or assumption, by theme.
    const themes = await page.locator('h3').allTextContents();
    expect(themes.length).toBeGreaterThanOrEqual(8);
    for (const t of themes) expect(THEMES as readonly string[]).toContain(t);
    const kinds = await page.locator('h3 + table tbody tr td:nth-child(3)').allTextContents();
    expect(kinds.length).toBeGreaterThan(150);
    expect(kinds.filter((k) => k === 'not stated')).toEqual([]);
    // Plain names first (the path small beneath), values with their units.
    const first = await page.locator('h3 + table tbody tr td:nth-child(1)').allTextContents();
    expect(
      first.filter((f) => /^[^.]+: length of stay \(mean\)cohorts\.under16\.pathway\.stay\.mean$/.test(f)),
    ).toHaveLength(1);
    const values = await page.locator('h3 + table tbody tr td:nth-child(2)').allTextContents();
    expect(values).toContain('540 days (explored 400 to 700 days)');
    expect(values.filter((v) => /^£[\d,]+ a week/.test(v)).length).toBeGreaterThan(10);
    expect(values.filter((v) => /^[\d.]+% a year/.test(v)).length).toBeGreaterThan(10);
    await page.close();
  }, 60_000);

  it('prints to A4', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    // A4 is 210 x 297 mm = 595.3 x 841.9 points (Chromium rounds to 595.92 x 842.88); every page has that box.
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThan(1);
    for (const b of boxes) {
      expect(Math.abs(Number(b[1]) - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(Number(b[2]) - 841.9)).toBeLessThan(1.5);
    }
    if (process.env.CARESIM_KEEP_PDF) writeFileSync(process.env.CARESIM_KEEP_PDF, pdf);
    await page.close();
  }, 60_000);
});

describe('the report of a comparison', () => {
  it('loads with no console errors and no external requests, with its findings and charts', async () => {
    const { page, errors, external } = await openWatched(join(compareDir, 'report.html'));
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    expect(await page.locator('figure svg').count()).toBe(3);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('avoids');
    expect(text).toMatch(/it does in \d+% of replications \(simulation error \d+% to \d+%\)/);
    // The answer first: the chance of the target in words and a number, then the likeliest saving and its range.
    const lead = (await page.locator('.subtitle + p.lead').textContent()) ?? '';
    expect(lead).toMatch(
      /^"Leicestershire baseline.*" (is (very )?(un)?likely \(about \d+ in \d+\)|is about as likely as not|will almost certainly not|is almost certain) to save £2\.5m a year in 2027\/28 against "[^"]+"/,
    );
    expect(lead).toMatch(
      /the saving is most likely -?£[\d.,]+[km]? \(range of outcomes -?£[\d.,]+[km]? to -?£[\d.,]+[km]?\)\.$/,
    );
    expect(text).toContain('What "Leicestershire baseline (March 2025 plan)"');
    await page.close();
  }, 60_000);
});

describe('report.md', () => {
  it('has the same findings and tables, with the charts as PNGs beside it', () => {
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toMatch(/^# Leicestershire baseline/);
    for (const h of [
      '## Findings',
      '## By financial year',
      '## Appendix B: assumptions and sources',
      '### Local homes',
      '## Appendix C: method (STRESS-DES)',
    ])
      expect(md).toContain(h);
    for (const c of ['local-occupancy', 'out-of-county', 'cost-by-year', 'overflow-by-need', 'art'])
      expect(md).toContain(`](charts/${c}.png)`);
    expect(md).toMatch(/\| 2019\/20 \| £/);
  });
});

/** Print a report to A4 PDF in Chromium and read each page's text back (pdftotext). */
async function printedPages(file: string): Promise<{ pages: string[]; pdf: Buffer }> {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.close();
  const scratch = mkdtempSync(join(tmpdir(), 'caresim-pdf-'));
  writeFileSync(join(scratch, 'r.pdf'), pdf);
  const text = execFileSync('pdftotext', ['-layout', join(scratch, 'r.pdf'), '-'], { encoding: 'utf8' });
  // pdftotext separates pages with a form feed; the last is empty.
  return { pages: text.split('\f').slice(0, -1), pdf };
}

/** The last line of a page above its footer (the footer's two lines: title and "Page n of m"). */
const lastContentLine = (page: string): string => {
  const lines = page
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.filter((l) => !/Page \d+ of \d+/.test(l)).at(-1) ?? '';
};

describe('printed reports (issue 14)', () => {
  it('the short version of a comparison prints on four A4 pages or fewer: the answer, the findings, four charts, one table', async () => {
    const { pages } = await printedPages(join(compareDir, 'report-short.html'));
    expect(pages.length).toBeLessThanOrEqual(4);
    const text = pages.join('\n');
    expect(text).toContain('Savings by financial year');
    expect(text).not.toContain('Savings in detail');
    expect(text).not.toContain('Appendix');
  }, 60_000);

  it('the short version of a run prints on four A4 pages or fewer, with page numbers and the title in the footer', async () => {
    const { pages } = await printedPages(join(dir, 'report-short.html'));
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.length).toBeLessThanOrEqual(4);
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(p).toContain('Leicestershire baseline');
      // The footer: the report's title and the day it was made.
      expect(p).toMatch(/simulation results, \d{4}-\d{2}-\d{2}/);
    });
  }, 60_000);

  for (const [what, file, headings] of [
    [
      'run, full',
      'report.html',
      [
        'Findings',
        'Charts',
        'By financial year',
        'History check',
        'Appendix A: uncertain parameters',
        'Appendix B: assumptions and sources',
        'Appendix C: method (STRESS-DES)',
        ...THEMES,
      ],
    ],
    ['comparison, short', 'report-short.html', ['Findings', 'Charts', 'Savings by financial year']],
  ] as const) {
    it(`${what}: no page ends with a heading, and a table that runs on repeats its header`, async () => {
      const folder = what.startsWith('run') ? dir : compareDir;
      const { pages } = await printedPages(join(folder, file));
      expect(pages.length).toBeGreaterThan(1);
      for (const [i, p] of pages.entries()) {
        const last = lastContentLine(p);
        for (const h of headings) expect(last, `page ${i + 1} ends with the heading "${h}"`).not.toBe(h);
      }
      // The assumptions table of the full report runs over several pages, each with its header.
      if (what === 'run, full') {
        const withRows = pages.filter((p) => /cohorts\.\w+\.referrals\.perYear/.test(p));
        expect(withRows.length).toBeGreaterThan(0);
        const assumptionPages = pages.filter((p) => /Source or reason/.test(p));
        expect(assumptionPages.length).toBeGreaterThan(1);
      }
    }, 60_000);
  }
});
