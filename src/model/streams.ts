/**
 * The random streams of a replication, by purpose: the one list from which both the streams a
 * replication creates and the names recorded in the run manifest (`streamNames`) are derived.
 *
 * Why one list: the names were once written twice, by hand, and drifted (the manifest lost the
 * ART's streams). Every stream's seed comes only from (master seed, replication, stream name)
 * (STYLE.md), so adding a purpose, a cohort or a home adds streams without shifting the others.
 *
 * Three kinds of stream:
 * - per cohort and purpose (`arrivals/<cohort>`, `age/<cohort>`, ...): a new child's fixed
 *   attributes, drawn at referral whatever happens later (COHORT_STREAMS);
 * - per part of the structure (`openingDelay/<home>`, `openingDelay/assessment`, and
 *   `openings/delay`, the opening programme's slip shared by every opening it applies to): one
 *   delay a replication;
 * - per child (`child/<cohort>/<n>`, `child/census/<cohort>/<n>`): draws whose number depends on
 *   the child's path, keyed by the cohort and index of the child's first referral, created when
 *   first needed.
 * A stream the scenario never draws from is not created (seeding one costs about as much as fifty
 * events) and not listed; it would change nothing.
 */
import { createStream, streamFamily, type RandomStream } from '../random/streams.ts';
import type { ChildStore } from './children.ts';
import type { CohortS, HomeS, Scenario } from './scenario.ts';

/** Whether cohort c has children in the initial census. */
function hasCensus(s: Scenario, c: CohortS): boolean {
  for (const e of s.census.local) if (e.cohort === c.index && e.children > 0) return true;
  for (const e of s.census.outOfCounty) if (e.cohort === c.index && e.children > 0) return true;
  for (const e of s.census.known) if (e.cohort === c.index && e.children > 0) return true;
  return false;
}

/** Whether any step-down destination's cost lasts a duration drawn for the child. */
export function hasOnwardDuration(s: Scenario): boolean {
  return s.cohorts.some((c) => c.stepDown !== null && c.stepDown.costDuration.some((d) => d !== null));
}

/**
 * The per-cohort streams, `<purpose>/<cohort id>`, each with whether the scenario draws from it.
 * Order is that of the manifest; it does not affect any draw.
 */
export const COHORT_STREAMS = [
  /** One uniform per referral: the time to the next. */
  { purpose: 'arrivals', drawn: () => true },
  { purpose: 'age', drawn: (_s: Scenario, c: CohortS) => c.ageAtReferral !== null },
  { purpose: 'singleOccupancy', drawn: (_s: Scenario, c: CohortS) => c.singleOccupancyShare > 0 },
  /** The latent uniform of the external price (drawn for every child). */
  { purpose: 'price', drawn: () => true },
  {
    purpose: 'atBreakdown',
    drawn: (_s: Scenario, c: CohortS) => c.atBreakdownShare > 0 && c.atBreakdownShare < 1,
  },
  { purpose: 'stay', drawn: () => true },
  { purpose: 'breakdown', drawn: (_s: Scenario, c: CohortS) => c.breakdownPerDay > 0 },
  { purpose: 'stepDown', drawn: (_s: Scenario, c: CohortS) => c.stepDown !== null },
  /** Each child's ART support duration and referral patience, when the model has an ART. */
  { purpose: 'artSupport', drawn: (s: Scenario) => s.art !== null },
  /**
   * How long each child's onward placement is paid for, when any destination's cost has a
   * duration: drawn for every child (census too), since escalation or an age limit may move a
   * child into a cohort with one.
   */
  { purpose: 'onwardCost', drawn: hasOnwardDuration },
  /** Every attribute and the remaining stay of the census children. */
  { purpose: 'census', drawn: hasCensus },
] as const;

export type CohortStreamPurpose = (typeof COHORT_STREAMS)[number]['purpose'];

/** A cohort's purpose streams in one replication. */
export type CohortStreams = Record<CohortStreamPurpose, RandomStream>;

/** Whether home h's opening delay is drawn: only for an opening still to come at the start. */
export function homeDelayDrawn(s: Scenario, h: HomeS): boolean {
  return h.openingDelay !== null && h.opensDay > -s.warmupDays;
}

/** Whether the assessment unit's opening delay is drawn. */
export function assessmentDelayDrawn(s: Scenario): boolean {
  const a = s.assessment;
  return a !== null && a.openingDelay !== null && a.opensDay > -s.warmupDays;
}

/** Whether the opening programme's slip is drawn: only when some opening still to come takes it. */
export function programmeDelayDrawn(s: Scenario): boolean {
  return (
    s.openingSlip !== null &&
    (s.homes.some((h) => h.slipsWithProgramme) || s.assessment?.slipsWithProgramme === true)
  );
}

export const homeDelayStream = (h: HomeS): string => `openingDelay/${h.id}`;
export const ASSESSMENT_DELAY_STREAM = 'openingDelay/assessment';
/** The opening programme's slip: a prefix of its own, so that no home's id can take its name. */
export const PROGRAMME_DELAY_STREAM = 'openings/delay';

/** The random streams a replication of this scenario creates, by name: recorded in the run manifest. */
export function streamNames(s: Scenario): string[] {
  const names: string[] = [];
  for (const c of s.cohorts)
    for (const p of COHORT_STREAMS) if (p.drawn(s, c)) names.push(`${p.purpose}/${c.id}`);
  for (const h of s.homes) if (homeDelayDrawn(s, h)) names.push(homeDelayStream(h));
  if (assessmentDelayDrawn(s)) names.push(ASSESSMENT_DELAY_STREAM);
  if (programmeDelayDrawn(s)) names.push(PROGRAMME_DELAY_STREAM);
  names.push('child/<cohort>/<n> (one per child, created when first needed)', 'child/census/<cohort>/<n>');
  return names;
}

/** Stands in for a stream the scenario never draws from. */
const NOT_DRAWN: RandomStream = {
  next(): number {
    throw new Error('internal: a random stream was drawn from that the scenario was thought not to use');
  },
};

/**
 * The streams of the current replication. Reused across replications: reset() makes the
 * streams of the next.
 */
export class Streams {
  /** Per cohort: its purpose streams. */
  cohort: CohortStreams[] = [];
  private readonly s: Scenario;
  private readonly ch: ChildStore;
  private seed = 0;
  private rep = 0;
  /** Per cohort: the child's own stream by index of first referral (or in the census). */
  private childFamily: ((n: number) => RandomStream)[] = [];
  private censusFamily: ((n: number) => RandomStream)[] = [];
  /** By child slot: the child's own stream, once created. */
  private readonly owned: (RandomStream | undefined)[] = [];
  /** drawn[c][p]: whether cohort c draws from purpose p of COHORT_STREAMS (a fact of the scenario). */
  private readonly drawn: boolean[][];

  constructor(s: Scenario, ch: ChildStore) {
    this.s = s;
    this.ch = ch;
    this.drawn = s.cohorts.map((c) => COHORT_STREAMS.map((p) => p.drawn(s, c)));
  }

  /** Create the streams of replication `rep` under master seed `seed`. */
  reset(seed: number, rep: number): void {
    const s = this.s;
    this.seed = seed;
    this.rep = rep;
    this.owned.length = 0;
    this.childFamily = s.cohorts.map((c) => streamFamily(seed, rep, `child/${c.id}/`));
    this.censusFamily = s.cohorts.map((c) => streamFamily(seed, rep, `child/census/${c.id}/`));
    this.cohort = s.cohorts.map((c) => {
      // Built key by key in the list's order, so every cohort's object has the same shape.
      const st = {} as CohortStreams;
      COHORT_STREAMS.forEach(({ purpose }, p) => {
        st[purpose] = this.drawn[c.index]![p] ? createStream(seed, rep, `${purpose}/${c.id}`) : NOT_DRAWN;
      });
      return st;
    });
  }

  /** A stream of the structure, such as `openingDelay/<home>`. */
  named(name: string): RandomStream {
    return createStream(this.seed, this.rep, name);
  }

  /** Slot id has a new child: it has no own stream yet. */
  newChild(id: number): void {
    this.owned[id] = undefined;
  }

  /** The child's own stream, for draws whose number depends on the path; created on first use. */
  own(id: number): RandomStream {
    let r = this.owned[id];
    if (r === undefined) {
      const ch = this.ch;
      const c = ch.originCohort[id]!;
      // child/<cohort>/<n> or child/census/<cohort>/<n>, the prefixes joined once a replication.
      r = (ch.fromCensus[id] ? this.censusFamily : this.childFamily)[c]!(ch.originIndex[id]!);
      this.owned[id] = r;
    }
    return r;
  }
}
