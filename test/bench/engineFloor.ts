// The engine's floor: the reference loss system (one home of 23 beds, Poisson referrals at 0.5 a day,
// exponential stays of mean 40 days, a one-year warm-up then 10 years) written directly on caresim's engine
// parts (the event calendar, the results ledger, named streams, the arrival generator and the compiled
// samplers) with none of the care model. It keeps what the full model keeps for this system (occupancy and
// out-of-county levels, a cost rate, referral and placement counts by month) and, like the full model, places
// the overflow out of county until its stay ends.
//
// Between the yardstick (a bare loop, yardstick.ts) and the full model, it tells how much of the full
// model's cost is the engine and how much the care model's logic. Not used by caresim itself.
//
// Run: npx tsx test/bench/engineFloor.ts [replications] [seed]

import { pathToFileURL } from 'node:url';
import { PiecewiseRateArrivals } from '../../src/engine/arrivals.ts';
import { EventQueue } from '../../src/engine/eventQueue.ts';
import { PeriodLedger } from '../../src/engine/periodLedger.ts';
import { compile, sample } from '../../src/random/distributions.ts';
import { createStream } from '../../src/random/streams.ts';
import { BEDS, LOSS_SYSTEM_SPAN, MEAN_STAY_DAYS, REFERRALS_PER_DAY } from './yardstick.ts';

const LOCAL = 1;
const AWAY = 2;
// Ledger rows.
const LEVEL_HOME = 0;
const LEVEL_AWAY = 1;
const LEVEL_COST = 2;
const COUNT_REFERRALS = 0;
const COUNT_LOCAL = 1;
const COUNT_AWAY = 2;

export interface FloorResult {
  reps: number;
  seconds: number;
  repsPerSecond: number;
  /** Share of referrals after the warm-up placed out of county (checks the loop against Erlang B). */
  overflowShare: number;
}

/**
 * Run the floor loop.
 * @param reps number of replications.
 * @param seed master seed (streams named as the full model names them).
 */
export function runEngineFloor(reps: number, seed: number): FloorResult {
  const warmup = LOSS_SYSTEM_SPAN.warmupDays;
  const horizon = LOSS_SYSTEM_SPAN.horizonDays;
  const months = Float64Array.from({ length: 121 }, (_, k) => (k * horizon) / 120);
  const arrivals = new PiecewiseRateArrivals(
    Float64Array.of(-warmup, horizon),
    Float64Array.of(REFERRALS_PER_DAY),
  );
  const stay = compile({ type: 'exponential', mean: MEAN_STAY_DAYS });
  const price = compile({ type: 'fixed', value: 0 });
  const queue = new EventQueue(256);
  const ledger = new PeriodLedger(months, 3, 3, -warmup);
  let capacity = 4096;
  let at = new Uint8Array(capacity);
  let priceU = new Float64Array(capacity);
  let pricePerDay = new Float64Array(capacity);
  let referred = 0;
  let overflow = 0;
  const start = performance.now();
  for (let rep = 0; rep < reps; rep++) {
    queue.clear(-warmup);
    ledger.reset(-warmup);
    const arrivalStream = createStream(seed, rep, 'arrivals/any');
    const priceStream = createStream(seed, rep, 'price/any');
    const stayStream = createStream(seed, rep, 'stay/any');
    let next = arrivals.next(-warmup, arrivalStream.next());
    let occupied = 0;
    let children = 0;
    for (;;) {
      if (next < (queue.size > 0 ? queue.peekTime() : Infinity)) {
        const t = next;
        if (t >= horizon) break;
        ledger.at(t);
        next = arrivals.next(t, arrivalStream.next());
        if (children === capacity) {
          capacity *= 2;
          at = grow(at, capacity);
          priceU = grow(priceU, capacity);
          pricePerDay = grow(pricePerDay, capacity);
        }
        const id = children++;
        priceU[id] = priceStream.next();
        const days = sample(stay, stayStream.next());
        ledger.count(COUNT_REFERRALS, 1);
        if (t >= 0) referred++;
        if (occupied < BEDS) {
          occupied++;
          at[id] = LOCAL;
          ledger.level(LEVEL_HOME, 1);
          ledger.count(COUNT_LOCAL, 1);
        } else {
          at[id] = AWAY;
          const p = sample(price, priceU[id]!) / 7;
          pricePerDay[id] = p;
          ledger.level(LEVEL_AWAY, 1);
          ledger.level(LEVEL_COST, p);
          ledger.count(COUNT_AWAY, 1);
          if (t >= 0) overflow++;
        }
        queue.push(t + days, 1, 1, id, 0);
        continue;
      }
      if (!queue.pop()) break;
      const t = queue.time;
      if (t >= horizon) break;
      ledger.at(t);
      const id = queue.entity;
      if (at[id] === LOCAL) {
        occupied--;
        ledger.level(LEVEL_HOME, -1);
      } else {
        ledger.level(LEVEL_AWAY, -1);
        ledger.level(LEVEL_COST, -pricePerDay[id]!);
      }
      at[id] = 0;
    }
    ledger.close(horizon);
  }
  const seconds = (performance.now() - start) / 1000;
  return { reps, seconds, repsPerSecond: reps / seconds, overflowShare: overflow / referred };
}

function grow<T extends Uint8Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = runEngineFloor(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 1));
  console.log(
    `engine floor: ${r.reps} replications in ${r.seconds.toFixed(3)} s, ${r.repsPerSecond.toFixed(0)} reps/s, overflow share ${r.overflowShare.toFixed(5)}`,
  );
}
