/**
 * The initial census: children already in care when the simulation starts, placed where the
 * model file says (a local home, or out of county), with the remaining stays and ages of children
 * found in care.
 *
 * Why a part of its own: a child found in care on a given day is more likely to be on a long stay
 * than a child just referred (length bias, residual.ts), and has been in care for a while, which
 * ages it. These draws come from the cohort's `census` stream, so a census never shifts the draws
 * of referrals.
 */
import { DAYS_PER_YEAR } from '../engine/calendar.ts';
import { sample } from '../random/compiled.ts';
import type { ChildStore } from './children.ts';
import type { Referrals } from './referrals.ts';
import { lengthBiasedStay } from './residual.ts';
import type { Scenario } from './scenario.ts';
import type { Streams } from './streams.ts';

/** Where the journey places a census child (called once per child, at the start). */
export interface CensusPlacement {
  /** In home h, whatever the home's registration or single-occupancy rules now say. */
  local(id: number, h: number, t0: number): void;
  outOfCounty(id: number, t0: number): void;
}

/** Create the census children of a replication starting on day t0 and have them placed. */
export function placeCensus(
  s: Scenario,
  t0: number,
  ch: ChildStore,
  referrals: Referrals,
  streams: Streams,
  place: CensusPlacement,
): void {
  const start = (c: number): number => {
    const id = referrals.censusChild(c, t0);
    setCensusStay(s, ch, streams, id, c, t0);
    return id;
  };
  for (const e of s.census.local) {
    for (let k = 0; k < e.children; k++) {
      const id = start(e.cohort);
      // A census child placed where the file says, even if single-occupancy rules would not allow it now.
      ch.singleOccupancy[id] = 0;
      place.local(id, e.home, t0);
    }
  }
  for (const e of s.census.outOfCounty)
    for (let k = 0; k < e.children; k++) place.outOfCounty(start(e.cohort), t0);
  // Children known one by one (a calibrated census): after the counts, so that a model without
  // them draws exactly as before.
  for (const e of s.census.known)
    for (let k = 0; k < e.children; k++) {
      const id = referrals.censusChild(e.cohort, t0);
      setKnownStay(s, ch, streams, id, e.needCohort, t0, e.elapsedDays, e.age);
      if (e.home >= 0) {
        ch.singleOccupancy[id] = 0;
        place.local(id, e.home, t0);
      } else place.outOfCounty(id, t0);
    }
}

/**
 * The remaining need of a child known to have been in care `elapsed` days: the stay drawn given
 * that it has lasted that long, S | S > elapsed, by inverse transform from F(elapsed) up (F found
 * by bisection on the compiled quantile function, which works for every distribution type).
 */
function setKnownStay(
  s: Scenario,
  ch: ChildStore,
  streams: Streams,
  id: number,
  c: number,
  t0: number,
  elapsed: number,
  age: number,
): void {
  // The need is the referral cohort's; the draw comes from the census stream of the child's cohort now.
  const cohort = s.cohorts[c]!;
  const st = streams.cohort[ch.cohort[id]!]!.census;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (sample(cohort.stay, mid) <= elapsed) lo = mid;
    else hi = mid;
  }
  const u = lo + st.next() * (1 - lo);
  ch.needLeft[id] = Math.max(0, sample(cohort.stay, Math.min(u, 1 - 1e-12)) - elapsed);
  ch.vintageDay[id] = t0 - elapsed;
  ch.birthDay[id] = t0 - age * DAYS_PER_YEAR;
}

/** Remaining need and age of a child already in care at the start (see residual.ts). */
function setCensusStay(
  s: Scenario,
  ch: ChildStore,
  streams: Streams,
  id: number,
  c: number,
  t0: number,
): void {
  const cohort = s.cohorts[c]!;
  const st = streams.cohort[c]!.census;
  let elapsed = 0;
  if (s.census.residual) {
    const total = lengthBiasedStay(cohort.stayResidual, st.next());
    const u = st.next();
    elapsed = u * total;
    ch.needLeft[id] = (1 - u) * total;
  } else ch.needLeft[id] = sample(cohort.stay, st.next());
  // The placement began `elapsed` days ago: under vintage pricing it keeps that year's price.
  ch.vintageDay[id] = t0 - elapsed;
  const birth = ch.birthDay[id]!;
  if (!Number.isNaN(birth)) {
    // Age now = age at referral + time in care, unless that passes the age limit (then the
    // child is taken to have been referred recently).
    const ageAtReferral = (t0 - birth) / DAYS_PER_YEAR;
    const ageNow = ageAtReferral + elapsed / DAYS_PER_YEAR;
    if (ageNow < cohort.ageLimit) ch.birthDay[id] = t0 - ageNow * DAYS_PER_YEAR;
  }
}
