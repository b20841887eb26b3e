// Every command's manifest is written through one schema and records the same facts: what ran
// (caresim, commit, Node, platform, generator), on what (seed, replications, the random streams
// by name), when and which files. A folder whose manifest is not caresim's is refused clearly.
import { diskFolder } from '../../src/output/diskFolder.ts';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAxis } from '../../src/experiment/sweep.ts';
import { executeCompare } from '../../src/output/compareFolder.ts';
import { readManifest, RESULTS_FORMAT, type Manifest } from '../../src/output/manifest.ts';
import { executeRun } from '../../src/output/runFolder.ts';
import { executeSensitivity } from '../../src/output/sensitivityFolder.ts';
import { executeSweep } from '../../src/output/sweepFolder.ts';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';

const BASELINE = 'models/leicestershire.yaml';
const DO_NOTHING = 'models/scenarios/do-nothing.yaml';

function loaded(file: string) {
  const r = loadModel(file);
  if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
  return r;
}

const scratch = () => mkdtempSync(join(tmpdir(), 'caresim-manifest-'));

function expectCommonFacts(m: Manifest) {
  expect(m.format).toBe(RESULTS_FORMAT);
  expect(m.prng).toBe('seedrandom.alea');
  expect(m.node).toBe(process.version);
  expect(m.platform).toBe(`${process.platform} ${process.arch}`);
  expect(m.files).toContain('manifest.json');
  expect(m.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  // The baseline has an ART: its streams include the ART's (once missing from the list).
  expect(m.streams).toContain('artSupport/ebd');
  expect(m.streams).toContain('arrivals/ebd');
}

describe('manifests', () => {
  const base = loaded(BASELINE);
  const common = { replications: 2, seed: 3, years: 2, workers: 1 };

  it('of a run, a comparison, a sweep and a sensitivity analysis share the common facts', async () => {
    const root = scratch();
    const run = await executeRun({
      modelFile: BASELINE,
      model: base.model,
      ...common,
      charts: false,
      out: join(root, 'run'),
    });
    const compare = await executeCompare({
      files: [DO_NOTHING, BASELINE],
      models: [loaded(DO_NOTHING).model, base.model],
      ...common,
      charts: false,
      out: join(root, 'compare'),
    });
    const sweep = await executeSweep({
      modelFile: BASELINE,
      modelName: base.model.name,
      raw: base.raw,
      axes: [parseAxis('art.capacity.1.children=8,12')],
      design: 'grid',
      ...common,
      out: join(root, 'sweep'),
    });
    const sensitivity = await executeSensitivity({
      modelFile: BASELINE,
      modelName: base.model.name,
      raw: base.raw,
      ...common,
      out: join(root, 'sensitivity'),
    });
    const read = [
      readManifest(diskFolder(run.dir), ['run']),
      readManifest(diskFolder(compare.dir), ['compare']),
      readManifest(diskFolder(sweep.dir), ['sweep']),
      readManifest(diskFolder(sensitivity.dir), ['sensitivity']),
    ];
    expect(read.map((m) => m.command)).toEqual(['run', 'compare', 'sweep', 'sensitivity']);
    for (const m of read) expectCommonFacts(m);
  }, 300_000);

  it('list the parameters drawn from beliefs, each with its belief in words, and their streams', async () => {
    const m = loaded('test/fixtures/models/shared-beliefs.yaml');
    const run = await executeRun({
      modelFile: 'shared-beliefs.yaml',
      model: m.model,
      ...common,
      charts: false,
      out: join(scratch(), 'run'),
    });
    const read = readManifest(diskFolder(run.dir), ['run']);
    const growth = read.uncertain.find((u) => u.field === 'cohorts.a.referrals.growth')!;
    expect(growth).toMatchObject({
      draw: 'x-growth',
      value: 0.03,
      stated: 'range',
      description: 'triangular from 0 to 0.06, most likely 0.03',
    });
    // Triangular(0, 0.03, 0.06): the 5th percentile is 0.06 sqrt(0.05 / 2).
    expect(growth.p5).toBeCloseTo(0.06 * Math.sqrt(0.025), 12);
    expect(read.uncertain.map((u) => u.field)).toContain('cohorts.b.referrals.perYear');
    expect(read.streams).toContain('belief/x-growth');
    expect(read.streams).toContain('belief/cohorts.b.referrals.perYear');
    // Asked for fixed parameters, the run draws none and says so.
    const fixed = await executeRun({
      modelFile: 'shared-beliefs.yaml',
      model: { ...m.model, uncertainty: { ranges: 'triangular', fixed: true } },
      ...common,
      charts: false,
      out: join(scratch(), 'fixed'),
    });
    expect(readManifest(diskFolder(fixed.dir), ['run']).uncertain).toEqual([]);
  }, 120_000);

  it('that are missing, not JSON, of another format or of another command are refused, naming the folder', () => {
    const root = scratch();
    expect(() => readManifest(diskFolder(root), ['run'])).toThrow(`${root}: no manifest.json`);
    const bad = join(root, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'manifest.json'), '{ not json');
    expect(() => readManifest(diskFolder(bad), ['run'])).toThrow(
      /manifest\.json: damaged or cut short, not a manifest caresim can read/,
    );
    writeFileSync(join(bad, 'manifest.json'), JSON.stringify({ format: 'caresim-results/0' }));
    expect(() => readManifest(diskFolder(bad), ['run'])).toThrow(/written by another version of caresim/);
    writeFileSync(join(bad, 'manifest.json'), JSON.stringify({ format: RESULTS_FORMAT, command: 'run' }));
    expect(() => readManifest(diskFolder(bad), ['run'])).toThrow(
      /manifest\.json: .+: .+ \(written by another version/,
    );
  });
});
