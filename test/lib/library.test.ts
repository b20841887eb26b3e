// caresim as a library (issue 15): another program imports the package by its name and gets the
// command line's results as objects, byte for byte where the command line writes a file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareModels,
  formatModelError,
  loadModel,
  loadModelFrom,
  runModel,
  validateModelData,
  writeRunFolder,
} from 'caresim';
import * as browser from 'caresim/browser';

const load = (file: string) => {
  const r = loadModel(file);
  if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
  return r;
};

describe('the caresim package', () => {
  it('runs a model and returns the summary caresim run writes', async () => {
    const m = load('models/verification/loss-system.yaml');
    const run = await runModel(m.model, { replications: 6, seed: 7, years: 2, workers: 1 });
    expect(run.replications).toBe(6);
    expect(run.summary['placements.outOfCounty']!.n).toBe(6);
    expect(run.years[0]).toContain('series');
    const { dir } = await writeRunFolder({
      modelFile: 'models/verification/loss-system.yaml',
      model: m.model,
      replications: 6,
      seed: 7,
      years: 2,
      workers: 1,
      charts: false,
      out: join(mkdtempSync(join(tmpdir(), 'caresim-lib-')), 'run'),
    });
    expect(run.summaryJson).toBe(readFileSync(join(dir, 'summary.json'), 'utf8'));
  }, 60_000);

  it('compares scenarios on common random numbers: a model against itself saves exactly nothing', async () => {
    const m = load('models/verification/loss-system.yaml').model;
    const [c] = await compareModels([m, m], { replications: 4, seed: 1, years: 1, workers: 1 });
    expect(c!.metrics.costAvoided!.mean).toBe(0);
    expect(c!.metrics.costAvoided!.p95).toBe(0);
  }, 60_000);

  it('validates models from files in memory and from data, with the messages of the command line', () => {
    const files = new Map([
      ['a.yaml', 'caresim: 1\nextends: b.yaml\n'],
      ['b.yaml', 'caresim: 1\nextends: a.yaml\n'],
    ]);
    const r = loadModelFrom('a.yaml', {
      read: (f) => files.get(f)!,
      resolve: (_from, path) => path,
      identity: (f) => f,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatModelError(r.errors[0]!)).toMatch(/extend each other in a cycle/);
    const bad = validateModelData({ caresim: 1 });
    expect(bad.ok).toBe(false);
  });

  it("runs in a browser's way through caresim/browser: text in, a batch run, a results folder in memory", async () => {
    const text = readFileSync('models/verification/loss-system.yaml', 'utf8');
    const r = browser.loadModelFrom('loss-system.yaml', {
      read: () => text,
      resolve: (_, p) => p,
      identity: (f) => f,
    });
    if (!r.ok) throw new Error(r.errors.map(browser.formatModelError).join('\n'));
    const model = browser.prepare(r.model, 2);
    const reps = [0, 1, 2, 3, 4, 5];
    const batch = browser.runBatch({ model: model.model, years: 2, hash: model.hash, seed: 7, reps });
    const byRep = new Map(
      reps.map((rep, i) => [rep, batch.values.slice(i * batch.cells, (i + 1) * batch.cells)]),
    );
    const folder = browser.memoryFolder('loss-system');
    browser.writeRunTables(folder, browser.gatheredSet(model, 7, reps, byRep, batch.events, 1), 7);
    const node = await runModel(r.model, { replications: 6, seed: 7, years: 2, workers: 1 });
    expect(folder.text('summary.json')).toBe(node.summaryJson);
  });
});
