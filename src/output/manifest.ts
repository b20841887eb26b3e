/**
 * The manifest of a results folder, one schema for every command: what ran (caresim version,
 * commit, Node, platform, generator, streams), on what (model, seed, replications, horizon),
 * when and how long, and which files the folder holds. Written and read only through this
 * module, so a run, a merge, a comparison, a sweep and a sensitivity analysis record the same
 * facts the same way, and a folder written by another version is refused with a clear message.
 */
import { z } from 'zod';
import type { Folder } from './folder.ts';
import { jsonText } from './json.ts';
import { RESULTS_FORMAT } from './summaryFile.ts';

export { RESULTS_FORMAT } from './summaryFile.ts';

/** A parameter drawn once a replication from its belief (beliefs.ts UncertainRecord). */
const uncertainRecord = z.object({
  field: z.string(),
  draw: z.string(),
  value: z.number(),
  stated: z.enum(['belief', 'range']),
  belief: z.record(z.string(), z.unknown()),
  description: z.string(),
  p5: z.number(),
  p95: z.number(),
});

const shard = z.object({ index: z.number().int(), count: z.number().int() });

/** What every manifest records. */
const common = {
  format: z.literal(RESULTS_FORMAT),
  caresim: z.string(),
  gitCommit: z.string().nullable(),
  node: z.string(),
  platform: z.string(),
  prng: z.string(),
  seed: z.number().int(),
  replications: z.number().int(),
  /** The random streams a replication draws from, by name. */
  streams: z.array(z.string()),
  /** The parameters drawn from beliefs, once a replication (empty: every parameter at its central value). */
  uncertain: z.array(uncertainRecord),
  startedAt: z.string().nullable(),
  finishedAt: z.string(),
  seconds: z.number().nullable(),
  files: z.array(z.string()),
};

/** The model of a run: as run (defaults filled in) and as its files wrote it. */
const modelRecord = z.record(z.string(), z.unknown());

const runFields = {
  ...common,
  modelFile: z.string(),
  modelName: z.string(),
  modelHash: z.string(),
  years: z.number(),
  start: z.string(),
  workers: z.number().int(),
  events: z.number(),
  model: modelRecord,
  modelAsWritten: z.unknown().optional(),
  /** The raw monthly matrices of a shard (replications.f64), for merging. */
  raw: z
    .object({
      file: z.string(),
      reps: z.array(z.number().int()),
      series: z.array(z.string()),
      months: z.number().int(),
      /** sha256 of the raw file as written, so that merge refuses one changed since. */
      sha256: z.string().optional(),
    })
    .optional(),
};

/** What `--precision` did: the metrics watched, whether they got precise enough, and the cap. */
const sequentialStopping = z
  .object({
    precision: z.number(),
    metrics: z.array(z.string()),
    reached: z.boolean(),
    stillImprecise: z.array(z.string()),
    cap: z.number(),
  })
  .nullable();

export const runManifest = z.object({
  ...runFields,
  command: z.literal('run'),
  shard: shard.extend({ of: z.number().int() }).nullable(),
  sequentialStopping,
});

export const mergeManifest = z.object({
  ...runFields,
  command: z.literal('merge'),
  mergedFrom: z.array(
    z.object({ folder: z.string(), shard: shard.extend({ of: z.number().int() }).nullable() }),
  ),
});

export const compareManifest = z.object({
  ...common,
  command: z.literal('compare'),
  models: z.array(z.object({ file: z.string(), name: z.string(), hash: z.string() })),
  years: z.number(),
  workers: z.number().int(),
  events: z.number(),
  commonRandomNumbers: z.string(),
  sequentialStopping,
  resolvedModels: z.array(modelRecord),
  modelsAsWritten: z.array(z.unknown()).nullable(),
});

export const sweepManifest = z.object({
  ...common,
  command: z.literal('sweep'),
  modelFile: z.string(),
  modelName: z.string(),
  axes: z.array(z.object({ path: z.string(), values: z.array(z.number()), integer: z.boolean() })),
  design: z.enum(['grid', 'lhs']),
  points: z.number().int(),
  years: z.number().nullable(),
  commonRandomNumbers: z.string(),
  paretoFront: z.array(z.number().int()),
  /** Fields held at their model values that a reader might expect to move with a varied one. */
  heldFixed: z.array(
    z.object({ axis: z.string(), fields: z.array(z.object({ path: z.string(), value: z.number() })) }),
  ),
});

export const sensitivityManifest = z.object({
  ...common,
  command: z.literal('sensitivity'),
  modelFile: z.string(),
  baseFile: z.string().nullable(),
  years: z.number().nullable(),
  targetYear: z.string().nullable(),
  parameters: z.number().int(),
  hangsOn: z.array(z.string()),
});

export const manifest = z.discriminatedUnion('command', [
  runManifest,
  mergeManifest,
  compareManifest,
  sweepManifest,
  sensitivityManifest,
]);

export type Manifest = z.infer<typeof manifest>;
export type RunManifest = z.infer<typeof runManifest>;
export type MergeManifest = z.infer<typeof mergeManifest>;
export type CompareManifest = z.infer<typeof compareManifest>;
export type SweepManifest = z.infer<typeof sweepManifest>;
export type SensitivityManifest = z.infer<typeof sensitivityManifest>;
/** The manifest of a folder with a run's tables (a run or a merge of shards). */
export type RunLikeManifest = RunManifest | MergeManifest;

/** A timing: when the work started and ended, and the seconds between. */
export function timing(started: Date | null, finished = new Date()) {
  return {
    startedAt: started?.toISOString() ?? null,
    finishedAt: finished.toISOString(),
    seconds: started ? (finished.getTime() - started.getTime()) / 1000 : null,
  };
}

/**
 * The manifest as written: checked against its schema (a mistake in caresim, not in the
 * user's input, if it fails), two-space JSON with a final newline.
 */
export function manifestText(m: Manifest): string {
  return jsonText(manifest.parse(m));
}

/**
 * Read and check a results folder's manifest.
 * @param expect the commands whose folders are acceptable here, for the message
 * @throws Error naming the folder and what is wrong (none, not JSON, another format or command)
 */
export function readManifest<C extends Manifest['command']>(
  folder: Folder,
  expect: readonly C[],
): Extract<Manifest, { command: C }> {
  const dir = folder.name;
  const file = folder.path('manifest.json');
  const what = expect.map((c) => `caresim ${c}`).join(' or ');
  if (!folder.has('manifest.json'))
    throw new Error(`${dir}: no manifest.json (not the results folder of ${what})`);
  let data: unknown;
  try {
    data = JSON.parse(folder.text('manifest.json'));
  } catch (e) {
    throw new Error(
      `${file}: damaged or cut short, not a manifest caresim can read (${e instanceof Error ? e.message : String(e)}): run the command that made it again`,
      {
        cause: e,
      },
    );
  }
  const format = (data as { format?: unknown } | null)?.format;
  if (format !== RESULTS_FORMAT)
    throw new Error(
      `${file}: results format ${JSON.stringify(format)}, not ${RESULTS_FORMAT}: written by another version of caresim`,
    );
  const parsed = manifest.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new Error(
      `${file}: ${first.path.join('.') || 'the manifest'}: ${first.message} (written by another version of caresim, or edited)`,
    );
  }
  if (!(expect as readonly string[]).includes(parsed.data.command))
    throw new Error(`${dir}: the results folder of caresim ${parsed.data.command}, not of ${what}`);
  return parsed.data as Extract<Manifest, { command: C }>;
}
