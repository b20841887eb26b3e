/**
 * The browser app (issue 15), built as `npm run app:build` builds it and served from a plain
 * static server on localhost, in Debian's headless Chromium: it loads the baseline, runs it in
 * Web Workers, shows the answer and the charts, and writes the very bytes of summary.json that
 * `caresim run` writes for the same model, seed and replications. Nothing leaves localhost.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRun } from '../../src/output/runFolder.ts';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
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
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
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
    const errors: string[] = [];
    const external: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !/^(blob|data):/.test(r.url())) external.push(r.url());
    });
    await page.goto(`${origin}/`);
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

    // The answer, the findings and the report's five charts, drawn in the page.
    await expect(page.locator('#lead').textContent()).resolves.toMatch(/^Under "Leicestershire baseline/);
    expect(await page.locator('#findings li').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#charts figure svg').count()).toBe(5);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 180_000);
});
