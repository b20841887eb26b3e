/**
 * The series a replication reports: ONE table from which both the series definitions (name,
 * label, unit, aggregation) and the end-of-replication rows of the result matrix are derived.
 *
 * Why one table: the definitions and the code that writes the rows were once two lists that had
 * to stay in the same order, guarded only by a row count. Here each entry says what a series is
 * and how its row is computed from the ledger (metrics.ts), so the two cannot drift apart; the
 * `SeriesName` type is derived from the table, so a misspelt series name is a type error.
 *
 * An entry is one series, or one per cohort, home, step-down destination or cost category (`per`),
 * named `<name>.<id>`. Rows come in table order, an entry's items in scenario order. A row's
 * computation must keep its floating-point additions in the order written here: results are
 * compared byte for byte across versions.
 */
import { COST_CATEGORIES, type CostKey, type LedgerSeries, type SeriesNumbers } from './ledgerLayout.ts';
import type { Scenario } from './scenario.ts';

/** How monthly values combine into a financial year: a day-weighted mean, the last month's end value, or a sum. */
export type Aggregation = 'mean' | 'end' | 'sum';

/** What a row is computed from when the books close. */
export interface Books {
  readonly s: Scenario;
  /** The ledger's series numbers. */
  readonly m: SeriesNumbers;
  /** Step-down destinations across all cohorts. */
  readonly destinations: number;
  /** The result matrix (row-major, `months` a row). */
  readonly out: Float64Array;
  readonly months: number;
  /** Days in each month. */
  readonly days: Float64Array;
  /** Level areas, end levels and count totals by series and month (PeriodLedger). */
  readonly areas: Float64Array;
  readonly endLevels: Float64Array;
  readonly totals: Float64Array;
  /** Offset in `out` of each cost category's row. */
  readonly costRows: Int32Array;
}

/** Write a row at offset `at` of `b.out`; `i` is the item (cohort, home, destination or category index). */
type Row = (b: Books, at: number, i: number) => void;

/** Per what an entry has one series each. */
type Per = 'cohort' | 'home' | 'destination' | 'cost';

interface SeriesSpec {
  readonly name: string;
  /** One series per item (`<name>.<id>`), or undefined: one series. */
  readonly per: Per | undefined;
  /** A fixed label, or one made from the item's label (its id for a destination). */
  readonly label: string | ((item: string) => string);
  /** Unit of the monthly value: children, beds, referrals, £... */
  readonly unit: string;
  readonly aggregation: Aggregation;
  readonly row: Row;
}

/** How many items of a kind the scenario has. */
function itemCount(b: Books, per: Per): number {
  return per === 'cohort'
    ? b.s.cohorts.length
    : per === 'home'
      ? b.s.homes.length
      : per === 'destination'
        ? b.destinations
        : COST_CATEGORIES.length;
}

/**
 * A count series: the monthly total of ledger count `key`, summed over every cohort, home or
 * destination (the run of series from `key`) when `over` is given.
 */
function count<N extends string>(name: N, label: string, unit: string, key: LedgerSeries, over?: Per) {
  const row: Row = (b, at) =>
    sumRows(b.out, at, b.totals, b.m[key], over ? itemCount(b, over) : 1, b.months, null);
  return { name, per: undefined, label, unit, aggregation: 'sum', row } as const;
}

/** A level series: the monthly time average of ledger level `key` (area / days), summed as for `count`. */
function level<N extends string>(name: N, label: string, unit: string, key: LedgerSeries, over?: Per) {
  const row: Row = (b, at) =>
    sumRows(b.out, at, b.areas, b.m[key], over ? itemCount(b, over) : 1, b.months, b.days);
  return { name, per: undefined, label, unit, aggregation: 'mean', row } as const;
}

/** A count series per item, `<name>.<id>`: item i's is ledger count `key` + i. */
function countEach<N extends string, P extends Per>(
  per: P,
  name: N,
  label: (item: string) => string,
  unit: string,
  key: LedgerSeries,
) {
  const row: Row = (b, at, i) => sumRows(b.out, at, b.totals, b.m[key] + i, 1, b.months, null);
  return { name, per, label, unit, aggregation: 'sum', row } as const;
}

/** A level series per item, `<name>.<id>`: item i's is ledger level `key` + i. */
function levelEach<N extends string, P extends Per>(
  per: P,
  name: N,
  label: (item: string) => string,
  unit: string,
  key: LedgerSeries,
) {
  const row: Row = (b, at, i) => sumRows(b.out, at, b.areas, b.m[key] + i, 1, b.months, b.days);
  return { name, per, label, unit, aggregation: 'mean', row } as const;
}

// One line an entry, so that the table reads as a table.
// prettier-ignore
const SERIES = [
  count('referrals', 'New referrals', 'children', 'referrals', 'cohort'),
  countEach('cohort', 'referrals', (c) => `New referrals: ${c}`, 'children', 'referrals'),
  count('reReferrals', 'Referrals after a breakdown or at an age limit', 'children', 'reReferrals'),
  count('placements.local', 'Placements started in local homes', 'placements', 'placedLocal', 'cohort'),
  count('placements.outOfCounty', 'Placements started out of county', 'placements', 'placedOoc', 'cohort'),
  countEach('cohort', 'placements.local', (c) => `Local placements: ${c}`, 'placements', 'placedLocal'),
  countEach('cohort', 'placements.outOfCounty', (c) => `Out-of-county placements: ${c}`, 'placements', 'placedOoc'),
  count('overflow.noEligibleBed', 'Overflow: no suitable local home open for the need', 'placements', 'overflowNoEligible', 'cohort'),
  count('overflow.allFull', 'Overflow: suitable local beds all full', 'placements', 'overflowFull', 'cohort'),
  {
    name: 'overflow', per: 'cohort', label: (c: string) => `Overflow: ${c}`, unit: 'placements', aggregation: 'sum',
    row: (b, at, c) => {
      sumRows(b.out, at, b.totals, b.m.overflowNoEligible + c, 1, b.months, null);
      addRows(b.out, at, b.totals, b.m.overflowFull + c, 1, b.months);
    },
  },
  {
    name: 'children.inCare', per: undefined, label: 'Children needing a placement', unit: 'children', aggregation: 'mean',
    // Derived: the sum of the per-home, out-of-county, waiting and assessment areas.
    row: (b, at) => {
      const { out, m, areas, months } = b;
      sumRows(out, at, areas, m.home, b.s.homes.length, months, null);
      addRows(out, at, areas, m.oocByCohort, b.s.cohorts.length, months);
      addRows(out, at, areas, m.waitingLocal, 1, months);
      addRows(out, at, areas, m.assessmentOccupied, 1, months);
      for (let k = 0; k < months; k++) out[at + k]! /= b.days[k]!;
    },
  },
  level('occupancy.local', 'Children in local homes', 'children', 'home', 'home'),
  levelEach('home', 'occupancy.home', (h) => `Children in ${h}`, 'children', 'home'),
  levelEach('cohort', 'occupancy.local', (c) => `Children in local homes: ${c}`, 'children', 'localByCohort'),
  level('beds.open', 'Local beds open', 'beds', 'bedsOpen'),
  levelEach('home', 'open.home', (h) => `Admitting children: ${h}`, 'share of time', 'homeOpen'),
  levelEach('home', 'full.home', (h) => `Admitting but full: ${h}`, 'share of time', 'homeFull'),
  level('homes.anyOpen', 'Some local home admitting children', 'share of time', 'anyHomeOpen'),
  level('homes.allFull', 'Every local home admitting is full', 'share of time', 'allHomesFull'),
  level('beds.blocked', 'Local beds blocked by single occupancy', 'beds', 'bedsBlocked'),
  level('outOfCounty.children', 'Children placed out of county', 'children', 'oocByCohort', 'cohort'),
  {
    name: 'outOfCounty.childrenAtEnd', per: undefined, label: 'Children placed out of county at the end of the period',
    unit: 'children', aggregation: 'end',
    row: (b, at) => sumRows(b.out, at, b.endLevels, b.m.oocByCohort, b.s.cohorts.length, b.months, null),
  },
  levelEach('cohort', 'outOfCounty', (c) => `Children out of county: ${c}`, 'children', 'oocByCohort'),
  {
    name: 'oocCost', per: 'cohort', label: (c: string) => `Out-of-county placements: ${c}`, unit: '£', aggregation: 'sum',
    // The cohort's rate area, paid by the same index as cost.oocPlacements.
    row: (b, at, c) => {
      sumRows(b.out, at, b.areas, b.m.oocCostByCohort + c, 1, b.months, null);
      const index = b.s.calendar.oocPaymentIndex;
      for (let k = 0; k < b.months; k++) b.out[at + k] = b.out[at + k]! * index[k]!;
    },
  },
  level('assessment.occupied', 'Children in assessment beds', 'children', 'assessmentOccupied'),
  level('assessment.open', 'Assessment beds open', 'beds', 'assessmentOpen'),
  count('assessments', 'Assessments started', 'children', 'assessments'),
  level('waiting.local', 'Children waiting for a local bed', 'children', 'waitingLocal'),
  count('waits.ended', 'Waits for a local bed ended', 'children', 'waitsEnded'),
  count('waits.days', 'Days waited for a local bed (waits ended)', 'days', 'waitDays'),
  count('breakdowns', 'Placement breakdowns', 'breakdowns', 'breakdowns', 'cohort'),
  countEach('cohort', 'breakdowns', (c) => `Breakdowns: ${c}`, 'breakdowns', 'breakdowns'),
  count('stepDowns', 'Planned step-downs', 'children', 'stepDowns', 'destination'),
  countEach('destination', 'stepDowns', (d) => `Step-downs to ${d}`, 'children', 'stepDowns'),
  count('stepDowns.delayed', 'Step-downs delayed for an onward place', 'children', 'stepDownsDelayed'),
  count('stepDowns.delayDays', 'Days beds stayed occupied awaiting an onward place (delays ended)', 'days', 'stepDownDelayDays'),
  level('awaitingOnward', 'Children ready to step down, awaiting an onward place', 'children', 'awaitingOnward'),
  level('onward.children', 'Children in onward placements paid for after a step-down', 'children', 'inOnward'),
  count('ageLimit.left', 'Children leaving at an age limit', 'children', 'ageLeft'),
  count('ageLimit.referredOn', 'Children referred on at an age limit', 'children', 'ageReferredOn'),
  level('art.caseload', 'ART caseload', 'children', 'artCaseload'),
  level('art.capacity', 'ART capacity', 'children', 'artCapacity'),
  level('art.waiting', 'ART waiting list', 'children', 'artWaiting'),
  count('art.starts', 'ART support started', 'children', 'artStarts'),
  count('art.lapses', 'ART referrals lapsed', 'children', 'artLapses'),
  count('art.waitDays', 'Days waited for the ART (support started)', 'days', 'artWaitDays'),
  count('repatriations', 'Children brought back into county', 'children', 'repatriations'),
  count('sold.placements', 'Places sold to neighbouring councils', 'placements', 'soldPlacements'),
  count('sold.refused', "Neighbours' referrals refused", 'children', 'soldRefused'),
  { name: 'cost', per: 'cost', label: (c: string) => c, unit: '£', aggregation: 'sum', row: costRow },
  {
    name: 'cost.total', per: undefined, label: 'Total revenue cost (net of income)', unit: '£', aggregation: 'sum',
    // The categories' rows (written before: they come first), income subtracted.
    row: (b, at) => {
      const { out, months } = b;
      out.fill(0, at, at + months);
      for (let i = 0; i < COST_CATEGORIES.length; i++) {
        const o = b.costRows[i]!;
        const sign = COST_CATEGORIES[i]!.income ? -1 : 1;
        for (let k = 0; k < months; k++) out[at + k]! += sign * out[o + k]!;
      }
    },
  },
  count('capital', 'Capital spent (net of grants)', '£', 'capital'),
] as const satisfies readonly SeriesSpec[];

/**
 * Cost category i's row: the area under its daily rate at base prices (the rates that are a
 * constant per child come from the occupancy areas) times the month's price index.
 */
function costRow(b: Books, at: number, i: number): void {
  const { out, m, s, areas, months } = b;
  const category = COST_CATEGORIES[i]!;
  switch (category.rate) {
    case 'perOccupiedBed':
      out.fill(0, at, at + months);
      for (let h = 0; h < s.homes.length; h++)
        addRows(out, at, areas, m.home + h, 1, months, s.homes[h]!.perOccupiedBedDay);
      break;
    case 'perChildOutOfCounty':
      out.fill(0, at, at + months);
      addRows(out, at, areas, m.oocByCohort, s.cohorts.length, months, s.travelPerDay);
      break;
    case 'perPlaceSold':
      out.fill(0, at, at + months);
      for (const c of s.cohorts)
        if (c.sold) addRows(out, at, areas, m.localByCohort + c.index, 1, months, c.sold.feePerDay);
      break;
    default:
      sumRows(out, at, areas, m.costRate + i, 1, months, null);
  }
  const index = category.index === 'oocPayment' ? s.calendar.oocPaymentIndex : s.calendar.inHouseIndex;
  for (let k = 0; k < months; k++) out[at + k] = out[at + k]! * index[k]!;
}

type Entry = (typeof SERIES)[number];
type NameOf<E extends Entry> = E extends { readonly per: 'cost' }
  ? `${E['name']}.${CostKey}`
  : E extends { readonly per: Per }
    ? `${E['name']}.${string}`
    : E['name'];

/**
 * The name of a series: a fixed name (`'cost.total'`), or a per-item name
 * (`` `occupancy.home.${string}` ``, `` `cost.${CostKey}` ``). A misspelt name is a type error.
 */
export type SeriesName = NameOf<Entry>;

export interface SeriesDefinition {
  /** Stable machine name, e.g. `occupancy.home.oldPostOffice`. */
  readonly name: SeriesName;
  readonly label: string;
  /** Unit of the monthly value: children, beds, referrals, £... */
  readonly unit: string;
  readonly aggregation: Aggregation;
}

/** Step-down destination ids across all cohorts, in first-seen order. */
export function destinationIds(s: Scenario): string[] {
  const ids: string[] = [];
  for (const c of s.cohorts) for (const id of c.stepDown?.ids ?? []) if (!ids.includes(id)) ids.push(id);
  return ids;
}

/** One row of the result matrix: its definition, and how it is written (item i of its entry). */
export interface SeriesRow extends SeriesDefinition {
  readonly row: Row;
  readonly item: number;
}

/**
 * Beyond this many homes a run reports its homes together, not each home's children, admitting
 * days and full days: at 3,000 homes (a national model) the series of each home were 9,000 of a
 * replication's 9,100 rows, 19 MB a replication and most of the run's time summarising them,
 * for a table no one would read home by home. A council's model (8 homes) is well below it.
 */
export const MAX_HOMES_REPORTED_EACH = 100;

/** Whether a scenario's results have a series for each home (see MAX_HOMES_REPORTED_EACH). */
export const reportsEachHome = (s: Scenario): boolean => s.homes.length <= MAX_HOMES_REPORTED_EACH;

/** Every row a replication of this scenario reports, in the order of the result matrix. */
export function seriesRows(s: Scenario): SeriesRow[] {
  const rows: SeriesRow[] = [];
  const destinations = destinationIds(s);
  const eachHome = reportsEachHome(s);
  for (const e of SERIES as readonly SeriesSpec[]) {
    const { unit, aggregation, row } = e;
    if (e.per === 'home' && !eachHome) continue;
    if (e.per === undefined) {
      rows.push({ name: e.name as SeriesName, label: e.label as string, unit, aggregation, row, item: 0 });
      continue;
    }
    const items =
      e.per === 'cohort'
        ? s.cohorts.map((c) => [c.id, c.label])
        : e.per === 'home'
          ? s.homes.map((h) => [h.id, h.label])
          : e.per === 'destination'
            ? destinations.map((d) => [d, d])
            : COST_CATEGORIES.map((c) => [c.key, c.label]);
    const label = e.label as (item: string) => string;
    items.forEach(([id, itemLabel], item) =>
      rows.push({
        name: `${e.name}.${id}` as SeriesName,
        label: label(itemLabel!),
        unit,
        aggregation,
        row,
        item,
      }),
    );
  }
  return rows;
}

/** Every series a replication of this scenario reports, in the order of the result matrix's rows. */
export function seriesDefinitions(s: Scenario): SeriesDefinition[] {
  return seriesRows(s).map(({ name, label, unit, aggregation }) => ({ name, label, unit, aggregation }));
}

/**
 * out[at + k] = the sum over series first .. first + n - 1 of from[series x months + k], divided
 * by days[k] when given (an area into a time average).
 */
export function sumRows(
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
export function addRows(
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
