import { loadModel } from '../../src/scenario/load.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { Replication } from '../../src/model/replication.ts';
for (const [f, reps] of [['models/verification/loss-system.yaml', 300], ['models/leicestershire.yaml', 30]] as const) {
  const r = loadModel(f);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const s = normalise(r.model, { years: 10 });
  console.log(f, s.horizonDays, s.warmupDays, s.calendar.monthBreaks.length, s.cohorts.length, s.homes.length);
  const sim = new Replication(s);
  console.log('defs', sim.metrics.defs.length, sim.metrics.months);
  let ev = 0;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) { sim.run(1, i); ev += sim.eventsProcessed; }
  const sec = (performance.now() - t0) / 1000;
  console.log(reps, ev / reps, sec, ev / sec, reps / sec);
}
