/**
 * The results folder of a run, a shard or a merge of shards: its tables (summary.json,
 * periods.csv, years.csv, replications.csv), a shard's raw matrices, the charts and reports,
 * and the manifest, written into a folder that appears only when complete.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { prepare } from '../experiment/prepared.ts';
import { mergeShards, runModel, type RunRequest, type Shard } from '../experiment/run.ts';
import { setShape, type ReplicationSet } from '../experiment/replicationSet.ts';
import type { RunTables } from '../experiment/tables.ts';
import type { ModelFile } from '../scenario/schema/model.ts';
import { buildFacts } from './buildInfo.ts';
import { diskFolder } from './diskFolder.ts';
import { fileStores } from './fileMatrices.ts';
import { manifestText, readManifest, timing, type RunLikeManifest, type RunManifest } from './manifest.ts';
import { modelFacts, writeRunTables } from './runFiles.ts';
import { defaultRunDir, RunDirectory } from './runDirectory.ts';

const RAW_FILE = 'replications.f64';
// Charts, reports and workbooks (vega, resvg, docx, exceljs: most of a second to load) are
// imported only when a folder gets them, so that --no-charts, shards and merges start at once.

export interface ExecuteOptions extends Omit<RunRequest, 'model' | 'replications' | 'seed'> {
  modelFile: string;
  model: ModelFile;
  replications?: number;
  seed?: number;
  years?: number;
  out?: string;
  /** Draw the charts into charts/ and write the reports (default true). */
  charts?: boolean;
  /** The model as its files wrote it (before defaults), for the report's assumptions table. */
  modelAsWritten?: unknown;
}

export interface RunOutcome {
  dir: string;
  set: ReplicationSet;
  tables: RunTables;
  manifest: RunLikeManifest;
}

/** What a run's or a merge's manifest says beyond the tables' own facts. */
type RunFolderFacts =
  | Omit<RunManifest, 'format' | 'caresim' | 'gitCommit' | 'node' | 'platform' | 'prng' | 'files' | 'raw'>
  | Omit<
      Extract<RunLikeManifest, { command: 'merge' }>,
      'format' | 'caresim' | 'gitCommit' | 'node' | 'platform' | 'prng' | 'files' | 'raw'
    >;

/** Write the results files of a replication set (run, shard or merge) and commit the folder. */
async function writeRunFolder(
  dir: RunDirectory,
  set: ReplicationSet,
  facts: RunFolderFacts,
  raw: boolean,
  charts: boolean,
  beforeCommit?: () => void,
  built?: RunTables,
): Promise<{ tables: RunTables; manifest: RunLikeManifest }> {
  const { tables, periodsCsv, yearsCsv } = writeRunTables(dir, set, facts.seed, built);
  let rawSha256 = '';
  if (raw) {
    // The monthly matrices themselves (float64, little-endian, replication after replication
    // in the order of manifest.raw.reps), so that shards can be merged exactly: written and
    // hashed a replication at a time, so a shard's memory does not grow with its replications.
    const fd = openSync(join(dir.partial, RAW_FILE), 'w');
    const hash = sha256.create();
    try {
      for (let k = 0; k < set.matrices.count; k++) {
        const m = set.matrices.at(k);
        const bytes = new Uint8Array(m.buffer, m.byteOffset, m.byteLength);
        writeSync(fd, bytes);
        hash.update(bytes);
      }
    } finally {
      closeSync(fd);
    }
    dir.record(RAW_FILE);
    rawSha256 = bytesToHex(hash.digest());
  }
  const build = buildFacts();
  if (charts) {
    const source = {
      caresim: build.caresim,
      model: set.prepared.model.name,
      replications: set.reps.length,
      seed: facts.seed,
    };
    const { writeRunCharts } = await import('./chartFiles.ts');
    dir.record(...(await writeRunCharts(dir.partial, periodsCsv, yearsCsv, source)));
  }
  const manifest = {
    ...build,
    ...facts,
    ...(raw
      ? {
          raw: {
            file: RAW_FILE,
            reps: set.reps,
            series: set.defs.map((d) => d.name),
            months: set.months,
            sha256: rawSha256,
          },
        }
      : {}),
    files: [
      ...dir.files,
      ...(charts ? ['report.html', 'report-short.html', 'report.md', 'report.docx', 'results.xlsx'] : []),
      'manifest.json',
    ],
  } as RunLikeManifest;
  dir.write('manifest.json', manifestText(manifest));
  if (charts) {
    const { writeRunReport, writeRunWordReport } = await import('./reportFiles.ts');
    const { writeRunWorkbook } = await import('./workbook.ts');
    writeRunReport(dir.partial);
    await writeRunWordReport(dir.partial);
    await writeRunWorkbook(diskFolder(dir.partial));
  }
  beforeCommit?.();
  dir.commit();
  return { tables, manifest };
}

/**
 * Run, summarise and write. On failure or interrupt the partial folder is removed and the
 * error rethrown, so no complete-looking result is left behind. The replications' matrices are
 * kept in a file while the run lasts (memory flat in replications): the outcome's set has its
 * shape and replications, but its matrices are gone (reading them throws); the tables hold the
 * results. To keep the matrices, run with runModel (in memory) and write with writeRunTables.
 */
export async function executeRun(o: ExecuteOptions): Promise<RunOutcome> {
  const started = new Date();
  const dir = new RunDirectory(o.out ?? defaultRunDir(o.modelFile, started));
  // The replications' matrices go to a file in the partial folder as they arrive, so that the
  // run's memory does not grow with its replications; removed before the folder is committed.
  const stores = fileStores(dir.partial);
  try {
    const prepared = prepare(o.model, o.years);
    const { modelFile: _f, model: _m, years: _y, out: _o, charts: _c, modelAsWritten: _w, ...request } = o;
    const result = await runModel({
      ...request,
      store: stores.factory,
      model: prepared,
      replications: o.replications ?? o.model.run.replications,
      seed: o.seed ?? o.model.run.seed,
    });
    const shard: (Shard & { of: number }) | null = result.shard
      ? { ...result.shard, of: result.replications }
      : null;
    const { tables, manifest } = await writeRunFolder(
      dir,
      result.set,
      {
        command: 'run',
        ...modelFacts(prepared, o.modelFile, result.set, result.seed),
        modelAsWritten: o.modelAsWritten ?? null,
        shard,
        sequentialStopping: result.stopping
          ? { ...result.stopping, metrics: [...result.stopping.metrics] }
          : null,
        ...timing(started),
      },
      shard !== null,
      o.charts !== false,
      stores.removeAll,
      result.tables,
    );
    return { dir: dir.target, set: result.set, tables, manifest };
  } catch (e) {
    stores.removeAll();
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
  const manifests = dirs.map((d) => readManifest(diskFolder(d), ['run']));
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
  if (seen.size !== manifests.length) throw new Error('a shard is given twice');
  if (missing.length > 0)
    throw new Error(`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing`);
  // Every replication once: no two shards holding one, none missing (the manifests' own lists,
  // which a shard index alone does not prove).
  const holder = new Map<number, string>();
  manifests.forEach((m, i) => {
    for (const rep of m.raw!.reps) {
      const other = holder.get(rep);
      if (other !== undefined)
        throw new Error(
          `${other} and ${dirs[i]} both hold replication ${rep}: shards of one run never overlap`,
        );
      holder.set(rep, dirs[i]!);
    }
  });
  const gaps = Array.from({ length: first.shard!.of }, (_, r) => r).filter((r) => !holder.has(r));
  if (gaps.length > 0)
    throw new Error(
      `replication${gaps.length === 1 ? '' : 's'} ${gaps.slice(0, 10).join(', ')}${gaps.length > 10 ? ', …' : ''} of ${first.shard!.of} in no shard given: a shard is missing or incomplete`,
    );
  if (holder.size !== first.shard!.of)
    throw new Error(`the shards hold ${holder.size} replications, not the run's ${first.shard!.of}`);
  const prepared = prepare(first.model as unknown as ModelFile, first.years);
  const set = mergeShards(
    prepared,
    manifests.map((m, i) => {
      const rawInfo = m.raw!;
      const defs = setShape(prepared).defs.map((d) => d.name);
      if (
        rawInfo.series.join() !== defs.join() ||
        rawInfo.months !== prepared.scenario.calendar.monthBreaks.length - 1
      )
        throw new Error(`${dirs[i]}: written by a version of caresim with other result series`);
      const bytes = readFileSync(join(dirs[i]!, rawInfo.file));
      if (rawInfo.sha256 === undefined)
        throw new Error(
          `${dirs[i]}: written before shards recorded a checksum of their raw file: run the shard again`,
        );
      if (bytesToHex(sha256(bytes)) !== rawInfo.sha256)
        throw new Error(
          `${dirs[i]}: ${rawInfo.file} is not the file the run wrote (its checksum differs from the manifest's): it was changed or damaged since; run the shard again`,
        );
      const values = new Float64Array(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      );
      if (values.length !== defs.length * rawInfo.months * rawInfo.reps.length)
        throw new Error(`${dirs[i]}: ${rawInfo.file} has the wrong size`);
      return { reps: rawInfo.reps, values, events: m.events, workers: m.workers };
    }),
    first.seed,
  );
  const dir = new RunDirectory(out);
  try {
    const { tables, manifest } = await writeRunFolder(
      dir,
      set,
      {
        command: 'merge',
        ...modelFacts(prepared, first.modelFile, set, first.seed),
        modelHash: first.modelHash,
        modelAsWritten: first.modelAsWritten ?? null,
        mergedFrom: dirs.map((d, i) => ({ folder: d, shard: manifests[i]!.shard })),
        ...timing(null),
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
