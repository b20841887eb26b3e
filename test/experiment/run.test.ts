import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imprecise, precisionMetrics } from '../../src/experiment/run.ts';
import {
  createPool,
  poolsCreated,
  RunSeries,
  runReplications,
  stopPool,
} from '../../src/experiment/runner.ts';
import { prepare } from '../../src/experiment/prepared.ts';
import { executeCompare } from '../../src/output/compareFolder.ts';
import { executeMerge, executeRun } from '../../src/output/runFolder.ts';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';
import type { ModelFile } from '../../src/scenario/schema/model.ts';
import { erlangB } from '../model/queueing.ts';
import { allMatrices } from '../../src/experiment/matrices.ts';

const LOSS = 'models/verification/loss-system.yaml';
const BASELINE = 'models/leicestershire.yaml';

function model(file: string): ModelFile {
  const r = loadModel(file);
  if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
  return r.model;
}

const scratch = () => mkdtempSync(join(tmpdir(), 'caresim-test-'));
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const RESULT_FILES = ['summary.json', 'periods.csv', 'years.csv', 'replications.csv'];

describe('caresim run (executeRun)', () => {
  it('gives byte-identical results on one worker and on several', async () => {
    const root = scratch();
    const common = { modelFile: BASELINE, model: model(BASELINE), replications: 9, seed: 7, years: 3 };
    const one = await executeRun({ ...common, workers: 1, out: join(root, 'one') });
    const two = await executeRun({ ...common, workers: 2, out: join(root, 'two') });
    for (const f of RESULT_FILES) expect(read(two.dir, f), f).toBe(read(one.dir, f));
    expect(one.manifest.workers).toBe(1);
    expect(two.manifest.workers).toBe(2);
  }, 60_000);

  it('keeps a run on the main thread when the rest would not pay back a pool, and gives a long one a pool, with identical results', async () => {
    const options = {
      model: prepare(model(BASELINE), 2),
      seed: 3,
      reps: Array.from({ length: 40 }, (_, i) => i),
    };
    // A threshold no run here reaches, however loaded the machine: with the default 3 s, a CI
    // machine busy with other tests once timed the second batch slow enough to start a pool.
    const short = await runReplications({ ...options, poolPaysBackSeconds: 600 });
    expect(short.workers).toBe(1);
    // Any remaining work counts as long when the pay-back threshold is 0: the first batch runs
    // here and the rest on a pool of one worker per core.
    const long = await runReplications({ ...options, poolPaysBackSeconds: 0 });
    expect(long.workers).toBe(availableParallelism()); // 1 on a one-core machine: no pool to start
    expect(long.reps).toEqual(short.reps);
    allMatrices(long.matrices).forEach((m, i) =>
      expect(Buffer.from(m.buffer).equals(Buffer.from(allMatrices(short.matrices)[i]!.buffer))).toBe(true),
    );
  }, 60_000);

  it('starts a pool for a series of runs only when the rest of the series is long, with identical results', async () => {
    const options = { model: prepare(model(LOSS), 1), seed: 5, reps: [0, 1, 2, 3, 4, 5] };
    const run4 = async (series: RunSeries) => {
      const sets = [];
      for (let i = 0; i < 4; i++) sets.push(await series.run(options));
      await series.close();
      return sets;
    };
    const short = new RunSeries(undefined, 4, 600); // a threshold no load reaches (see above)
    const quick = await run4(short);
    expect(short.workers).toBe(1);
    // A threshold of 0 makes any remaining work long: runs 3 and 4 go to a pool.
    const long = new RunSeries(undefined, 4, 0);
    const pooled = await run4(long);
    expect(long.workers).toBe(availableParallelism());
    pooled.forEach((set, i) =>
      allMatrices(set.matrices).forEach((m, r) =>
        expect(Buffer.from(m.buffer).equals(Buffer.from(allMatrices(quick[i]!.matrices)[r]!.buffer))).toBe(
          true,
        ),
      ),
    );
  }, 60_000);

  it("keeps the pool a series' first run starts for itself, rather than starting another", async () => {
    if (availableParallelism() < 2) return; // no pool on one core
    const options = {
      model: prepare(model(LOSS), 1),
      seed: 5,
      reps: Array.from({ length: 40 }, (_, i) => i),
    };
    const series = new RunSeries(undefined, 3, 0);
    const before = poolsCreated();
    const sets = [];
    for (let i = 0; i < 3; i++) sets.push(await series.run(options));
    await series.close();
    expect(sets.map((s) => s.workers)).toEqual([0, 1, 2].map(() => availableParallelism()));
    expect(poolsCreated() - before).toBe(1);
    expect(allMatrices(sets[2]!.matrices)).toEqual(allMatrices(sets[0]!.matrices));
  }, 60_000);

  it('stops the pool of an interrupted run for good, however many times it is stopped', async () => {
    const pool = createPool(2);
    const stop = new AbortController();
    await expect(
      runReplications({
        model: prepare(model(LOSS), 1),
        seed: 5,
        reps: Array.from({ length: 200 }, (_, i) => i),
        pool,
        signal: stop.signal,
        onProgress: () => stop.abort(),
      }),
    ).rejects.toThrow(/interrupted/);
    // The owner stops it too (RunSeries.close), while the interrupt's stop still waits for its threads.
    await stopPool(pool);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Piscina's destroy() called twice clears its flag, and the exiting threads were replaced.
    expect(pool.threads.length).toBe(0);
  }, 60_000);

  it('writes a manifest that makes the run reproducible', async () => {
    const out = join(scratch(), 'run');
    const { manifest } = await executeRun({
      modelFile: LOSS,
      model: model(LOSS),
      replications: 3,
      seed: 11,
      years: 1,
      workers: 1,
      out,
    });
    for (const k of [
      'caresim',
      'gitCommit',
      'modelHash',
      'seed',
      'replications',
      'workers',
      'prng',
      'streams',
      'node',
      'startedAt',
      'finishedAt',
      'model',
    ])
      expect(manifest, k).toHaveProperty(k);
    expect(manifest.seed).toBe(11);
    expect(manifest.prng).toBe('seedrandom.alea');
    expect(JSON.parse(read(out, 'manifest.json'))).toEqual(JSON.parse(JSON.stringify(manifest)));
    expect(readdirSync(out).sort()).toEqual(
      [
        'charts',
        'manifest.json',
        'report.html',
        'report-short.html',
        'report.md',
        'report.docx',
        'results.xlsx',
        ...RESULT_FILES,
      ].sort(),
    );
  }, 30_000);

  it('computes summary intervals that match an independent computation on the replication rows', async () => {
    const out = join(scratch(), 'run');
    await executeRun({
      modelFile: LOSS,
      model: model(LOSS),
      replications: 12,
      seed: 3,
      years: 2,
      workers: 1,
      out,
    });
    const [header, ...rows] = read(out, 'replications.csv')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const summary = JSON.parse(read(out, 'summary.json')) as {
      metrics: Record<string, { mean: number; sd: number; ciLow: number; ciHigh: number }>;
    };
    // t(0.975, 11) = 2.200985 (R: qt(0.975, 11)), written here rather than computed by the code under test.
    const t = 2.200985;
    // Ratios (overflowShare...) are ratios of totals instead: test/experiment/ratios.test.ts.
    for (const key of ['referrals', 'placements.outOfCounty', 'occupancy.local', 'cost.total']) {
      const col = header!.indexOf(key);
      const xs = rows.map((r) => Number(r[col]));
      const n = xs.length;
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
      const m = summary.metrics[key]!;
      // replications.csv carries six significant figures (src/output/csv.ts), so the mean and sd
      // recomputed from it agree to about that; the summary itself is computed from the exact values.
      const tol = 1e-5 * Math.max(1, Math.abs(mean));
      expect(Math.abs(m.mean - mean), key).toBeLessThan(tol);
      expect(Math.abs(m.sd - sd), key).toBeLessThan(tol);
      expect(Math.abs(m.ciLow - (mean - (t * sd) / Math.sqrt(n))), key).toBeLessThan(tol);
      expect(Math.abs(m.ciHigh - (mean + (t * sd) / Math.sqrt(n))), key).toBeLessThan(tol);
    }
  }, 30_000);

  it('leaves nothing that looks complete when interrupted', async () => {
    const root = scratch();
    const out = join(root, 'run');
    const abort = new AbortController();
    const run = executeRun({
      modelFile: BASELINE,
      model: model(BASELINE),
      replications: 400,
      seed: 1,
      workers: 2,
      out,
      signal: abort.signal,
      onProgress: (done) => {
        if (done >= 1) abort.abort();
      },
    });
    await expect(run).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  }, 60_000);

  it('refuses to overwrite an existing results folder', async () => {
    const out = scratch();
    await expect(
      executeRun({ modelFile: LOSS, model: model(LOSS), replications: 2, years: 1, workers: 1, out }),
    ).rejects.toThrow(/already exists/);
  });
});

describe('caresim compare (executeCompare)', () => {
  it('finds exactly zero difference, with a zero-width interval, between a model and itself', async () => {
    const m = model(BASELINE);
    const { comparisons } = await executeCompare({
      files: [BASELINE, BASELINE],
      models: [m, m],
      replications: 5,
      seed: 2,
      years: 4,
      workers: 1,
      out: join(scratch(), 'cmp'),
    });
    const c = comparisons[0]!;
    for (const [k, metric] of Object.entries(c.metrics)) {
      if (k === 'localOccupancy') continue; // the scenario's own level, not a difference
      expect([metric.mean, metric.sd, metric.halfWidth, metric.ciLow, metric.ciHigh], k).toEqual([
        0, 0, 0, 0, 0,
      ]);
    }
    for (const m2 of Object.values(c.savingByYear)) expect([m2.mean, m2.halfWidth]).toEqual([0, 0]);
    expect(c.probabilityCheaper).toBe(0);
  }, 60_000);

  it('shows a scenario with more local beds avoiding out-of-county placements, paired', async () => {
    const base = model(LOSS);
    const more = structuredClone(base);
    more.homes.home!.beds = 26;
    const { comparisons } = await executeCompare({
      files: [LOSS, 'more beds'],
      models: [base, more],
      replications: 10,
      seed: 5,
      years: 3,
      workers: 1,
      out: join(scratch(), 'cmp'),
    });
    const avoided = comparisons[0]!.metrics.outOfCountyPlacementsAvoided!;
    // Theory: (B(23, 20) - B(26, 20)) x 0.5 referrals a day x 3 years (after the warm-up).
    const expected = (erlangB(23, 20) - erlangB(26, 20)) * 0.5 * 365.2425 * 3;
    expect(avoided.ciLow!).toBeGreaterThan(0);
    const se = avoided.sd / Math.sqrt(avoided.n);
    expect(Math.abs(avoided.mean - expected)).toBeLessThan(4 * se);
  }, 60_000);
});

describe('shards and merge', () => {
  it('merges shards into exactly what one run writes', async () => {
    const root = scratch();
    const m = model(LOSS);
    const common = { modelFile: LOSS, model: m, replications: 7, seed: 4, years: 2, workers: 1 };
    const one = await executeRun({ ...common, out: join(root, 'one') });
    const shards = [];
    for (let i = 0; i < 3; i++)
      shards.push(
        (await executeRun({ ...common, shard: { index: i, count: 3 }, out: join(root, `s${i}`) })).dir,
      );
    // Shards in any order.
    const merged = await executeMerge([shards[2]!, shards[0]!, shards[1]!], join(root, 'merged'));
    for (const f of RESULT_FILES) expect(read(merged.dir, f), f).toBe(read(one.dir, f));
    expect(merged.set.reps).toEqual([0, 1, 2, 3, 4, 5, 6]);
  }, 60_000);

  it('refuses a missing shard, a shard given twice and shards of different runs', async () => {
    const root = scratch();
    const m = model(LOSS);
    const common = { modelFile: LOSS, model: m, replications: 4, seed: 4, years: 1, workers: 1 };
    const s0 = (await executeRun({ ...common, shard: { index: 0, count: 2 }, out: join(root, 's0') })).dir;
    const s1 = (await executeRun({ ...common, shard: { index: 1, count: 2 }, out: join(root, 's1') })).dir;
    const other = (
      await executeRun({ ...common, seed: 5, shard: { index: 1, count: 2 }, out: join(root, 'o1') })
    ).dir;
    await expect(executeMerge([s0], join(root, 'm1'))).rejects.toThrow(/1\/2 missing/);
    await expect(executeMerge([s0, s0, s1], join(root, 'm2'))).rejects.toThrow(/twice/);
    await expect(executeMerge([s0, s0], join(root, 'm4'))).rejects.toThrow(/twice/);
    await expect(executeMerge([s0, other], join(root, 'm3'))).rejects.toThrow(/seed 5/);
    expect(existsSync(join(root, 'm1'))).toBe(false);
  }, 60_000);

  it('refuses shards whose replications overlap or leave a gap, and a raw file changed since the run, naming the shard (issue 16)', async () => {
    const root = scratch();
    const m = model(LOSS);
    const common = { modelFile: LOSS, model: m, replications: 4, seed: 4, years: 1, workers: 1 };
    const shard = async (i: number) =>
      (await executeRun({ ...common, shard: { index: i, count: 2 }, out: join(root, `s${i}`) })).dir;
    const [s0, s1] = [await shard(0), await shard(1)];
    const manifestOf = (d: string) => JSON.parse(read(d, 'manifest.json')) as { raw: { reps: number[] } };
    // A copy of shard 1 whose manifest claims a replication of shard 0: an overlap.
    const overlap = join(root, 'overlap');
    cpSync(s1, overlap, { recursive: true });
    const claims = manifestOf(s1);
    const r0 = manifestOf(s0).raw.reps[0]!;
    claims.raw.reps = [r0, ...claims.raw.reps.slice(1)];
    writeFileSync(join(overlap, 'manifest.json'), JSON.stringify(claims));
    await expect(executeMerge([s0, overlap], join(root, 'm1'))).rejects.toThrow(
      `${s0} and ${overlap} both hold replication ${r0}`,
    );
    // Shard 1 holding fewer replications than the run: a gap.
    const gap = join(root, 'gap');
    cpSync(s1, gap, { recursive: true });
    const fewer = manifestOf(s1);
    const dropped = fewer.raw.reps.pop()!;
    writeFileSync(join(gap, 'manifest.json'), JSON.stringify(fewer));
    await expect(executeMerge([s0, gap], join(root, 'm2'))).rejects.toThrow(
      `replication ${dropped} of 4 in no shard`,
    );
    // A value of shard 1's raw file edited after the run.
    const edited = join(root, 'edited');
    cpSync(s1, edited, { recursive: true });
    const raw = readFileSync(join(edited, 'replications.f64'));
    raw[8] = raw[8]! ^ 1;
    writeFileSync(join(edited, 'replications.f64'), raw);
    await expect(executeMerge([s0, edited], join(root, 'm3'))).rejects.toThrow(
      `${edited}: replications.f64 is not the file the run wrote`,
    );
    for (const m of ['m1', 'm2', 'm3']) expect(existsSync(join(root, m))).toBe(false);
    // Untouched, they merge.
    await expect(executeMerge([s0, s1], join(root, 'ok'))).resolves.toBeDefined();
  }, 60_000);
});

describe('sequential stopping (--precision)', () => {
  it('adds replications until the watched intervals are narrow enough, and says so', async () => {
    const { manifest, tables } = await executeRun({
      modelFile: LOSS,
      model: model(LOSS),
      replications: 5,
      seed: 8,
      years: 2,
      workers: 1,
      precision: 0.1,
      out: join(scratch(), 'p'),
    });
    const stop = manifest.command === 'run' && manifest.sequentialStopping!;
    if (!stop) throw new Error('no sequential stopping recorded');
    expect(stop.reached).toBe(true);
    expect(manifest.replications as number).toBeGreaterThan(5);
    // The decision metrics: cost and children over the window, and the overflow share, a proportion.
    const watched = precisionMetrics(tables, null);
    expect(stop.metrics).toEqual(watched);
    expect(watched).toEqual(['cost.total', 'outOfCounty.children', 'overflowShare']);
    expect(imprecise(tables, 0.1, watched)).toEqual([]);
    const share = tables.summary.overflowShare!;
    // Judged in absolute terms: within ±10 percentage points, not ±10% of an 8% share.
    expect(share.halfWidth!).toBeLessThanOrEqual(0.1);
    for (const k of ['outOfCounty.children']) {
      const s = tables.summary[k]!;
      expect(s.halfWidth!).toBeLessThanOrEqual(0.1 * Math.abs(s.mean));
    }
  }, 60_000);

  it('stops at the cap and reports what is still imprecise', async () => {
    const { manifest } = await executeRun({
      modelFile: LOSS,
      model: model(LOSS),
      replications: 5,
      seed: 8,
      years: 1,
      workers: 1,
      precision: 0.0001,
      maxReplications: 20,
      out: join(scratch(), 'p'),
    });
    const stop = manifest.command === 'run' && manifest.sequentialStopping!;
    if (!stop) throw new Error('no sequential stopping recorded');
    expect(manifest.replications).toBe(20);
    expect(stop.reached).toBe(false);
    expect(stop.stillImprecise.length).toBeGreaterThan(0);
  }, 60_000);

  it('keeps even the first batch within the cap', async () => {
    const { manifest, tables } = await executeRun({
      modelFile: LOSS,
      model: model(LOSS),
      replications: 50,
      seed: 8,
      years: 1,
      workers: 1,
      precision: 0.0001,
      maxReplications: 20,
      charts: false,
      out: join(scratch(), 'p'),
    });
    expect(manifest.replications).toBe(20);
    expect(tables.summary.referrals!.n).toBe(20);
  }, 60_000);
});
