// The care model against queueing theory (see queueing.ts for the formulas and their source).
//
// The verification models (models/verification/) are one home, Poisson referrals at 0.5 a day and
// stays of mean 40 days, so the offered load is a = 20 children, with a year of warm-up so the
// reported horizon starts in steady state. Every tolerance is Z = 4 standard errors of the mean over
// R independent replications, the standard error computed from the replications themselves
// (helpers.ts): nothing here is a guessed number of decimal places.

import { describe, expect, it } from 'vitest';
import type { Replication } from '../../src/model/replication.ts';
import {
  ERLANG_C,
  INFINITE,
  LOSS,
  estimate,
  expectWithin,
  rawModel,
  replicate,
  simulator,
  simulatorOf,
  timeMean,
  total,
} from './helpers.ts';
import { erlangB, erlangC, mmcMeanQueue, mmcMeanWait, poissonPmf } from './queueing.ts';

const SEED = 1;
const A = 20; // offered load: 0.5 referrals a day x 40 days
const BEDS = 23;
const LAMBDA = 182.62125 / 365.2425; // referrals a day, as written in the verification models
const TIMEOUT = 60_000;

describe('queueing formulas (queueing.ts)', () => {
  it('match values known in closed form or from tables', () => {
    // B(1, a) = a / (1 + a); B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2.
    expect(erlangB(1, 3)).toBeCloseTo(3 / 4, 14);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 14);
    expect(erlangB(0, 5)).toBe(1);
    // Erlang B tables (e.g. Gross et al., or any traffic table): 10 lines offered 5 erlangs block 1.84%.
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6);
    // M/M/1: P(wait) = rho, Wq = rho / (mu - lambda); M/M/2 with rho = 1/2: P(wait) = 2 rho^2 / (1 + rho) = 1/3.
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 14);
    expect(mmcMeanWait(1, 0.5, 1)).toBeCloseTo(1, 14);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
    // Little's law inside the formulas: Lq = lambda Wq with lambda = a / mean service.
    expect(mmcMeanQueue(23, 20)).toBeCloseTo((20 / 40) * mmcMeanWait(23, 20, 40), 12);
    expect(() => erlangC(3, 3)).toThrow(RangeError);
  });

  it('give Erlang B(23, 20) = 0.08493, agreeing with the textbook factorial form', () => {
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= BEDS; k++) {
      term *= A / k;
      sum += term;
    }
    expect(erlangB(BEDS, A)).toBeCloseTo(term / sum, 14);
    expect(erlangB(BEDS, A)).toBeCloseTo(0.08493, 5);
  });

  it('give a Poisson pmf that sums to 1 with mean and variance m', () => {
    let s = 0;
    let m1 = 0;
    let m2 = 0;
    for (let k = 0; k < 200; k++) {
      const p = poissonPmf(k, A);
      s += p;
      m1 += k * p;
      m2 += k * k * p;
    }
    expect(s).toBeCloseTo(1, 12);
    expect(m1).toBeCloseTo(A, 10);
    expect(m2 - m1 * m1).toBeCloseTo(A, 9);
    expect(poissonPmf(0, A)).toBeCloseTo(Math.exp(-A), 20);
  });
});

/** Overflow share and mean local occupancy of each replication of a loss system. */
function lossRun(sim: Replication, R: number) {
  const share: number[] = [];
  const occupancy: number[] = [];
  replicate(sim, SEED, R, (out) => {
    share.push(total(sim, out, 'overflow.allFull') / total(sim, out, 'referrals'));
    occupancy.push(timeMean(sim, out, 'occupancy.local'));
    return 0;
  });
  return { share: estimate(share), occupancy: estimate(occupancy) };
}

/** The loss system with another stay distribution of mean 40 days. */
function lossWithStay(stay: Record<string, unknown>): Replication {
  const raw = rawModel(LOSS);
  raw.cohorts.any.pathway.stay = { unit: 'days', ...stay };
  return simulatorOf(raw);
}

describe('pure loss system (M/G/23/23): Erlang B', () => {
  const B = erlangB(BEDS, A);

  it(
    'overflows B(23, 20) = 0.08493 of referrals and keeps 20 (1 - B) children in the home, with exponential stays',
    () => {
      // 200 replications of 10 years (about 1,800 referrals each).
      const { share, occupancy } = lossRun(simulator(LOSS), 200);
      expectWithin(share, B, 'overflow share');
      expectWithin(occupancy, A * (1 - B), 'mean local occupancy');
    },
    TIMEOUT,
  );

  // Erlang's loss formula depends on the stay distribution only through its mean (insensitivity).
  it.each([
    ['lognormal, sd 60', { type: 'lognormal', mean: 40, sd: 60 }],
    ['fixed 40 days', { type: 'fixed', value: 40 }],
    ['gamma, shape 2, scale 20', { type: 'gamma', shape: 2, scale: 20 }],
    ['uniform on [0, 80]', { type: 'uniform', min: 0, max: 80 }],
  ])(
    'is insensitive to the stay distribution beyond its mean: %s',
    (_label, stay) => {
      const { share, occupancy } = lossRun(lossWithStay(stay), 200);
      expectWithin(share, B, 'overflow share');
      expectWithin(occupancy, A * (1 - B), 'mean local occupancy');
    },
    TIMEOUT,
  );
});

describe('waiting-list system (M/M/23, unlimited waiting): Erlang C', () => {
  // `erlang-c.yaml` says "Erlang C(23, 20) gives the chance a referral waits and the mean wait", and
  // a child waiting is placed FIFO when a bed frees. Theory: P(wait) = C(23, 20) = 0.4157, mean wait
  // Wq = C x 40 / 3 = 5.54 days over all referrals (13.33 days for those who wait), Lq = 2.77
  // waiting, and every child is placed for their whole stay, so mean occupancy = a = 20.
  //
  // These tests found a bug, now fixed: the stay was counted from the referral, so a wait ate into
  // it and a child whose need ended while waiting was placed for zero days (P(wait) was 0.276).
  // A child's need now counts down only while placed (replication.ts, needLeft), as a service
  // time starts when service starts.
  const C = erlangC(BEDS, A);
  let cache: ReturnType<typeof erlangCRun> | undefined;
  const results = () => (cache ??= erlangCRun());

  function erlangCRun() {
    const sim = simulator(ERLANG_C);
    const pWait: number[] = [];
    const wait: number[] = [];
    const waitIfWaited: number[] = [];
    const queue: number[] = [];
    const occupancy: number[] = [];
    replicate(sim, SEED, 200, (out) => {
      const referrals = total(sim, out, 'referrals');
      const ended = total(sim, out, 'waits.ended');
      const days = total(sim, out, 'waits.days');
      pWait.push(ended / referrals);
      wait.push(days / referrals);
      waitIfWaited.push(days / ended);
      queue.push(timeMean(sim, out, 'waiting.local'));
      occupancy.push(timeMean(sim, out, 'occupancy.local'));
      return 0;
    });
    return {
      pWait: estimate(pWait),
      wait: estimate(wait),
      waitIfWaited: estimate(waitIfWaited),
      queue: estimate(queue),
      occupancy: estimate(occupancy),
    };
  }

  it('never sends a child out of county (the wait is unlimited)', () => {
    const sim = simulator(ERLANG_C, { years: 5 });
    for (let rep = 0; rep < 5; rep++)
      expect(total(sim, sim.run(SEED, rep), 'placements.outOfCounty')).toBe(0);
  });

  it(
    'makes C(23, 20) = 0.4157 of referrals wait',
    () => {
      expectWithin(results().pWait, C, 'probability of waiting');
    },
    TIMEOUT,
  );

  it(
    'gives a mean wait of Wq = 5.54 days (13.33 days for those who wait)',
    () => {
      expectWithin(results().wait, mmcMeanWait(BEDS, A, 40), 'mean wait, all referrals');
      expectWithin(results().waitIfWaited, 40 / (BEDS - A), 'mean wait of those who wait');
    },
    TIMEOUT,
  );

  it(
    'keeps Lq = 2.77 children waiting on average',
    () => {
      expectWithin(results().queue, mmcMeanQueue(BEDS, A), 'mean number waiting');
    },
    TIMEOUT,
  );

  it(
    'keeps a = 20 children in the home on average, every child being placed for their whole stay',
    () => {
      expectWithin(results().occupancy, A, 'mean local occupancy');
    },
    TIMEOUT,
  );

  it('never places a waiting child whose need has already ended (no zero-day placements)', () => {
    // With continuous stays a placement of exactly zero days has probability 0, unless the model
    // places children whose need ended while they waited.
    const sim = simulator(ERLANG_C, { years: 5 });
    const placedAt = new Map<number, number>();
    let zeroDay = 0;
    let placed = 0;
    for (let rep = 0; rep < 5; rep++) {
      placedAt.clear();
      sim.run(SEED, rep, (day, child, event) => {
        if (event === 'placed locally') {
          placed++;
          placedAt.set(child, day);
        } else if (event === 'placement ends as planned' && placedAt.get(child) === day) zeroDay++;
      });
    }
    expect(placed).toBeGreaterThan(0);
    expect(zeroDay, `${zeroDay} of ${placed} local placements lasted zero days`).toBe(0);
  });
});

describe('infinite beds (M/M/∞): occupancy is Poisson with mean = variance = 20', () => {
  it(
    'has the Poisson(20) distribution of occupancy over time',
    () => {
      // The occupancy level is followed exactly through the trace: every change of occupancy is an
      // event, and the state read in the last callback at a time is the state until the next event.
      // Per replication: the share of the reported horizon spent at each level k.
      const sim = simulator(INFINITE);
      const H = sim.s.horizonDays;
      const R = 100;
      const KMAX = 80;
      const shares: Float64Array[] = [];
      const means: number[] = [];
      for (let rep = 0; rep < R; rep++) {
        const time = new Float64Array(KMAX);
        let last = 0;
        let level = 0;
        const out = sim.run(SEED, rep, (day) => {
          if (day > last) {
            time[level]! += day - last;
            last = day;
          }
          level = sim.homeOccupancy()[0]!;
        });
        time[level]! += H - last;
        const p = time.map((x) => x / H);
        shares.push(p);
        const m = p.reduce((acc, pk, k) => acc + k * pk, 0);
        // The trace-based level and the model's own time-weighted accumulator agree.
        expect(Math.abs(m - timeMean(sim, out, 'occupancy.local'))).toBeLessThan(1e-9);
        means.push(m);
      }
      const mean = estimate(means);
      expectWithin(mean, A, 'mean occupancy');
      // Variance about the grand mean (a replication's own mean would bias it low by the variance of
      // a 10-year time average, 2 x 20 x 40 / 3652 = 0.44, about 1.5 SE).
      const variance = estimate(
        shares.map((p) => p.reduce((acc, pk, k) => acc + (k - mean.mean) ** 2 * pk, 0)),
      );
      expectWithin(variance, A, 'variance of occupancy');
      // The whole distribution: the time share at each level from 8 to 34 (99.9% of the mass).
      for (let k = 8; k <= 34; k++)
        expectWithin(estimate(shares.map((p) => p[k]!)), poissonPmf(k, A), `P(N = ${k})`);
    },
    TIMEOUT,
  );
});

describe("Little's law, L = λW, with breakdowns and step-down delays", () => {
  // test/fixtures/models/little.yaml: need of mean 40 days from referral; breakdowns at r = 3 a
  // child-year in placement each add 10 days of need, so the need T solves T = S + 10 N(T) with
  // N Poisson(r) over T: E[T] = 40 / (1 - 10 r) (Wald's identity). Half the children step down to
  // foster care, where a place is free at once 40% of the time, else after an exponential 20 days
  // with the bed still occupied: E[W] = E[T] + 0.5 x 0.6 x 20. Children never wait (maxWait 0).
  const r = 3 / 365.2425;
  const needDays = 40 / (1 - 10 * r);
  const W = needDays + 0.5 * 0.6 * 20;

  it(
    'holds for children in care, with the expected number of breakdowns per referral',
    () => {
      const sim = simulator('test/fixtures/models/little.yaml');
      const H = sim.s.horizonDays;
      const R = 200;
      const L: number[] = [];
      const breakdowns: number[] = [];
      const littleGap: number[] = [];
      for (let rep = 0; rep < R; rep++) {
        // Time in care of each child referred in the first H - 3 years, all of whom leave before H:
        // the need is at most exponential of mean 40 / (1 - 10 r) = 43.6 days plus a step-down
        // delay, so P(W > 3 years) is about exp(-1096 / 43.6) = 1e-11 per child.
        const referredAt = new Map<number, number>();
        let sojourn = 0;
        let n = 0;
        const out = sim.run(SEED, rep, (day, child, event) => {
          if (event === 'referred' && day >= 0 && day < H - 3 * 365.2425) referredAt.set(child, day);
          else if (event === 'leaves' && referredAt.has(child)) {
            sojourn += day - referredAt.get(child)!;
            n++;
            referredAt.delete(child);
          }
        });
        expect(referredAt.size).toBe(0);
        const inCare = timeMean(sim, out, 'children.inCare');
        L.push(inCare);
        breakdowns.push(total(sim, out, 'breakdowns') / total(sim, out, 'referrals'));
        // Little's law inside one replication: L against (referrals a day) x (mean time in care).
        littleGap.push(inCare - (total(sim, out, 'referrals') / H) * (sojourn / n));
      }
      expectWithin(estimate(L), LAMBDA * W, 'children in care (lambda x analytic W)');
      expectWithin(estimate(littleGap), 0, 'L - lambda-hat x W-hat');
      expectWithin(estimate(breakdowns), r * needDays, 'breakdowns per referral');
    },
    TIMEOUT,
  );
});
