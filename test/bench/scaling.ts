// How a replication's cost per event grows with the system (issue 17): the generated model of
// nationalModel.ts at 8, 80, 800 and 3,000 homes of 3 beds, demand scaled with the beds (offered
// load 1.05 of them, so homes are mostly full and some children overflow), for each matching
// policy, with and without repatriation and a waiting list. A search that asks every home costs
// more per event the more homes there are; an indexed one should cost about the same.
//
// Each case: one replication to warm up, then replications until half a second has passed (at
// least three), in this process; ns per event = time / events.
//
// Run: npx tsx test/bench/scaling.ts [--quick]   (also part of npm run bench)

import { pathToFileURL } from 'node:url';
import { Replication } from '../../src/model/replication.ts';
import { validateModelData } from '../../src/scenario/load.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { nationalModel, type NationalOptions } from './nationalModel.ts';

export const SIZES = [8, 80, 800, 3000] as const;
const POLICIES = ['listed', 'fewestFreeBeds', 'mostFreeBeds'] as const;
const VARIANTS = [
  { name: 'plain', repatriation: false, waitDays: 0 },
  { name: 'repatriation', repatriation: true, waitDays: 0 },
  { name: 'waiting 28 d', repatriation: false, waitDays: 28 },
  { name: 'both', repatriation: true, waitDays: 28 },
] as const;

/** ns per event of one generated model. */
export function nsPerEvent(o: NationalOptions, seconds = 0.5): { ns: number; eventsPerRep: number } {
  const v = validateModelData(nationalModel(o));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const sim = new Replication(normalise(v.model));
  const out = sim.run(1, 0);
  let events = 0;
  let reps = 0;
  const t0 = performance.now();
  while (reps < 3 || performance.now() - t0 < seconds * 1000) {
    sim.run(1, ++reps, null, out);
    events += sim.eventsProcessed;
  }
  const ns = ((performance.now() - t0) * 1e6) / events;
  return { ns, eventsPerRep: events / reps };
}

/** Print the table. */
export function printScaling(quick = false): void {
  const years = quick ? 2 : 5;
  const seconds = quick ? 0.1 : 0.5;
  console.log(
    `\nns per event by homes (3 beds each, demand scaled to 1.05 x the beds, ${years} years after a 2-year warm-up)`,
  );
  const head = ['matching', 'variant', ...SIZES.map((n) => `${n} homes`), `${SIZES.at(-1)}/${SIZES[0]}`];
  console.log(head.map((h, i) => (i < 2 ? h.padEnd(15) : h.padStart(11))).join(''));
  for (const matching of POLICIES)
    for (const variant of VARIANTS) {
      const ns = SIZES.map(
        (homes) =>
          nsPerEvent(
            {
              homes,
              matching,
              repatriation: variant.repatriation,
              waitDays: variant.waitDays,
              load: 1.05,
              years,
            },
            seconds,
          ).ns,
      );
      console.log(
        [
          matching.padEnd(15),
          variant.name.padEnd(15),
          ...ns.map((x) => x.toFixed(0).padStart(11)),
          `${(ns.at(-1)! / ns[0]!).toFixed(2)}x`.padStart(11),
        ].join(''),
      );
    }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) printScaling(process.argv.includes('--quick'));
