// Profiling driver: the full model on the reference loss system (or another model file), for
// `node --cpu-prof`. Prints a one-line summary; the profile is the product.
//
// Run: node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx test/bench/profileLoss.ts [replications=300] [model] [years=10]
//      npx tsx test/bench/profileSummary.ts /tmp/prof 15
import { loadModel } from '../../src/scenario/load.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { Replication } from '../../src/model/replication.ts';

const reps = Number(process.argv[2] ?? 300);
const file = process.argv[3] ?? 'models/verification/loss-system.yaml';
const years = Number(process.argv[4] ?? 10);
const loaded = loadModel(file);
if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join('; ')}`);
const sim = new Replication(normalise(loaded.model, { years }));
let events = 0;
const start = performance.now();
for (let rep = 0; rep < reps; rep++) {
  sim.run(1, rep);
  events += sim.eventsProcessed;
}
const seconds = (performance.now() - start) / 1000;
console.log(
  `${file}: ${reps} replications, ${events} events in ${seconds.toFixed(3)} s, ${(events / seconds / 1e6).toFixed(2)} M events/s`,
);
