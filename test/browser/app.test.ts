/**
 * The browser app (issue 15), built as `npm run app:build` builds it and served from a plain
 * static server on localhost, in Debian's headless Chromium: it loads the baseline, runs it in
 * Web Workers, shows the answer and the charts, and writes the very bytes of summary.json that
 * `caresim run` writes for the same model, seed and replications. Nothing leaves localhost.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { accessibilityProblems, launchChromium, watch } from './chromium.ts';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRun } from '../../src/output/runFolder.ts';
import { fileReader, formatModelError, loadModel } from '../../src/scenario/load.ts';
import { loadModelFrom } from '../../src/scenario/loadFrom.ts';
import { reportCommand } from '../../src/cli/run.ts';
import { dataSynthCommand } from '../../src/cli/data.ts';
import { readDataFiles } from '../../src/output/dataFiles.ts';
import { checkReturns, dataLabel } from '../../src/data/check.ts';
import { calibrate } from '../../src/data/calibrate.ts';
import { formatDataSummary } from '../../src/report/dataSummary.ts';
import { getNumber } from '../../src/scenario/paths.ts';
import { calibration as calibrationSchema } from '../../src/scenario/schema/calibration.ts';
import { diskFolder } from '../../src/output/diskFolder.ts';
import { readManifest } from '../../src/output/manifest.ts';

const COUNTY = 'models/synthetic/county.yaml';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
};

let site = '';
let server: Server;
let origin = '';
let browser: Browser;

beforeAll(async () => {
  site = join(mkdtempSync(join(tmpdir(), 'caresim-app-')), 'site');
  await build({
    configFile: 'app.vite.config.ts',
    logLevel: 'warn',
    build: { outDir: site, emptyOutDir: true },
  });
  // A static host and nothing more: files from the built folder, 404 for anything else.
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(site, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(site) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the app', () => {
  it('builds to a static folder with no request to any other host in its code', () => {
    const html = readFileSync(join(site, 'index.html'), 'utf8');
    expect(html).toContain('<title>caresim</title>');
    // Relative paths throughout, so the folder works from any static host.
    expect(html).not.toMatch(/(src|href)="\/(?!\/)/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('runs the baseline in the browser and gives the command line the same summary.json, byte for byte', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { errors, external } = watch(page, (url) => url.startsWith(origin) || /^(blob|data):/.test(url));
    await page.goto(`${origin}/`);
    await page.waitForSelector('#levers fieldset');
    await expect(page.locator('#model-status').textContent()).resolves.toContain('Leicestershire baseline');
    const seed = Number(await page.inputValue('#seed'));
    await page.fill('#reps', '50');
    await page.click('#run');
    await page.waitForSelector('#results:not([hidden])', { timeout: 120_000 });
    const inApp = (await page.textContent('#summary-json')) ?? '';

    const r = loadModel('models/leicestershire.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
    const { dir } = await executeRun({
      modelFile: 'models/leicestershire.yaml',
      model: r.model,
      replications: 50,
      seed,
      workers: 1,
      charts: false,
      out: join(mkdtempSync(join(tmpdir(), 'caresim-app-cli-')), 'run'),
    });
    expect(inApp).toBe(readFileSync(join(dir, 'summary.json'), 'utf8'));

    // The answer, the findings, the table by financial year, the history check and the report's
    // five charts, drawn in the page, each with its "how to read this".
    await expect(page.locator('#results-text .lead').textContent()).resolves.toMatch(
      /^Under "Leicestershire baseline/,
    );
    expect(await page.locator('#results-text li').count()).toBeGreaterThanOrEqual(4);
    await expect(page.locator('#results-text h3').allTextContents()).resolves.toEqual([
      'Findings',
      'By financial year',
      'History check',
    ]);
    expect(await page.locator('#results-charts figure svg').count()).toBe(5);
    for (const caption of await page.locator('#results-charts figcaption').allTextContents())
      expect(caption).toMatch(/^How to read this\. .{60,}/);
    // The source line names caresim's version as package.json gives it (the build puts it in).
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await page.locator('#results-charts').innerHTML()).toContain(`Source: caresim ${version},`);
    // Accessible as it stands, results and all (labels, names, contrast, landmarks: axe-core).
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    // Hovering over a month of a fan chart names it and its percentiles.
    const fan = page.locator('#results-charts figure').nth(1).locator('svg');
    await fan.scrollIntoViewIfNeeded();
    const box = (await fan.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.45);
    await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 10_000 });
    await expect(page.locator('#vg-tooltip-element').textContent()).resolves.toMatch(
      /Month.*20\d\d.*Middle \(median\)/,
    );

    // The results folder, exported as a .zip, is the command line's: its summary.json is the same
    // bytes, `caresim report` redraws it, and the app opens it again.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('button', { name: 'Export the results folder (.zip)' }).first().click(),
    ]);
    const zipFile = (await download.path())!;
    const zip = await JSZip.loadAsync(readFileSync(zipFile));
    const out = mkdtempSync(join(tmpdir(), 'caresim-app-export-'));
    for (const [path, entry] of Object.entries(zip.files)) {
      if (entry.dir) continue;
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), await entry.async('uint8array'));
    }
    const [folderName] = readdirSync(out);
    const exported = join(out, folderName!);
    expect(readFileSync(join(exported, 'summary.json'), 'utf8')).toBe(inApp);
    for (const f of ['periods.csv', 'years.csv', 'replications.csv'])
      expect(readFileSync(join(exported, f), 'utf8')).toBe(readFileSync(join(dir, f), 'utf8'));
    const manifest = readManifest(diskFolder(exported), ['run']);
    expect(manifest.replications).toBe(50);
    expect(manifest.files).toEqual(expect.arrayContaining(['report.html', 'results.xlsx', 'charts/']));
    for (const f of [
      'report.html',
      'report-short.html',
      'report.md',
      'results.xlsx',
      'charts/out-of-county.png',
    ])
      expect(existsSync(join(exported, f)), f).toBe(true);
    const book = await JSZip.loadAsync(readFileSync(join(exported, 'results.xlsx')));
    expect(Object.keys(book.files)).toContain('xl/workbook.xml');
    expect(readFileSync(join(exported, 'report.html'), 'utf8')).toContain('Leicestershire baseline');
    await expect(reportCommand(exported)).resolves.toBe(0);

    await page.reload();
    await page.waitForSelector('#levers fieldset');
    await page.setInputFiles('#open-results', zipFile);
    await page.waitForSelector('#results:not([hidden])', { timeout: 60_000 });
    await expect(page.locator('#open-results-status').textContent()).resolves.toMatch(
      /^Opened .*caresim run/,
    );
    expect(await page.locator('#results-charts figure svg').count()).toBe(5);
    expect(await page.textContent('#summary-json')).toBe(inApp);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 300_000);

  it('changes beds and the ART through the forms, runs, saves, restores after a reload, and exports a model file that validates', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${origin}/`);
    await page.waitForSelector('#levers fieldset');
    const beds = page.locator('input[data-path="homes.csHome2.beds"]');
    const art = page.locator('input[data-path="art.capacity[1].children"]');
    // Each number shows where it comes from.
    await expect(
      page.locator(`#${(await beds.getAttribute('aria-describedby'))!}`).textContent(),
    ).resolves.toMatch(/^assumption: /);
    // The baseline as written, pinned first: the base of the comparison below.
    await page.click('#pin');
    await page.click('#home-csHome2 > summary');
    await beds.fill('5');
    await beds.dispatchEvent('change');
    await art.fill('16');
    await art.dispatchEvent('change');
    await expect(page.locator('#levers-status').textContent()).resolves.toBe(
      '2 field(s) changed from leicestershire.yaml.',
    );
    // The forms' changes are written into the scenario file the editor shows...
    const editorText = () => page.locator('#editor .cm-content').innerText();
    await expect(editorText()).resolves.toMatch(
      /csHome2:\s+beds:\s+value: 5\s+assumption: Changed in the caresim app/,
    );
    // ...and what is typed there comes back into the forms.
    await page.click('#editor .cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('policies:\n  matching: fewestFreeBeds\n');
    await expect(page.locator('#lever-policies-matching').inputValue()).resolves.toBe('fewestFreeBeds');
    // Completion offers the keys a section may hold, from the JSON Schema.
    await page.keyboard.insertText('  rep');
    await page.keyboard.press('Control+Space');
    await expect(page.locator('.cm-tooltip-autocomplete li').first().textContent()).resolves.toMatch(
      /^repatriation/,
    );
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await expect(editorText()).resolves.toMatch(/matching: fewestFreeBeds\s*$/);
    // A mistake is marked in the editor with the message caresim validate gives for the same file.
    await page.keyboard.insertText('  freedBed: sometimes\n');
    await page.waitForSelector('#editor .cm-lintRange-error', { timeout: 10_000 });
    const typed = await editorText();
    const cli = loadModelFrom('models/scenarios/typed.yaml', {
      ...fileReader,
      read: (f) => (f === 'models/scenarios/typed.yaml' ? typed : fileReader.read(f)),
    });
    expect(cli.ok).toBe(false);
    const first = !cli.ok ? cli.errors[0]! : null;
    expect(first?.field).toBe('policies.freedBed');
    await page.hover('#editor .cm-lintRange-error');
    await expect(page.locator('.cm-tooltip-lint .cm-diagnosticText').first().textContent()).resolves.toBe(
      `${first!.field}: ${first!.message}`,
    );
    await expect(page.locator('#levers-status').textContent()).resolves.toContain(
      `line ${first!.line}:${first!.column}  ${first!.field}: ${first!.message}`,
    );
    expect(await page.locator('#run').isDisabled()).toBe(true);
    // The line deleted in the editor: the model is valid again, with the matching policy changed too.
    await page.click('#editor .cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Backspace');
    await expect(page.locator('#levers-status').textContent()).resolves.toBe(
      '3 field(s) changed from leicestershire.yaml.',
    );
    // The assessment beds and a policy through the forms.
    await page.fill('#lever-assessment-beds', '4');
    await page.locator('#lever-assessment-beds').dispatchEvent('change');
    await expect(editorText()).resolves.toMatch(/assessment:\s+beds:\s+value: 4/);
    await page.click('#group-Policies > summary');
    await page.selectOption('#lever-policies-matching', 'listed');
    await expect(editorText()).resolves.not.toContain('matching');
    await page.fill('#lever-assessment-beds', '3');
    await page.locator('#lever-assessment-beds').dispatchEvent('change');
    await expect(page.locator('#levers-status').textContent()).resolves.toBe(
      '2 field(s) changed from leicestershire.yaml.',
    );
    await page.fill('#reps', '20');
    await page.fill('#scenario-name', 'Five beds and a bigger ART');
    await page.click('#run');
    await page.waitForSelector('#results:not([hidden])', { timeout: 120_000 });
    expect(await page.locator('#results-charts figure svg').count()).toBe(5);
    // Compare the change with the baseline on common random numbers.
    await page.click('#pin');
    await page.click('#compare');
    await page.waitForSelector('#comparison:not([hidden])', { timeout: 120_000 });
    await expect(page.locator('#comparison-text p.lead').first().textContent()).resolves.toMatch(
      /^"Five beds and a bigger ART" .* against "Leicestershire baseline \(March 2025 plan\)"/,
    );
    expect(await page.locator('#comparison-text table.ranked tbody tr').count()).toBe(1);
    await expect(
      page.locator('#comparison-text table.ranked tbody td').nth(2).textContent(),
    ).resolves.toMatch(/^-?£/);
    // The comparison's charts, as compare draws them, each with its "how to read this".
    await page.waitForFunction(() => document.querySelectorAll('#comparison-charts figure svg').length >= 3);
    // Accessible with a home's and the policies' sections open, and the comparison shown.
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    expect(await page.locator('#comparison-charts figcaption').first().textContent()).toMatch(
      /^How to read this/,
    );
    await page.click('#save');
    // Saving is asynchronous (IndexedDB): wait for the list to show it.
    await page.waitForSelector('#saved li:has-text("Five beds and a bigger ART")', { timeout: 30_000 });
    // A reload keeps the saved scenario; restoring it brings the edits back into the form.
    await page.reload();
    await page.waitForSelector('#saved li:has-text("Five beds and a bigger ART")', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Restore Five beds and a bigger ART' }).click();
    await expect(beds.inputValue()).resolves.toBe('5');
    await expect(art.inputValue()).resolves.toBe('16');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toMatch(/^extends: \.\.\/leicestershire\.yaml$/m);
    // As the command line reads it, saved beside the shipped scenarios.
    const exported = 'models/scenarios/exported-from-the-app.yaml';
    const r = loadModelFrom(exported, {
      ...fileReader,
      read: (f) => (f === exported ? text : fileReader.read(f)),
    });
    if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
    expect(r.model.homes.csHome2!.beds).toEqual(expect.objectContaining({ value: 5 }));
    expect(r.model.name).toBe('Five beds and a bigger ART');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
  it('checks 903 returns dropped into the page as the command line does, and calibrates the starting model to them', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { errors, external } = watch(page, (url) => url.startsWith(origin) || /^(blob|data):/.test(url));
    // Synthetic returns of the synthetic county, as `caresim data synth` writes them.
    const synth = join(mkdtempSync(join(tmpdir(), 'caresim-app-903-')), 'returns');
    expect(dataSynthCommand(COUNTY, { out: synth })).toBe(0);
    const files = readdirSync(synth)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(synth, f));
    const checked = checkReturns(await readDataFiles(files));
    if (!checked.ok) throw new Error('the synthetic returns do not pass data check');

    await page.goto(`${origin}/`);
    await page.waitForSelector('#levers fieldset');
    await page.selectOption('#model', COUNTY);
    await page.setInputFiles('#data-files', files);
    await page.waitForSelector('#calibrate:not([disabled])', { timeout: 60_000 });
    await expect(page.locator('#data-status').textContent()).resolves.toBe(
      `${files.length} file(s) read, no problems.`,
    );
    // The same summary as `caresim data check`, counts under 5 suppressed.
    await expect(page.locator('#data-summary').textContent()).resolves.toBe(
      formatDataSummary(checked.summary, checked.merged.notes, 5),
    );

    await page.click('#calibrate');
    await page.waitForSelector('#data-status:has-text("Calibrated to")', { timeout: 120_000 });
    await expect(page.locator('#model-status').textContent()).resolves.toMatch(/calibrated to 903 returns/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#data-status button').click(),
    ]);
    // The calibrated model validates with the command line, beside the model it extends, and
    // estimates what the command line's calibration estimates.
    const text = readFileSync((await download.path())!, 'utf8');
    const file = 'models/synthetic/county-calibrated.yaml';
    const inApp = loadModelFrom(file, {
      ...fileReader,
      read: (f) => (f === file ? text : fileReader.read(f)),
    });
    if (!inApp.ok) throw new Error(inApp.errors.map(formatModelError).join('\n'));
    const base = loadModel(COUNTY);
    if (!base.ok) throw new Error('the synthetic county does not load');
    const cli = calibrate(checked.merged, {
      base: base.model,
      baseRef: 'county.yaml',
      calibration: base.model.calibration ?? calibrationSchema.parse({}),
      seed: base.model.run.seed,
      dataLabel: dataLabel(checked.merged),
    });
    for (const cohort of ['under16', 'sixteenPlus'])
      expect(getNumber(inApp.raw, `cohorts.${cohort}.referrals.perYear`)).toBeCloseTo(
        getNumber(cli.model, `cohorts.${cohort}.referrals.perYear`),
        9,
      );
    expect(await page.locator('#data-charts figure svg').count()).toBeGreaterThanOrEqual(4);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 240_000);
});
