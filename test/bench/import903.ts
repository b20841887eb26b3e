// Benchmark (e): a large county's ten-year 903 returns, read, checked, merged and calibrated.
// Run alone in a child process (so its peak memory is its own) by run.ts, or directly:
//   npx tsx test/bench/import903.ts [scale]
// Synthetic returns from models/synthetic/county.yaml at `scale` times its referrals and beds
// (20: about 20,000 children and 40,000 episodes over ten years, a large county's return), written
// to CSV files in a scratch folder, then timed: reading the files, checking and merging them, and
// calibrating. Prints and never asserts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { calibrate } from '../../src/data/calibrate.ts';
import { checkReturns } from '../../src/data/check.ts';
import { collectionYearLabel } from '../../src/data/spec903.ts';
import { prepare } from '../../src/experiment/prepared.ts';
import { synthesise, synthReturns } from '../../src/experiment/synth.ts';
import { csv } from '../../src/output/csv.ts';
import { readDataFiles } from '../../src/output/dataFiles.ts';
import { calibration } from '../../src/scenario/schema/calibration.ts';
import { scaledCounty } from '../data/county.ts';

export const IMPORT_PREFIX = 'IMPORT903 ';

const scale = Number(process.argv[2] ?? 20);
const model = scaledCounty(scale);

const dir = mkdtempSync(join(tmpdir(), 'caresim-bench-903-'));
try {
  const r = synthesise({ scenario: prepare(model).scenario, seed: 1, mess: true });
  let rows = 0;
  for (const y of synthReturns(r)) {
    writeFileSync(join(dir, `header_${collectionYearLabel(y.year)}.csv`), csv(y.header));
    writeFileSync(join(dir, `episodes_${collectionYearLabel(y.year)}.csv`), csv(y.episodes));
    rows += y.episodes.length - 1;
  }
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const tables = await readDataFiles([dir]);
  const t1 = performance.now();
  const checked = checkReturns(tables);
  if (!checked.ok) throw new Error('synthetic returns refused');
  const t2 = performance.now();
  const c = calibrate(checked.merged, {
    base: model,
    baseRef: 'base',
    calibration: calibration.parse({}),
    seed: 1,
    dataLabel: 'bench',
  });
  const t3 = performance.now();
  const result = {
    scale,
    children: checked.summary.children,
    episodeRows: rows,
    spells: c.spells,
    readSeconds: (t1 - t0) / 1000,
    checkMergeSeconds: (t2 - t1) / 1000,
    calibrateSeconds: (t3 - t2) / 1000,
    rssBeforeMb: rssBefore / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  console.log(IMPORT_PREFIX + JSON.stringify(result));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
