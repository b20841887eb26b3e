// Micro-benchmarks of the engine's hot operations, printed as operations per second. No assertions:
// timings on shared machines are noisy, so each figure is the best of three runs of about 0.2 s each,
// after a warm-up run that lets the JIT optimise.
//
//   event queue  the "hold" model (Jones 1986): pop the next event and push one at time + Exp(1), keeping
//                the calendar at a fixed size; one op = one pop + one push.
//   random       stream.next(), and sample() per distribution with precomputed uniforms (so the figure
//                is the sampler alone; add the stream's cost for a real draw).
//   results      PeriodLedger: one event's updates (clock, two levels, one count) over 120 monthly
//                periods, and the per-replication reset and close.
//   arrivals     PiecewiseRateArrivals.next over 120 monthly rates.
//
// Run: npx tsx test/bench/engineMicro.ts

import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import { pathToFileURL } from 'node:url';
import { PiecewiseRateArrivals } from '../../src/engine/arrivals.ts';
import { EventQueue } from '../../src/engine/eventQueue.ts';
import { PeriodLedger } from '../../src/engine/periodLedger.ts';
import { compile, sample, type Distribution } from '../../src/random/distributions.ts';
import { createStream } from '../../src/random/streams.ts';

const MASK = (1 << 16) - 1;
const stream = createStream(1, 0, 'bench');
/** 65,536 uniforms, and as many Exp(1) variates, drawn once so the loops below time only their subject. */
const UNIFORMS = Float64Array.from({ length: MASK + 1 }, () => stream.next());
const EXPONENTIALS = UNIFORMS.map((u) => -Math.log(u));

let sink = 0; // results are accumulated here so the JIT cannot drop the work

/**
 * Time `run(n)`, which performs n operations, and return the best rate of three runs in operations per
 * second. n is calibrated so that a run lasts about 0.2 s.
 */
function measure(run: (n: number) => number): number {
  let n = 1000;
  for (;;) {
    const t0 = performance.now();
    sink += run(n);
    const ms = performance.now() - t0;
    if (ms > 50) {
      n = Math.ceil((n * 200) / ms);
      break;
    }
    n *= 4;
  }
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    sink += run(n);
    const rate = n / ((performance.now() - t0) / 1000);
    if (rate > best) best = rate;
  }
  return best;
}

function row(label: string, opsPerSecond: number): void {
  const millions = (opsPerSecond / 1e6).toFixed(opsPerSecond < 1e7 ? 2 : 1);
  console.log(
    `  ${label.padEnd(40)} ${millions.padStart(7)} M ops/s  ${(1e9 / opsPerSecond).toFixed(1).padStart(7)} ns/op`,
  );
}

function holdModel(pending: number): (n: number) => number {
  const queue = new EventQueue();
  return (n) => {
    queue.clear();
    for (let i = 0; i < pending; i++) queue.push(EXPONENTIALS[i], i & 3, 1, i, 0);
    for (let i = 0; i < n; i++) {
      queue.pop();
      queue.push(queue.time + EXPONENTIALS[i & MASK], i & 3, 1, queue.entity, queue.tag);
    }
    return queue.time;
  };
}

const DISTRIBUTIONS: Record<string, Distribution> = {
  fixed: { type: 'fixed', value: 14 },
  exponential: { type: 'exponential', mean: 40 },
  uniform: { type: 'uniform', min: 10, max: 30 },
  triangular: { type: 'triangular', min: 0, mode: 10, max: 40 },
  normal: { type: 'normal', mean: 10, sd: 2 },
  'normal truncated [5, 12]': { type: 'normal', mean: 10, sd: 3, min: 5, max: 12 },
  lognormal: { type: 'lognormal', mean: 40, sd: 25 },
  'gamma (table)': { type: 'gamma', shape: 2, scale: 30 },
  'gamma shape 0.02 (direct)': { type: 'gamma', shape: 0.02, scale: 30 },
  weibull: { type: 'weibull', shape: 1.5, scale: 30 },
  'empirical discrete (8 values)': {
    type: 'empirical',
    values: [1, 2, 3, 5, 8, 13, 21, 34],
    probabilities: [0.1, 0.2, 0.2, 0.15, 0.15, 0.1, 0.05, 0.05],
    interpolate: false,
  },
  'empirical interpolated (8 points)': {
    type: 'empirical',
    values: [0, 7, 14, 30, 60, 90, 180, 365],
    probabilities: [0, 0.1, 0.15, 0.2, 0.2, 0.15, 0.1, 0.1],
    interpolate: true,
  },
};

/** Print every micro-benchmark. */
export function printEngineMicro(): void {
  console.log('event queue (hold model; one op = pop + push)');
  for (const pending of [30, 1000]) row(`${pending} pending events`, measure(holdModel(pending)));

  console.log('random');
  row(
    'stream.next()',
    measure((n) => {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += stream.next();
      return acc;
    }),
  );
  for (const [name, d] of Object.entries(DISTRIBUTIONS)) {
    const c = compile(d);
    row(
      `sample: ${name}`,
      measure((n) => {
        let acc = 0;
        for (let i = 0; i < n; i++) acc += sample(c, UNIFORMS[i & MASK]);
        return acc;
      }),
    );
  }
  row(
    '(reference) @stdlib gamma quantile',
    measure((n) => {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += gammaQuantile(UNIFORMS[i & MASK], 2, 1 / 30);
      return acc;
    }),
  );

  console.log('accumulators and arrivals (10 years in 120 monthly bins)');
  const months = Float64Array.from({ length: 121 }, (_, k) => k * (3652.5 / 120));
  // One event's worth of results: the clock moved once, then two level changes and one count (a
  // placement: the home's level, the cohort's level, the placements count). One op = one event.
  const ledger = new PeriodLedger(months, 2, 1, 0);
  row(
    'PeriodLedger at + 2 levels + 1 count',
    measure((n) => {
      ledger.reset(0);
      const dt = 3652.5 / n;
      for (let i = 0; i < n; i++) {
        const d = (i & 1) === 0 ? 1 : -1;
        ledger.at(i * dt);
        ledger.level(0, d);
        ledger.level(1, d);
        ledger.count(0, 1);
      }
      ledger.close(3652.5);
      return ledger.area(0, 0);
    }),
  );
  row(
    'PeriodLedger reset + close (3 series)',
    measure((n) => {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        ledger.reset(0);
        ledger.close(3652.5);
        acc += ledger.area(1, 119);
      }
      return acc;
    }),
  );
  const rates = Float64Array.from({ length: 120 }, (_, k) => 0.4 + 0.2 * Math.sin(k / 6));
  const arrivals = new PiecewiseRateArrivals(months, rates);
  row(
    'PiecewiseRateArrivals.next',
    measure((n) => {
      let t = 0;
      let count = 0;
      for (let i = 0; i < n; i++) {
        t = arrivals.next(t, UNIFORMS[i & MASK]);
        if (t === Infinity) t = 0; // wrap: a new replication
        count++;
      }
      return count + t;
    }),
  );
  if (sink === 0.123456789) console.log(''); // keep `sink` observable
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printEngineMicro();
}
