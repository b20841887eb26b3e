/**
 * A whole run: replications of a validated model, summarised into tables and written, with a
 * manifest that makes it reproducible, into a results folder that appears only when complete.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chartsOfTables, writeCharts } from '../charts/runFolder.ts';
import { redrawCompareCharts } from '../charts/compareCharts.ts';
import { writeCompareReport, writeRunReport } from '../report/runFolderReport.ts';
import { join } from 'node:path';
import { seriesDefinitions } from '../model/metrics.ts';
import { PRNG_ALGORITHM } from '../random/streams.ts';
import { streamNames } from '../model/replication.ts';
import { normalise } from '../scenario/normalise.ts';
import type { ModelFile } from '../scenario/schema/model.ts';
import { modelHash } from './batch.ts';
import {
  compareScenario,
  comparisonReplicationsCsv,
  comparisonYearsCsv,
  modelCostsCsv,
  type ScenarioComparison,
} from './compare.ts';
import { caresimVersion, defaultRunDir, gitCommit, RunDirectory } from './runDirectory.ts';
import { RunSeries, runReplications, type ReplicationSet } from './runner.ts';
import { buildTables, RESULTS_FORMAT, type RunTables } from './tables.ts';

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** A deterministic slice of the replications: those r with r % count === index. */
export interface Shard {
  index: number;
  count: number;
}

export interface ExecuteOptions {
  modelFile: string;
  model: ModelFile;
  replications?: number;
  seed?: number;
  years?: number;
  workers?: number;
  out?: string;
  /** Run only this slice; the folder also gets the raw results, for `caresim merge`. */
  shard?: Shard;
  /** Draw the charts into charts/ and write the reports (default true). */
  charts?: boolean;
  /** The model as its files wrote it (before defaults), for the report's assumptions table. */
  modelAsWritten?: unknown;
  /**
   * Sequential stopping: keep adding replications until the 95% interval of every precision
   * metric is within this fraction of its mean (0.05: within 5%), up to `maxReplications`.
   */
  precision?: number;
  maxReplications?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface RunOutcome {
  dir: string;
  set: ReplicationSet;
  tables: RunTables;
  manifest: Record<string, unknown>;
}

/** The headline metrics whose intervals `--precision` watches. */
export const PRECISION_METRICS = [
  'placements.outOfCounty',
  'overflowShare',
  'occupancy.local',
  'outOfCounty.children',
  'breakdowns',
  'cost.total',
] as const;

/** The replication indices of a run or of one of its shards. */
export function replicationIndices(replications: number, shard?: Shard): number[] {
  const all = Array.from({ length: replications }, (_, i) => i);
  return shard ? all.filter((r) => r % shard.count === shard.index) : all;
}

/** The metrics whose interval is still wider than `precision` x |mean| (empty: precise enough). */
export function imprecise(tables: RunTables, precision: number): string[] {
  return PRECISION_METRICS.filter((k) => {
    const m = tables.summary[k];
    if (!m || m.halfWidth === null) return m !== undefined;
    return m.mean !== 0 && m.halfWidth > precision * Math.abs(m.mean);
  });
}

const RAW_FILE = 'replications.f64';

/** Write the results files of a replication set (run, shard or merge) and commit the folder. */
async function writeRunFolder(
  dir: RunDirectory,
  set: ReplicationSet,
  model: ModelFile,
  seed: number,
  extra: Record<string, unknown>,
  raw: boolean,
  charts: boolean,
): Promise<{ tables: RunTables; manifest: Record<string, unknown> }> {
  const tables = buildTables(set);
  dir.write(
    'summary.json',
    json({
      format: RESULTS_FORMAT,
      model: model.name,
      replications: set.reps.length,
      seed,
      metrics: tables.summary,
    }),
  );
  dir.write('periods.csv', tables.periodsCsv);
  dir.write('years.csv', tables.yearsCsv);
  dir.write('replications.csv', tables.replicationsCsv);
  if (raw) {
    // The monthly matrices themselves (float64, little-endian, replication after replication
    // in the order of manifest.raw.reps), so that shards can be merged exactly.
    const cells = set.defs.length * set.months;
    const all = new Float64Array(cells * set.reps.length);
    set.monthly.forEach((m, i) => all.set(m, i * cells));
    dir.write(RAW_FILE, new Uint8Array(all.buffer));
  }
  if (charts) {
    const source = { caresim: caresimVersion(), model: model.name, replications: set.reps.length, seed };
    const files = await writeCharts(
      join(dir.partial, 'charts'),
      chartsOfTables(tables.periodsCsv, tables.yearsCsv, source),
    );
    dir.record(...files.map((f) => `charts/${f}`));
  }
  const manifest = {
    format: RESULTS_FORMAT,
    caresim: caresimVersion(),
    gitCommit: gitCommit(),
    ...extra,
    seed,
    replications: set.reps.length,
    prng: PRNG_ALGORITHM,
    events: set.events,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    ...(raw
      ? { raw: { file: RAW_FILE, reps: set.reps, series: set.defs.map((d) => d.name), months: set.months } }
      : {}),
    files: [...dir.files, ...(charts ? ['report.html', 'report.md'] : []), 'manifest.json'],
    model,
  };
  dir.write('manifest.json', json(manifest));
  if (charts) writeRunReport(dir.partial);
  dir.commit();
  return { tables, manifest };
}

/**
 * Run, summarise and write. On failure or interrupt the partial folder is removed and the
 * error rethrown, so no complete-looking result is left behind.
 */
export async function executeRun(o: ExecuteOptions): Promise<RunOutcome> {
  const started = new Date();
  const replications = o.replications ?? o.model.run.replications;
  const seed = o.seed ?? o.model.run.seed;
  if (o.shard && o.precision !== undefined)
    throw new Error('--precision and --shard cannot be used together');
  const dir = new RunDirectory(o.out ?? defaultRunDir(o.modelFile, started));
  try {
    const years = o.years === undefined ? {} : { years: o.years };
    const run = (reps: number[], offset: number, total: number) =>
      runReplications({
        model: o.model,
        seed,
        reps,
        ...(o.workers === undefined ? {} : { workers: o.workers }),
        ...years,
        ...(o.onProgress ? { onProgress: (done: number) => o.onProgress!(offset + done, total) } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      });
    let set = await run(
      replicationIndices(replications, o.shard),
      0,
      replicationIndices(replications, o.shard).length,
    );
    let stopping: Record<string, unknown> | undefined;
    if (o.precision !== undefined) {
      // Sequential stopping (Law, Simulation Modeling and Analysis, §9.4.1): add replications
      // in batches of half the current number until every watched interval is narrow enough.
      const cap = o.maxReplications ?? 10_000;
      let wide = imprecise(buildTables(set), o.precision);
      while (wide.length > 0 && set.reps.length < cap) {
        const n = set.reps.length;
        const more = Array.from(
          { length: Math.min(cap, n + Math.max(10, Math.ceil(n / 2))) - n },
          (_, i) => n + i,
        );
        const next = await run(more, n, n + more.length);
        set = {
          ...set,
          reps: [...set.reps, ...next.reps],
          monthly: [...set.monthly, ...next.monthly],
          events: set.events + next.events,
        };
        wide = imprecise(buildTables(set), o.precision);
      }
      stopping = {
        precision: o.precision,
        metrics: PRECISION_METRICS,
        reached: wide.length === 0,
        stillImprecise: wide,
        cap,
      };
    }
    const scenario = normalise(o.model, years);
    const finished = new Date();
    const { tables, manifest } = await writeRunFolder(
      dir,
      set,
      o.model,
      seed,
      {
        modelFile: o.modelFile,
        modelName: o.model.name,
        modelHash: modelHash(o.model, o.years),
        years:
          o.years ?? (typeof o.model.time.years === 'number' ? o.model.time.years : o.model.time.years.value),
        start: scenario.startDate,
        workers: set.workers,
        shard: o.shard ? { ...o.shard, of: replications } : null,
        sequentialStopping: stopping ?? null,
        modelAsWritten: o.modelAsWritten ?? null,
        streams: streamNames(scenario),
        startedAt: started.toISOString(),
        finishedAt: finished.toISOString(),
        seconds: (finished.getTime() - started.getTime()) / 1000,
      },
      o.shard !== undefined,
      o.charts !== false,
    );
    return { dir: dir.target, set, tables, manifest };
  } catch (e) {
    dir.abandon();
    throw e;
  }
}

/**
 * Merge the folders of a run's shards into exactly the results one run would have written:
 * the replications are put back in index order and every table is rebuilt from them.
 * @throws Error when the folders are not shards of one run, or one is missing
 */
export async function executeMerge(dirs: readonly string[], out: string): Promise<RunOutcome> {
  const manifests = dirs.map((d) => {
    const file = join(d, 'manifest.json');
    if (!existsSync(file)) throw new Error(`${d}: no manifest.json (not a results folder)`);
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
      modelHash: string;
      seed: number;
      years: number;
      shard: (Shard & { of: number }) | null;
      raw?: { file: string; reps: number[]; series: string[]; months: number };
      model: ModelFile;
      events: number;
      modelFile: string;
    };
  });
  const first = manifests[0]!;
  manifests.forEach((m, i) => {
    if (!m.shard || !m.raw) throw new Error(`${dirs[i]}: not a shard (run with --shard i/n)`);
    if (m.modelHash !== first.modelHash)
      throw new Error(`${dirs[i]}: a different model or horizon from ${dirs[0]}`);
    if (m.seed !== first.seed) throw new Error(`${dirs[i]}: seed ${m.seed}, not ${first.seed}`);
    if (m.shard.count !== first.shard!.count || m.shard.of !== first.shard!.of)
      throw new Error(
        `${dirs[i]}: shard ${m.shard.index}/${m.shard.count} of ${m.shard.of} replications does not match ${dirs[0]}`,
      );
  });
  const count = first.shard!.count;
  const seen = new Set(manifests.map((m) => m.shard!.index));
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new Error(`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing`);
  if (seen.size !== manifests.length) throw new Error('a shard is given twice');
  const scenario = normalise(first.model, { years: first.years });
  const defs = seriesDefinitions(scenario);
  const months = scenario.calendar.monthBreaks.length - 1;
  const cells = defs.length * months;
  const byRep = new Map<number, Float64Array>();
  manifests.forEach((m, i) => {
    if (m.raw!.series.join() !== defs.map((d) => d.name).join() || m.raw!.months !== months)
      throw new Error(`${dirs[i]}: written by a version of caresim with other result series`);
    const bytes = readFileSync(join(dirs[i]!, m.raw!.file));
    const values = new Float64Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    if (values.length !== cells * m.raw!.reps.length)
      throw new Error(`${dirs[i]}: ${m.raw!.file} has the wrong size`);
    m.raw!.reps.forEach((r, k) => byRep.set(r, values.slice(k * cells, (k + 1) * cells)));
  });
  const reps = [...byRep.keys()].sort((a, b) => a - b);
  const set: ReplicationSet = {
    defs,
    calendar: scenario.calendar,
    months,
    reps,
    monthly: reps.map((r) => byRep.get(r)!),
    events: manifests.reduce((a, m) => a + m.events, 0),
    workers: Math.max(1, ...manifests.map((m) => Number(m.workers) || 1)),
  };
  const dir = new RunDirectory(out);
  try {
    const { tables, manifest } = await writeRunFolder(
      dir,
      set,
      first.model,
      first.seed,
      {
        modelFile: first.modelFile,
        modelName: first.model.name,
        modelHash: first.modelHash,
        years: first.years,
        mergedFrom: dirs.map((d, i) => ({ folder: d, shard: manifests[i]!.shard })),
        streams: streamNames(scenario),
        finishedAt: new Date().toISOString(),
      },
      false,
      true,
    );
    return { dir: dir.target, set, tables, manifest };
  } catch (e) {
    dir.abandon();
    throw e;
  }
}

export interface CompareOptions {
  files: string[];
  models: ModelFile[];
  /** The models as their files wrote them, for the report's assumptions tables. */
  modelsAsWritten?: unknown[];
  /** Draw the charts and write the reports (default true). */
  charts?: boolean;
  replications?: number;
  seed?: number;
  years?: number;
  workers?: number;
  out?: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface CompareOutcome {
  dir: string;
  comparisons: ScenarioComparison[];
  manifest: Record<string, unknown>;
}

/**
 * Run the base (first model) and each scenario on the same replications and seed (common
 * random numbers), compare them pairwise with the base and write the comparison folder.
 */
export async function executeCompare(o: CompareOptions): Promise<CompareOutcome> {
  const started = new Date();
  const base = o.models[0]!;
  const replications = o.replications ?? base.run.replications;
  const seed = o.seed ?? base.run.seed;
  const dir = new RunDirectory(o.out ?? defaultRunDir(`compare-${o.files[0]!}`, started));
  try {
    const reps = Array.from({ length: replications }, (_, i) => i);
    const total = replications * o.models.length;
    const sets: ReplicationSet[] = [];
    // One pool for every model, if the comparison is long enough to need one.
    const series = new RunSeries(o.workers, o.models.length);
    try {
      for (const [i, model] of o.models.entries()) {
        sets.push(
          await series.run({
            model,
            seed,
            reps,
            ...(o.years === undefined ? {} : { years: o.years }),
            onProgress: (done) => o.onProgress?.(i * replications + done, total),
            ...(o.signal ? { signal: o.signal } : {}),
          }),
        );
      }
    } finally {
      await series.close();
    }
    const comparisons = o.models
      .slice(1)
      .map((m, i) =>
        compareScenario(
          { model: base, set: sets[0]! },
          { model: m, set: sets[i + 1]!, file: o.files[i + 1]! },
          o.years,
        ),
      );
    const finished = new Date();
    dir.write(
      'compare.json',
      json({
        format: RESULTS_FORMAT,
        base: { name: base.name, file: o.files[0] },
        replications,
        seed,
        scenarios: comparisons.map(({ perRep: _perRep, ...c }) => c),
      }),
    );
    dir.write('compare-years.csv', comparisonYearsCsv(comparisons));
    dir.write('compare-costs.csv', modelCostsCsv(o.models, sets));
    dir.write('compare-replications.csv', comparisonReplicationsCsv(reps, comparisons));
    const manifest = {
      format: RESULTS_FORMAT,
      caresim: caresimVersion(),
      gitCommit: gitCommit(),
      command: 'compare',
      models: o.models.map((m, i) => ({ file: o.files[i], name: m.name, hash: modelHash(m, o.years) })),
      seed,
      replications,
      workers: Math.max(...sets.map((x) => x.workers)),
      prng: PRNG_ALGORITHM,
      commonRandomNumbers:
        'every model runs replications 0..n-1 with the same master seed; streams are keyed by (seed, replication, name)',
      events: sets.reduce((a, s) => a + s.events, 0),
      node: process.version,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      seconds: (finished.getTime() - started.getTime()) / 1000,
      files: [
        ...dir.files,
        ...(o.charts === false ? [] : ['charts/', 'report.html', 'report.md']),
        'manifest.json',
      ],
      resolvedModels: o.models,
      modelsAsWritten: o.modelsAsWritten ?? null,
    };
    dir.write('manifest.json', json(manifest));
    if (o.charts !== false) {
      await redrawCompareCharts(dir.partial);
      writeCompareReport(dir.partial);
    }
    dir.commit();
    return { dir: dir.target, comparisons, manifest };
  } catch (e) {
    dir.abandon();
    throw e;
  }
}
