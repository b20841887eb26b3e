/**
 * The layout of the results ledger: which series the care model records as it runs (levels and
 * counts, by home, cohort, step-down destination and cost category) and the number of each.
 *
 * Why a module of its own: the model records changes by series number (`m.level(m.home + h, 1)`),
 * the series table (series.ts) reads the ledger by the same numbers, and the ledger (metrics.ts)
 * is built from them; each of those imports this, so none needs another and no import circle forms.
 */
import type { Scenario } from './scenario.ts';

/**
 * Cost categories, each a `cost.<key>` series. `rate` says where its daily rate (£ a day at base
 * prices) comes from: a cost-rate level the model keeps, or a fixed rate per occupied bed, per
 * child out of county or per place sold, applied to occupancy when the books close. `index`: the
 * price index that turns base-price money into each month's money (in-house costs, external
 * placements as paid: CalendarS.oocPaymentIndex). `income`: subtracted in `cost.total`.
 */
export const COST_CATEGORIES = [
  { key: 'homeFixed', label: 'Local homes: running costs', index: 'inHouse', rate: 'level', income: false },
  {
    key: 'homeVariable',
    label: 'Local homes: per occupied bed',
    index: 'inHouse',
    rate: 'perOccupiedBed',
    income: false,
  },
  {
    key: 'homeNeed',
    label: "Local homes: extra support for children's needs",
    index: 'inHouse',
    rate: 'level',
    income: false,
  },
  { key: 'assessment', label: 'Assessment beds', index: 'inHouse', rate: 'level', income: false },
  { key: 'art', label: 'ART', index: 'inHouse', rate: 'level', income: false },
  {
    key: 'oocPlacements',
    label: 'Out-of-county placements',
    index: 'oocPayment',
    rate: 'level',
    income: false,
  },
  {
    key: 'oocTravel',
    label: 'Out-of-county travel',
    index: 'inHouse',
    rate: 'perChildOutOfCounty',
    income: false,
  },
  {
    key: 'onward',
    label: 'Onward placements after step-down',
    index: 'inHouse',
    rate: 'level',
    income: false,
  },
  {
    key: 'soldIncome',
    label: 'Income from places sold',
    index: 'inHouse',
    rate: 'perPlaceSold',
    income: true,
  },
] as const;
export type CostKey = (typeof COST_CATEGORIES)[number]['key'];
export const COST_HOME_FIXED = 0;
export const COST_HOME_VARIABLE = 1;
export const COST_HOME_NEED = 2;
export const COST_ASSESSMENT = 3;
export const COST_ART = 4;
export const COST_OOC_PLACEMENTS = 5;
export const COST_OOC_TRAVEL = 6;
export const COST_ONWARD = 7;
export const COST_SOLD_INCOME = 8;

/**
 * The ledger's series numbers for a scenario: levels first, then counts, each per-item run
 * (per home, cohort, destination, cost category) consecutive, so that a number such as `home` is
 * that of the first home's series. Properties are evaluated in order, so this one object literal
 * is the layout.
 */
export function seriesNumbers(s: Scenario, destinations: number) {
  const nC = s.cohorts.length;
  let levels = 0;
  const level = (n = 1) => ((levels += n), levels - n);
  let counters = 0;
  const counter = (n = 1) => ((counters += n), counters - n);
  const numbers = {
    // Levels. Totals (children in care, in local homes, out of county) and the costs that are a
    // fixed rate per child (per occupied bed, travel, income from places sold) are not levels of
    // their own: the series table derives them from the per-home and per-cohort levels, which
    // saves three to four updates per placement in the hot loop.
    home: level(s.homes.length),
    /** Per home: 1 while it admits children (homeOpen) and while it admits but has no bed free (homeFull). */
    homeOpen: level(s.homes.length),
    homeFull: level(s.homes.length),
    /** 1 while some home admits children, and while every home that admits has no bed free. */
    anyHomeOpen: level(),
    allHomesFull: level(),
    localByCohort: level(nC),
    bedsOpen: level(),
    bedsBlocked: level(),
    oocByCohort: level(nC),
    /** The daily rate of each cohort's external placements (£ at base prices, times vintage factors). */
    oocCostByCohort: level(nC),
    assessmentOccupied: level(),
    assessmentOpen: level(),
    waitingLocal: level(),
    awaitingOnward: level(),
    /** Children in onward placements the council pays for after a step-down. */
    inOnward: level(),
    artCaseload: level(),
    artCapacity: level(),
    artWaiting: level(),
    /** Cost rates, £ a day at price-base prices, by COST_* category (the derived ones stay at 0). */
    costRate: level(COST_CATEGORIES.length),
    // Counts.
    referrals: counter(nC),
    reReferrals: counter(),
    placedLocal: counter(nC),
    placedOoc: counter(nC),
    overflowNoEligible: counter(nC),
    overflowFull: counter(nC),
    assessments: counter(),
    waitsEnded: counter(),
    waitDays: counter(),
    breakdowns: counter(nC),
    stepDowns: counter(destinations),
    stepDownsDelayed: counter(),
    stepDownDelayDays: counter(),
    ageLeft: counter(),
    ageReferredOn: counter(),
    artStarts: counter(),
    artLapses: counter(),
    artWaitDays: counter(),
    repatriations: counter(),
    soldPlacements: counter(),
    soldRefused: counter(),
    capital: counter(),
  };
  return { numbers, levels, counters };
}

/** The ledger's series numbers, by name (see seriesNumbers). */
export type SeriesNumbers = Readonly<ReturnType<typeof seriesNumbers>['numbers']>;

/** The ledger series a row may read: a series number of the layout (a per-item run by its first). */
export type LedgerSeries = keyof SeriesNumbers;
