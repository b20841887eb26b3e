/**
 * The results sink of one replication: accumulators updated when the state changes, never
 * an event log (salabim's monitors, simmer's monitor interface).
 *
 * Levels (children placed, beds open, caseload, cost rates) are time-weighted per reporting
 * month (Law, Simulation Modeling and Analysis, §1.4: time averages of continuous-time
 * statistics); counts (referrals, placements, breakdowns) are summed per month. Costs accrue
 * as levels of "£ a day at price-base prices" and are turned into money per month by the
 * month's price index when the replication ends: prices are constant within a financial
 * year, hence within a month, so this is exact.
 *
 * `finish()` returns a flat matrix, one row per series and one column per month, described
 * by `seriesDefinitions()`: the experiment layer reduces these across replications without
 * knowing what they mean.
 */
import { PeriodLedger } from '../engine/periodLedger.ts';
import type { Scenario } from './scenario.ts';

/** How monthly values combine into a financial year: a day-weighted mean, the last month's end value, or a sum. */
export type Aggregation = 'mean' | 'end' | 'sum';

export interface SeriesDefinition {
  /** Stable machine name, e.g. `occupancy.home.oldPostOffice`. */
  readonly name: string;
  readonly label: string;
  /** Unit of the monthly value: children, beds, referrals, £... */
  readonly unit: string;
  readonly aggregation: Aggregation;
}

export const COST_CATEGORIES = [
  { key: 'homeFixed', label: 'Local homes: running costs', external: false },
  { key: 'homeVariable', label: 'Local homes: per occupied bed', external: false },
  { key: 'assessment', label: 'Assessment beds', external: false },
  { key: 'art', label: 'ART', external: false },
  { key: 'oocPlacements', label: 'Out-of-county placements', external: true },
  { key: 'oocTravel', label: 'Out-of-county travel', external: false },
  { key: 'soldIncome', label: 'Income from places sold', external: false },
] as const;
export const COST_HOME_FIXED = 0;
export const COST_HOME_VARIABLE = 1;
export const COST_ASSESSMENT = 2;
export const COST_ART = 3;
export const COST_OOC_PLACEMENTS = 4;
export const COST_OOC_TRAVEL = 5;
export const COST_SOLD_INCOME = 6;

/** Every series a replication of this scenario reports, in the order of the result matrix's rows. */
export function seriesDefinitions(s: Scenario): SeriesDefinition[] {
  const d: SeriesDefinition[] = [];
  const add = (name: string, label: string, unit: string, aggregation: Aggregation) =>
    d.push({ name, label, unit, aggregation });
  add('referrals', 'New referrals', 'children', 'sum');
  for (const c of s.cohorts) add(`referrals.${c.id}`, `New referrals: ${c.label}`, 'children', 'sum');
  add('reReferrals', 'Referrals after a breakdown or at an age limit', 'children', 'sum');
  add('placements.local', 'Placements started in local homes', 'placements', 'sum');
  add('placements.outOfCounty', 'Placements started out of county', 'placements', 'sum');
  for (const c of s.cohorts)
    add(`placements.local.${c.id}`, `Local placements: ${c.label}`, 'placements', 'sum');
  for (const c of s.cohorts)
    add(`placements.outOfCounty.${c.id}`, `Out-of-county placements: ${c.label}`, 'placements', 'sum');
  add('overflow.noEligibleBed', 'Overflow: no local home open for the need', 'placements', 'sum');
  add('overflow.allFull', 'Overflow: suitable local beds all full', 'placements', 'sum');
  for (const c of s.cohorts) add(`overflow.${c.id}`, `Overflow: ${c.label}`, 'placements', 'sum');
  add('children.inCare', 'Children needing a placement', 'children', 'mean');
  add('occupancy.local', 'Children in local homes', 'children', 'mean');
  for (const h of s.homes) add(`occupancy.home.${h.id}`, `Children in ${h.label}`, 'children', 'mean');
  for (const c of s.cohorts)
    add(`occupancy.local.${c.id}`, `Children in local homes: ${c.label}`, 'children', 'mean');
  add('beds.open', 'Local beds open', 'beds', 'mean');
  add('beds.blocked', 'Local beds blocked by single occupancy', 'beds', 'mean');
  add('outOfCounty.children', 'Children placed out of county', 'children', 'mean');
  add(
    'outOfCounty.childrenAtEnd',
    'Children placed out of county at the end of the period',
    'children',
    'end',
  );
  for (const c of s.cohorts)
    add(`outOfCounty.${c.id}`, `Children out of county: ${c.label}`, 'children', 'mean');
  add('assessment.occupied', 'Children in assessment beds', 'children', 'mean');
  add('assessment.open', 'Assessment beds open', 'beds', 'mean');
  add('assessments', 'Assessments started', 'children', 'sum');
  add('waiting.local', 'Children waiting for a local bed', 'children', 'mean');
  add('waits.ended', 'Waits for a local bed ended', 'children', 'sum');
  add('waits.days', 'Days waited for a local bed (waits ended)', 'days', 'sum');
  add('breakdowns', 'Placement breakdowns', 'breakdowns', 'sum');
  for (const c of s.cohorts) add(`breakdowns.${c.id}`, `Breakdowns: ${c.label}`, 'breakdowns', 'sum');
  add('stepDowns', 'Planned step-downs', 'children', 'sum');
  for (const id of destinationIds(s)) add(`stepDowns.${id}`, `Step-downs to ${id}`, 'children', 'sum');
  add('stepDowns.delayed', 'Step-downs delayed for an onward place', 'children', 'sum');
  add(
    'stepDowns.delayDays',
    'Days beds stayed occupied awaiting an onward place (delays ended)',
    'days',
    'sum',
  );
  add('awaitingOnward', 'Children ready to step down, awaiting an onward place', 'children', 'mean');
  add('ageLimit.left', 'Children leaving at an age limit', 'children', 'sum');
  add('ageLimit.referredOn', 'Children referred on at an age limit', 'children', 'sum');
  add('art.caseload', 'ART caseload', 'children', 'mean');
  add('art.capacity', 'ART capacity', 'children', 'mean');
  add('art.waiting', 'ART waiting list', 'children', 'mean');
  add('art.starts', 'ART support started', 'children', 'sum');
  add('art.lapses', 'ART referrals lapsed', 'children', 'sum');
  add('art.waitDays', 'Days waited for the ART (support started)', 'days', 'sum');
  add('repatriations', 'Children brought back into county', 'children', 'sum');
  add('sold.placements', 'Places sold to neighbouring councils', 'placements', 'sum');
  add('sold.refused', "Neighbours' referrals refused", 'children', 'sum');
  for (const c of COST_CATEGORIES) add(`cost.${c.key}`, c.label, '£', 'sum');
  add('cost.total', 'Total revenue cost (net of income)', '£', 'sum');
  add('capital', 'Capital spent (net of grants)', '£', 'sum');
  return d;
}

/** Step-down destination ids across all cohorts, in first-seen order. */
export function destinationIds(s: Scenario): string[] {
  const ids: string[] = [];
  for (const c of s.cohorts) for (const id of c.stepDown?.ids ?? []) if (!ids.includes(id)) ids.push(id);
  return ids;
}

/**
 * The accumulators of one replication; reusable across replications via reset().
 *
 * Series are numbered rows of one PeriodLedger. The model moves the ledger's clock once per
 * event (`at`) and then records changes by series number: `m.level(m.home + h, +1)`,
 * `m.count(m.referrals + c, 1)`. Per-home and per-cohort series are consecutive, so a
 * field such as `home` is the number of the first home's series.
 */
export class Metrics {
  readonly defs: SeriesDefinition[];
  readonly months: number;
  private readonly s: Scenario;
  private readonly destIndex: Int32Array[];
  private readonly ledger: PeriodLedger;
  private readonly destinations: number;
  private readonly monthDays: Float64Array;
  // Levels. Totals (children in care, in local homes, out of county) and the costs that are a
  // fixed rate per child (per occupied bed, travel, income from places sold) are not levels of
  // their own: finish() derives them from the per-home and per-cohort levels, which saves
  // three to four updates per placement in the hot loop.
  readonly home: number;
  readonly localByCohort: number;
  readonly bedsOpen: number;
  readonly bedsBlocked: number;
  readonly oocByCohort: number;
  readonly assessmentOccupied: number;
  readonly assessmentOpen: number;
  readonly waitingLocal: number;
  readonly awaitingOnward: number;
  readonly artCaseload: number;
  readonly artCapacity: number;
  readonly artWaiting: number;
  /** Cost rates, £ a day at price-base prices, by COST_* category (the derived ones stay at 0). */
  readonly costRate: number;
  // Counts.
  readonly referrals: number;
  readonly reReferrals: number;
  readonly placedLocal: number;
  readonly placedOoc: number;
  readonly overflowNoEligible: number;
  readonly overflowFull: number;
  readonly assessments: number;
  readonly waitsEnded: number;
  readonly waitDays: number;
  readonly breakdowns: number;
  readonly stepDowns: number;
  readonly stepDownsDelayed: number;
  readonly stepDownDelayDays: number;
  readonly ageLeft: number;
  readonly ageReferredOn: number;
  readonly artStarts: number;
  readonly artLapses: number;
  readonly artWaitDays: number;
  readonly repatriations: number;
  readonly soldPlacements: number;
  readonly soldRefused: number;
  readonly capital: number;
  /** Whole-run tallies, warm-up included, for conservation checks. */
  referredTotal = 0;
  exitedTotal = 0;

  constructor(s: Scenario) {
    this.s = s;
    this.defs = seriesDefinitions(s);
    const b = s.calendar.monthBreaks;
    this.months = b.length - 1;
    const dests = destinationIds(s);
    this.destIndex = s.cohorts.map((c) => Int32Array.from(c.stepDown?.ids ?? [], (id) => dests.indexOf(id)));
    this.destinations = dests.length;
    const nC = s.cohorts.length;
    let levels = 0;
    const level = (n = 1) => ((levels += n), levels - n);
    this.home = level(s.homes.length);
    this.localByCohort = level(nC);
    this.bedsOpen = level();
    this.bedsBlocked = level();
    this.oocByCohort = level(nC);
    this.assessmentOccupied = level();
    this.assessmentOpen = level();
    this.waitingLocal = level();
    this.awaitingOnward = level();
    this.artCaseload = level();
    this.artCapacity = level();
    this.artWaiting = level();
    this.costRate = level(COST_CATEGORIES.length);
    let counters = 0;
    const counter = (n = 1) => ((counters += n), counters - n);
    this.referrals = counter(nC);
    this.reReferrals = counter();
    this.placedLocal = counter(nC);
    this.placedOoc = counter(nC);
    this.overflowNoEligible = counter(nC);
    this.overflowFull = counter(nC);
    this.assessments = counter();
    this.waitsEnded = counter();
    this.waitDays = counter();
    this.breakdowns = counter(nC);
    this.stepDowns = counter(dests.length);
    this.stepDownsDelayed = counter();
    this.stepDownDelayDays = counter();
    this.ageLeft = counter();
    this.ageReferredOn = counter();
    this.artStarts = counter();
    this.artLapses = counter();
    this.artWaitDays = counter();
    this.repatriations = counter();
    this.soldPlacements = counter();
    this.soldRefused = counter();
    this.capital = counter();
    this.ledger = new PeriodLedger(b, levels, counters, -s.warmupDays);
    this.monthDays = Float64Array.from({ length: this.months }, (_, k) => b[k + 1]! - b[k]!);
  }

  /** Global destination index of cohort c's destination d. */
  destination(c: number, d: number): number {
    return this.destIndex[c]![d]!;
  }

  /** Clear for the next replication, keeping the memory. */
  reset(): void {
    this.ledger.reset(-this.s.warmupDays);
    this.referredTotal = 0;
    this.exitedTotal = 0;
  }

  /** Date every change and count until the next call at day t (call once per event, in time order). */
  at(t: number): void {
    this.ledger.at(t);
  }

  /** Level series i changes by delta now. */
  level(i: number, delta: number): void {
    this.ledger.level(i, delta);
  }

  /** Count series i gains amount now. */
  count(i: number, amount: number): void {
    this.ledger.count(i, amount);
  }

  /** Count series i gains amount on day t (any day: capital dated in advance). */
  countAt(t: number, i: number, amount: number): void {
    this.ledger.countAt(t, i, amount);
  }

  /** Level series i now (warm-up included), for checks and benchmarks. */
  current(i: number): number {
    return this.ledger.current(i);
  }

  /** Count series i over the whole run (warm-up included), for checks and benchmarks. */
  grandTotal(i: number): number {
    return this.ledger.grandTotal(i);
  }

  /**
   * Close the books at the end of the horizon and write the result matrix: one row per
   * series of `defs`, one column per month (row-major, `values[row * months + month]`).
   * @param into where to write (length defs x months); a new array if omitted.
   */
  finish(horizonDays: number, into?: Float64Array): Float64Array {
    const L = this.ledger;
    L.close(horizonDays);
    const m = this.months;
    const out = into ?? new Float64Array(this.defs.length * m);
    if (out.length !== this.defs.length * m)
      throw new RangeError(`result matrix needs ${this.defs.length * m} cells, got ${out.length}`);
    const cal = this.s.calendar;
    const s = this.s;
    const nC = s.cohorts.length;
    const nH = s.homes.length;
    const areas = L.areas;
    const totals = L.totals;
    const days = this.monthDays;
    let row = 0;
    const sums = (from: Float64Array, first: number, n: number, perDay: boolean) =>
      sumRows(out, row++ * m, from, first, n, m, perDay ? days : null);
    sums(totals, this.referrals, nC, false);
    for (let c = 0; c < nC; c++) sums(totals, this.referrals + c, 1, false);
    sums(totals, this.reReferrals, 1, false);
    sums(totals, this.placedLocal, nC, false);
    sums(totals, this.placedOoc, nC, false);
    for (let c = 0; c < nC; c++) sums(totals, this.placedLocal + c, 1, false);
    for (let c = 0; c < nC; c++) sums(totals, this.placedOoc + c, 1, false);
    sums(totals, this.overflowNoEligible, nC, false);
    sums(totals, this.overflowFull, nC, false);
    for (let c = 0; c < nC; c++) {
      sums(totals, this.overflowNoEligible + c, 1, false);
      addRows(out, (row - 1) * m, totals, this.overflowFull + c, 1, m);
    }
    // Derived totals: sums of the per-home and per-cohort areas (and end levels).
    sums(areas, this.home, nH, false);
    addRows(out, (row - 1) * m, areas, this.oocByCohort, nC, m);
    addRows(out, (row - 1) * m, areas, this.waitingLocal, 1, m);
    addRows(out, (row - 1) * m, areas, this.assessmentOccupied, 1, m);
    for (let k = 0; k < m; k++) out[(row - 1) * m + k]! /= days[k]!;
    sums(areas, this.home, nH, true);
    for (let h = 0; h < nH; h++) sums(areas, this.home + h, 1, true);
    for (let c = 0; c < nC; c++) sums(areas, this.localByCohort + c, 1, true);
    sums(areas, this.bedsOpen, 1, true);
    sums(areas, this.bedsBlocked, 1, true);
    sums(areas, this.oocByCohort, nC, true);
    sums(L.endLevels, this.oocByCohort, nC, false);
    for (let c = 0; c < nC; c++) sums(areas, this.oocByCohort + c, 1, true);
    sums(areas, this.assessmentOccupied, 1, true);
    sums(areas, this.assessmentOpen, 1, true);
    sums(totals, this.assessments, 1, false);
    sums(areas, this.waitingLocal, 1, true);
    sums(totals, this.waitsEnded, 1, false);
    sums(totals, this.waitDays, 1, false);
    sums(totals, this.breakdowns, nC, false);
    for (let c = 0; c < nC; c++) sums(totals, this.breakdowns + c, 1, false);
    const nD = this.destinations;
    sums(totals, this.stepDowns, nD, false);
    for (let d = 0; d < nD; d++) sums(totals, this.stepDowns + d, 1, false);
    sums(totals, this.stepDownsDelayed, 1, false);
    sums(totals, this.stepDownDelayDays, 1, false);
    sums(areas, this.awaitingOnward, 1, true);
    sums(totals, this.ageLeft, 1, false);
    sums(totals, this.ageReferredOn, 1, false);
    sums(areas, this.artCaseload, 1, true);
    sums(areas, this.artCapacity, 1, true);
    sums(areas, this.artWaiting, 1, true);
    sums(totals, this.artStarts, 1, false);
    sums(totals, this.artLapses, 1, false);
    sums(totals, this.artWaitDays, 1, false);
    sums(totals, this.repatriations, 1, false);
    sums(totals, this.soldPlacements, 1, false);
    sums(totals, this.soldRefused, 1, false);
    // Costs: area of the cost rate (£ a day at base prices) x the month's price index. The
    // rates that are a constant per child come from the occupancy areas.
    const totalRow = (row + COST_CATEGORIES.length) * m;
    out.fill(0, totalRow, totalRow + m);
    for (let i = 0; i < COST_CATEGORIES.length; i++) {
      const o = row++ * m;
      if (i === COST_HOME_VARIABLE) {
        out.fill(0, o, o + m);
        for (let h = 0; h < nH; h++)
          addRows(out, o, areas, this.home + h, 1, m, s.homes[h]!.perOccupiedBedDay);
      } else if (i === COST_OOC_TRAVEL) {
        out.fill(0, o, o + m);
        addRows(out, o, areas, this.oocByCohort, nC, m, s.travelPerDay);
      } else if (i === COST_SOLD_INCOME) {
        out.fill(0, o, o + m);
        for (const c of s.cohorts)
          if (c.sold) addRows(out, o, areas, this.localByCohort + c.index, 1, m, c.sold.feePerDay);
      } else sumRows(out, o, areas, this.costRate + i, 1, m, null);
      const index = COST_CATEGORIES[i]!.external ? cal.externalIndex : cal.inHouseIndex;
      const sign = i === COST_SOLD_INCOME ? -1 : 1;
      for (let k = 0; k < m; k++) {
        const money = out[o + k]! * index[k]!;
        out[o + k] = money;
        out[totalRow + k]! += sign * money;
      }
    }
    row++; // cost.total, filled above
    sums(totals, this.capital, 1, false);
    if (row !== this.defs.length)
      throw new Error(`internal: ${row} rows written for ${this.defs.length} series`);
    return out;
  }
}

/**
 * out[at + k] = the sum over series first .. first + n - 1 of from[series x months + k], divided
 * by days[k] when given (an area into a time average).
 */
function sumRows(
  out: Float64Array,
  at: number,
  from: Float64Array,
  first: number,
  n: number,
  months: number,
  days: Float64Array | null,
): void {
  if (n === 1) {
    // Most rows are one series: one pass.
    const o = first * months;
    if (days === null) for (let k = 0; k < months; k++) out[at + k] = from[o + k]!;
    else for (let k = 0; k < months; k++) out[at + k] = from[o + k]! / days[k]!;
    return;
  }
  out.fill(0, at, at + months);
  addRows(out, at, from, first, n, months);
  if (days !== null) for (let k = 0; k < months; k++) out[at + k]! /= days[k]!;
}

/** out[at + k] += factor x the sum over series first .. first + n - 1 of from[series x months + k]. */
function addRows(
  out: Float64Array,
  at: number,
  from: Float64Array,
  first: number,
  n: number,
  months: number,
  factor = 1,
): void {
  for (let i = first; i < first + n; i++) {
    const o = i * months;
    for (let k = 0; k < months; k++) out[at + k]! += factor * from[o + k]!;
  }
}
