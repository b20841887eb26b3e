// caresim as a user runs it (issue 17): whole processes of the compiled command (dist/, built by
// src/cli/build.mjs), timed from start to exit, with their peak memory.
//
//   start-up: `caresim --version`, and a run --no-charts of a tiny model;
//   M1: the loss system, 1,000 replications of 10 years, against the hand-written loop (yardstick.ts,
//       bundled to plain JavaScript here so neither pays for TypeScript) as a whole process;
//   the Leicestershire baseline, 1,000 replications of 10 years, with charts and reports and without,
//       on 1 and 2 workers;
//   peak memory of a run at 100, 1,000 and 10,000 replications;
//   a national model (3,000 homes, 20 years, 100 replications) in one process, and in two shards run
//       side by side and merged;
//   a sweep: a Latin hypercube of the 15-year baseline.
//
// Peak memory is the process's own peak resident memory (worker threads included), printed by an exit hook.
// Each timing is the best and median of `runs` runs.

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nationalModelText } from './nationalModel.ts';
import { table } from './table.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORK = join(ROOT, 'runs', '.bench');
const BIN = join(ROOT, 'src/cli/bin.js');
// The process's peak resident memory, printed as it exits: VmHWM from /proc where there is one
// (maxRSS from getrusage keeps the parent's figure across exec on Linux, so a small child process
// reported the benchmark's own peak), else maxRSS.
const MAXRSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { readFileSync } from 'node:fs';" +
    "process.on('exit', () => { let kb = process.resourceUsage().maxRSS;" +
    " try { kb = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}" +
    " process.stderr.write('MAXRSS ' + kb + '\\n'); });",
)}`;

interface Timed {
  seconds: number[];
  maxRssMb: number;
}

/** Run a command `runs` times as its own process; its times and the largest peak memory. */
function timed(args: readonly string[], runs: number, before?: () => void): Timed {
  const seconds: number[] = [];
  let maxRss = 0;
  for (let i = 0; i < runs; i++) {
    before?.();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', MAXRSS_HOOK, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    seconds.push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
    const m = /MAXRSS (\d+)/.exec(r.stderr);
    if (m) maxRss = Math.max(maxRss, Number(m[1]) / 1024);
  }
  return { seconds, maxRssMb: maxRss };
}

const best = (t: Timed) => Math.min(...t.seconds);
const median = (t: Timed) => [...t.seconds].sort((a, b) => a - b)[t.seconds.length >> 1]!;
const range = (t: Timed) =>
  t.seconds.length === 1
    ? `${best(t).toFixed(2)} s`
    : `${best(t).toFixed(2)}-${Math.max(...t.seconds).toFixed(2)} s`;

function caresim(args: string[], runs: number, out?: string): Timed {
  return timed(
    [BIN, ...args, ...(out ? ['--out', out] : [])],
    runs,
    out ? () => rmSync(out, { recursive: true, force: true }) : undefined,
  );
}

/** Print every whole-process figure. */
export async function printWholeProcess(quick: boolean): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  try {
    await measure(quick);
  } finally {
    rmSync(WORK, { recursive: true, force: true });
  }
}

async function measure(quick: boolean): Promise<void> {
  const build1 = spawnSync(process.execPath, [join(ROOT, 'src/cli/build.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build1.status !== 0) throw new Error(`the build failed:\n${build1.stderr}`);
  const out = join(WORK, 'out');
  const n = (x: number) => (quick ? Math.max(2, Math.round(x / 10)) : x);
  const runs = quick ? 1 : 3;
  const rows: string[][] = [];
  const row = (label: string, t: Timed) =>
    rows.push([label, range(t), median(t).toFixed(2), Math.round(t.maxRssMb).toString()]);

  console.log('');
  console.log('(f) the command as a user runs it: whole processes of the compiled command (dist/)');
  row('caresim --version', caresim(['--version'], 5));
  row(
    'run --no-charts, loss system, 2 reps x 1 y',
    caresim(
      [
        'run',
        'models/verification/loss-system.yaml',
        '--reps',
        '2',
        '--years',
        '1',
        '--no-charts',
        '--quiet',
      ],
      5,
      out,
    ),
  );

  // M1 against the hand loop, both as whole processes.
  const yardstick = join(WORK, 'yardstick.mjs');
  await build({
    entryPoints: [join(ROOT, 'test/bench/yardstick.ts')],
    outfile: yardstick,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  const m1Reps = n(1000);
  const hand = timed([yardstick, String(m1Reps)], runs);
  const m1 = caresim(
    [
      'run',
      'models/verification/loss-system.yaml',
      '--reps',
      String(m1Reps),
      '--workers',
      '1',
      '--no-charts',
      '--quiet',
    ],
    runs,
    out,
  );
  row(`M1 hand-written loop, ${m1Reps} reps x 10 y`, hand);
  row(`M1 caresim run --no-charts --workers 1`, m1);
  const base = ['run', 'models/leicestershire.yaml', '--reps', String(n(1000)), '--years', '10', '--quiet'];
  for (const workers of ['1', '2']) {
    row(
      `baseline ${n(1000)} x 10 y, charts and reports, ${workers} worker(s)`,
      caresim([...base, '--workers', workers], runs, out),
    );
    row(
      `baseline ${n(1000)} x 10 y, --no-charts, ${workers} worker(s)`,
      caresim([...base, '--workers', workers, '--no-charts'], runs, out),
    );
  }
  for (const reps of quick ? [100, 1000] : [100, 1000, 10_000])
    row(
      `peak memory: baseline ${reps} x 10 y --no-charts`,
      caresim(
        [
          'run',
          'models/leicestershire.yaml',
          '--reps',
          String(reps),
          '--years',
          '10',
          '--no-charts',
          '--quiet',
        ],
        1,
        out,
      ),
    );

  // National: one process, then two shards side by side and a merge.
  const national = join(WORK, 'national.yaml');
  writeFileSync(national, nationalModelText({ homes: 3000, years: 20 }));
  const nReps = String(n(100));
  row(
    `national: 3,000 homes x 20 y x ${nReps} reps, --no-charts`,
    caresim(['run', national, '--reps', nReps, '--no-charts', '--quiet'], 1, out),
  );
  const t0 = performance.now();
  const shards = [0, 1].map((i) => join(WORK, `shard-${i}`));
  for (const s of shards) rmSync(s, { recursive: true, force: true });
  const { spawn } = await import('node:child_process');
  await Promise.all(
    shards.map(
      (dir, i) =>
        new Promise<void>((done, fail) =>
          spawn(
            process.execPath,
            [
              BIN,
              'run',
              national,
              '--reps',
              nReps,
              '--shard',
              `${i}/2`,
              '--workers',
              '1',
              '--no-charts',
              '--quiet',
              '--out',
              dir,
            ],
            { cwd: ROOT, stdio: 'ignore' },
          ).on('exit', (code) => (code === 0 ? done() : fail(new Error(`shard ${i} failed (${code})`)))),
        ),
    ),
  );
  const merged = join(WORK, 'merged');
  rmSync(merged, { recursive: true, force: true });
  const merge = timed([BIN, 'merge', ...shards, '--out', merged], 1);
  row(`national in 2 shards side by side, then merge (with charts)`, {
    seconds: [(performance.now() - t0) / 1000],
    maxRssMb: merge.maxRssMb,
  });

  console.log(table(['command', 'seconds (best-worst)', 'median', 'peak MB'], rows));
  console.log(`  M1 whole process: caresim ${(median(m1) / median(hand)).toFixed(2)}x the hand-written loop`);

  // The sweep: a Latin hypercube of the 15-year baseline.
  const points = quick ? 10 : 100;
  const perPoint = quick ? 20 : 100;
  const sweep = caresim(
    [
      'sweep',
      'models/leicestershire.yaml',
      '--vary',
      'homes.csHome2.beds=2:6:1',
      '--vary',
      'art.capacity.1.children=8:20:1',
      '--lhs',
      String(points),
      '--reps',
      String(perPoint),
      '--years',
      '15',
      '--yes',
      '--quiet',
    ],
    1,
    join(WORK, 'sweep'),
  );
  console.log('');
  console.log(
    `(g) sweep: a Latin hypercube of ${points} points of the 15-year baseline (two beds and the ART varied), ${perPoint} replications a point`,
  );
  console.log(
    `  ${best(sweep).toFixed(1)} s whole process (peak ${Math.round(sweep.maxRssMb)} MB); at 1,000 replications a point, by proportion: at most about ${((best(sweep) * 1000) / perPoint / 60).toFixed(1)} minutes (start-up, pools and charts do not grow with replications)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`)
  await printWholeProcess(process.argv.includes('--quick'));
