// Fingerprints of the results files at fixed seeds: sha256 of each file a run, a comparison, a
// sweep and a sensitivity analysis write, for every shipped model. A change of structure or speed
// must leave every one unchanged (fingerprints.test.ts); a change to the model on purpose must say
// which moved. `npx tsx test/fingerprints/take.ts > test/fingerprints/fingerprints.json` takes them
// again (only after such a change, with the reason in the commit).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAxis } from '../../src/experiment/sweep.ts';
import { executeCompare } from '../../src/output/compareFolder.ts';
import { executeRun } from '../../src/output/runFolder.ts';
import { executeSensitivity } from '../../src/output/sensitivityFolder.ts';
import { executeSweep } from '../../src/output/sweepFolder.ts';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';

/** Every shipped model a run is fingerprinted for. */
export const RUN_MODELS = [
  'models/leicestershire.yaml',
  'models/verification/loss-system.yaml',
  'models/verification/erlang-c.yaml',
  'models/verification/infinite-beds.json',
  'models/scenarios/do-nothing.yaml',
  'models/scenarios/double-art.yaml',
  'models/scenarios/march-2025-plan.yaml',
  'models/scenarios/openings-slip.yaml',
  'models/scenarios/re-register.yaml',
  'models/scenarios/sell-places.yaml',
  'models/scenarios/two-more-homes.yaml',
  'models/properties-2021/assessment-unit.yaml',
  'models/properties-2021/do-nothing.yaml',
  'models/properties-2021/family-centre.yaml',
  'models/properties-2021/sixteen-plus-home.yaml',
  'models/properties-2021/under16-home.yaml',
];
export const RUN_FILES = ['summary.json', 'periods.csv', 'years.csv', 'replications.csv'];
const COMPARE_FILES = ['compare.json', 'compare-years.csv', 'compare-costs.csv', 'compare-replications.csv'];
const SEED = 20261129;
const REPS = 12;

export type Fingerprints = Record<string, Record<string, string>>;

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function loaded(file: string) {
  const r = loadModel(file);
  if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
  return r;
}

const hashes = (dir: string, files: readonly string[]) =>
  Object.fromEntries(files.map((f) => [f, sha256(join(dir, f))]));

/** Run every case into a scratch folder and hash its results files. */
export async function takeFingerprints(): Promise<Fingerprints> {
  const root = mkdtempSync(join(tmpdir(), 'caresim-fingerprints-'));
  const out: Fingerprints = {};
  try {
    for (const [i, file] of RUN_MODELS.entries()) {
      const r = loaded(file);
      const o = await executeRun({
        modelFile: file,
        model: r.model,
        replications: REPS,
        seed: SEED,
        workers: 1,
        charts: false,
        out: join(root, `run-${i}`),
      });
      out[`run ${file}`] = hashes(o.dir, RUN_FILES);
    }
    const files = [
      'models/scenarios/do-nothing.yaml',
      'models/leicestershire.yaml',
      'models/scenarios/march-2025-plan.yaml',
      'models/scenarios/two-more-homes.yaml',
    ];
    const compared = await executeCompare({
      files,
      models: files.map((f) => loaded(f).model),
      replications: REPS,
      seed: SEED,
      workers: 1,
      charts: false,
      out: join(root, 'compare'),
    });
    out[`compare ${files.join(' ')}`] = hashes(compared.dir, COMPARE_FILES);
    const base = loaded('models/leicestershire.yaml');
    const swept = await executeSweep({
      modelFile: 'models/leicestershire.yaml',
      modelName: base.model.name,
      raw: base.raw,
      axes: ['art.capacity.1.children=8,16', 'homes.csHome2.beds=2:3:1'].map(parseAxis),
      design: 'grid',
      replications: 6,
      seed: SEED,
      years: 4,
      workers: 1,
      questions: { maxOverflowChance: 0.5, minimise: ['cost.total'] },
      out: join(root, 'sweep'),
    });
    out['sweep models/leicestershire.yaml art.capacity.1.children homes.csHome2.beds'] = hashes(swept.dir, [
      'sweep.csv',
      'answers.json',
    ]);
    const plan = loaded('models/scenarios/march-2025-plan.yaml');
    const sensed = await executeSensitivity({
      modelFile: 'models/scenarios/march-2025-plan.yaml',
      modelName: plan.model.name,
      raw: plan.raw,
      baseRaw: loaded('models/scenarios/do-nothing.yaml').raw,
      baseFile: 'models/scenarios/do-nothing.yaml',
      replications: 4,
      seed: SEED,
      years: 4,
      workers: 1,
      out: join(root, 'sensitivity'),
    });
    out['sensitivity models/scenarios/march-2025-plan.yaml against do-nothing'] = hashes(sensed.dir, [
      'sensitivity.csv',
    ]);
    return out;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.stdout.write(`${JSON.stringify(await takeFingerprints(), null, 2)}\n`);
