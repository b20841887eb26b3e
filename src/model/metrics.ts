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
import { PeriodCounter } from '../engine/periodCounter.ts';
import { PeriodLevel } from '../engine/timeWeighted.ts';
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

/** The accumulators of one replication; reusable across replications via reset(). */
export class Metrics {
  readonly defs: SeriesDefinition[];
  readonly months: number;
  private readonly s: Scenario;
  private readonly destIndex: Int32Array[];
  // Levels. Totals (children in care, in local homes, out of county) and the costs that are a
  // fixed rate per child (per occupied bed, travel, income from places sold) are not levels of
  // their own: finish() derives them from the per-home and per-cohort levels, which saves
  // three to four updates per placement in the hot loop.
  readonly home: PeriodLevel[];
  readonly localByCohort: PeriodLevel[];
  readonly bedsOpen: PeriodLevel;
  readonly bedsBlocked: PeriodLevel;
  readonly oocByCohort: PeriodLevel[];
  readonly assessmentOccupied: PeriodLevel;
  readonly assessmentOpen: PeriodLevel;
  readonly waitingLocal: PeriodLevel;
  readonly awaitingOnward: PeriodLevel;
  readonly artCaseload: PeriodLevel;
  readonly artCapacity: PeriodLevel;
  readonly artWaiting: PeriodLevel;
  /** Cost rates, £ a day at price-base prices, by COST_* category (the derived ones stay at 0). */
  readonly costRate: PeriodLevel[];
  // Counts.
  readonly referrals: PeriodCounter[];
  readonly reReferrals: PeriodCounter;
  readonly placedLocal: PeriodCounter[];
  readonly placedOoc: PeriodCounter[];
  readonly overflowNoEligible: PeriodCounter[];
  readonly overflowFull: PeriodCounter[];
  readonly assessments: PeriodCounter;
  readonly waitsEnded: PeriodCounter;
  readonly waitDays: PeriodCounter;
  readonly breakdowns: PeriodCounter[];
  readonly stepDowns: PeriodCounter[];
  readonly stepDownsDelayed: PeriodCounter;
  readonly stepDownDelayDays: PeriodCounter;
  readonly ageLeft: PeriodCounter;
  readonly ageReferredOn: PeriodCounter;
  readonly artStarts: PeriodCounter;
  readonly artLapses: PeriodCounter;
  readonly artWaitDays: PeriodCounter;
  readonly repatriations: PeriodCounter;
  readonly soldPlacements: PeriodCounter;
  readonly soldRefused: PeriodCounter;
  readonly capital: PeriodCounter;
  /** Whole-run tallies, warm-up included, for conservation checks. */
  referredTotal = 0;
  exitedTotal = 0;

  constructor(s: Scenario) {
    this.s = s;
    this.defs = seriesDefinitions(s);
    const b = s.calendar.monthBreaks;
    this.months = b.length - 1;
    const level = () => new PeriodLevel(b, -s.warmupDays, 0);
    const counter = () => new PeriodCounter(b);
    const perCohort = <T>(f: () => T) => s.cohorts.map(f);
    const dests = destinationIds(s);
    this.destIndex = s.cohorts.map((c) => Int32Array.from(c.stepDown?.ids ?? [], (id) => dests.indexOf(id)));
    this.home = s.homes.map(level);
    this.localByCohort = perCohort(level);
    this.bedsOpen = level();
    this.bedsBlocked = level();
    this.oocByCohort = perCohort(level);
    this.assessmentOccupied = level();
    this.assessmentOpen = level();
    this.waitingLocal = level();
    this.awaitingOnward = level();
    this.artCaseload = level();
    this.artCapacity = level();
    this.artWaiting = level();
    this.costRate = COST_CATEGORIES.map(level);
    this.referrals = perCohort(counter);
    this.reReferrals = counter();
    this.placedLocal = perCohort(counter);
    this.placedOoc = perCohort(counter);
    this.overflowNoEligible = perCohort(counter);
    this.overflowFull = perCohort(counter);
    this.assessments = counter();
    this.waitsEnded = counter();
    this.waitDays = counter();
    this.breakdowns = perCohort(counter);
    this.stepDowns = dests.map(counter);
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
    this.allLevels = [
      ...this.home,
      ...this.localByCohort,
      this.bedsOpen,
      this.bedsBlocked,
      ...this.oocByCohort,
      this.assessmentOccupied,
      this.assessmentOpen,
      this.waitingLocal,
      this.awaitingOnward,
      this.artCaseload,
      this.artCapacity,
      this.artWaiting,
      ...this.costRate,
    ];
    this.allCounters = [
      ...this.referrals,
      this.reReferrals,
      ...this.placedLocal,
      ...this.placedOoc,
      ...this.overflowNoEligible,
      ...this.overflowFull,
      this.assessments,
      this.waitsEnded,
      this.waitDays,
      ...this.breakdowns,
      ...this.stepDowns,
      this.stepDownsDelayed,
      this.stepDownDelayDays,
      this.ageLeft,
      this.ageReferredOn,
      this.artStarts,
      this.artLapses,
      this.artWaitDays,
      this.repatriations,
      this.soldPlacements,
      this.soldRefused,
      this.capital,
    ];
  }

  private readonly allLevels: PeriodLevel[];
  private readonly allCounters: PeriodCounter[];

  /** Global destination index of cohort c's destination d. */
  destination(c: number, d: number): number {
    return this.destIndex[c]![d]!;
  }

  /** Clear for the next replication, keeping the memory. */
  reset(): void {
    for (const l of this.allLevels) l.reset(-this.s.warmupDays, 0);
    for (const c of this.allCounters) c.reset();
    this.referredTotal = 0;
    this.exitedTotal = 0;
  }

  /**
   * Close the books at the end of the horizon and return the result matrix: one row per
   * series of `defs`, one column per month (row-major, `values[row * months + month]`).
   */
  finish(horizonDays: number): Float64Array {
    for (const l of this.allLevels) l.advance(horizonDays);
    const m = this.months;
    const out = new Float64Array(this.defs.length * m);
    const cal = this.s.calendar;
    const b = cal.monthBreaks;
    let row = 0;
    const sum = (cs: readonly PeriodCounter[]) => {
      for (let k = 0; k < m; k++) {
        let x = 0;
        for (const c of cs) x += c.totals[k]!;
        out[row * m + k] = x;
      }
      row++;
    };
    const mean = (l: PeriodLevel) => {
      for (let k = 0; k < m; k++) out[row * m + k] = l.areas[k]! / (b[k + 1]! - b[k]!);
      row++;
    };
    const nC = this.s.cohorts.length;
    sum(this.referrals);
    for (let c = 0; c < nC; c++) sum([this.referrals[c]!]);
    sum([this.reReferrals]);
    sum(this.placedLocal);
    sum(this.placedOoc);
    for (let c = 0; c < nC; c++) sum([this.placedLocal[c]!]);
    for (let c = 0; c < nC; c++) sum([this.placedOoc[c]!]);
    sum(this.overflowNoEligible);
    sum(this.overflowFull);
    for (let c = 0; c < nC; c++) sum([this.overflowNoEligible[c]!, this.overflowFull[c]!]);
    const days = (k: number) => b[k + 1]! - b[k]!;
    // Derived totals: sums of the per-home and per-cohort areas (and end levels).
    const areaSum = (ls: readonly PeriodLevel[], k: number) => {
      let x = 0;
      for (const l of ls) x += l.areas[k]!;
      return x;
    };
    for (let k = 0; k < m; k++)
      out[row * m + k] =
        (areaSum(this.home, k) +
          areaSum(this.oocByCohort, k) +
          this.waitingLocal.areas[k]! +
          this.assessmentOccupied.areas[k]!) /
        days(k);
    row++;
    for (let k = 0; k < m; k++) out[row * m + k] = areaSum(this.home, k) / days(k);
    row++;
    for (const h of this.home) mean(h);
    for (const l of this.localByCohort) mean(l);
    mean(this.bedsOpen);
    mean(this.bedsBlocked);
    for (let k = 0; k < m; k++) out[row * m + k] = areaSum(this.oocByCohort, k) / days(k);
    row++;
    for (let k = 0; k < m; k++) {
      let x = 0;
      for (const l of this.oocByCohort) x += l.endLevels[k]!;
      out[row * m + k] = x;
    }
    row++;
    for (const l of this.oocByCohort) mean(l);
    mean(this.assessmentOccupied);
    mean(this.assessmentOpen);
    sum([this.assessments]);
    mean(this.waitingLocal);
    sum([this.waitsEnded]);
    sum([this.waitDays]);
    sum(this.breakdowns);
    for (const c of this.breakdowns) sum([c]);
    sum(this.stepDowns);
    for (const c of this.stepDowns) sum([c]);
    sum([this.stepDownsDelayed]);
    sum([this.stepDownDelayDays]);
    mean(this.awaitingOnward);
    sum([this.ageLeft]);
    sum([this.ageReferredOn]);
    mean(this.artCaseload);
    mean(this.artCapacity);
    mean(this.artWaiting);
    sum([this.artStarts]);
    sum([this.artLapses]);
    sum([this.artWaitDays]);
    sum([this.repatriations]);
    sum([this.soldPlacements]);
    sum([this.soldRefused]);
    // Costs: area of the cost rate (£ a day at base prices) x the month's price index. The
    // rates that are a constant per child come from the occupancy areas.
    const totalRow = row + COST_CATEGORIES.length;
    const s = this.s;
    const area = new Float64Array(m);
    for (let i = 0; i < COST_CATEGORIES.length; i++) {
      const index = COST_CATEGORIES[i]!.external ? cal.externalIndex : cal.inHouseIndex;
      for (let k = 0; k < m; k++) {
        if (i === COST_HOME_VARIABLE) {
          let x = 0;
          for (let h = 0; h < s.homes.length; h++)
            x += s.homes[h]!.perOccupiedBedDay * this.home[h]!.areas[k]!;
          area[k] = x;
        } else if (i === COST_OOC_TRAVEL) area[k] = s.travelPerDay * areaSum(this.oocByCohort, k);
        else if (i === COST_SOLD_INCOME) {
          let x = 0;
          for (const c of s.cohorts)
            if (c.sold) x += c.sold.feePerDay * this.localByCohort[c.index]!.areas[k]!;
          area[k] = x;
        } else area[k] = this.costRate[i]!.areas[k]!;
      }
      const sign = i === COST_SOLD_INCOME ? -1 : 1;
      for (let k = 0; k < m; k++) {
        const money = area[k]! * index[k]!;
        out[row * m + k] = money;
        out[totalRow * m + k] += sign * money;
      }
      row++;
    }
    row++; // cost.total, filled above
    sum([this.capital]);
    if (row !== this.defs.length)
      throw new Error(`internal: ${row} rows written for ${this.defs.length} series`);
    return out;
  }
}
