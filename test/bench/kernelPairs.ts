// The loss system three ways, timed in turn in one process: the full model, the engine's parts alone
// (engineFloor.ts) and the hand-written loop (yardstick.ts), with the ratios of their replications per
// second. nativeMath.ts bundles this file twice, with the portable elementary functions and with V8's own,
// to show what the portable ones cost.
//
// Run: npx tsx test/bench/kernelPairs.ts [rounds=4] [replications=1000]

import { Replication } from '../../src/model/replication.ts';
import { loadModel } from '../../src/scenario/load.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { runEngineFloor } from './engineFloor.ts';
import { runYardstick } from './yardstick.ts';

// Relative to the project folder, which the scripts run from (a bundle's import.meta.url is its own file's).
const MODEL = 'models/verification/loss-system.yaml';

/** Replications per second of each, in rounds. */
export function kernelPairs(
  rounds: number,
  reps: number,
): { full: number; floor: number; yardstick: number }[] {
  const loaded = loadModel(MODEL);
  if (!loaded.ok) throw new Error('the loss system does not validate');
  const sim = new Replication(normalise(loaded.model));
  const full = (n: number) => {
    const t = performance.now();
    for (let r = 0; r < n; r++) sim.run(1, r);
    return n / ((performance.now() - t) / 1000);
  };
  full(50);
  runYardstick(50, 1);
  runEngineFloor(50, 1);
  return Array.from({ length: rounds }, () => ({
    full: full(reps),
    floor: runEngineFloor(reps, 1).repsPerSecond,
    yardstick: runYardstick(reps, 1).repsPerSecond,
  }));
}

if (process.argv[1] !== undefined && import.meta.url === `file://${process.argv[1]}`) {
  for (const r of kernelPairs(Number(process.argv[2] ?? 4), Number(process.argv[3] ?? 1000)))
    console.log(
      `full model ${r.full.toFixed(0)}/s, engine floor ${r.floor.toFixed(0)}/s, yardstick ${r.yardstick.toFixed(0)}/s: ` +
        `full / yardstick ${(r.full / r.yardstick).toFixed(3)}, floor / yardstick ${(r.floor / r.yardstick).toFixed(3)}`,
    );
}
