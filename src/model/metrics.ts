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
 * knowing what they mean. Which series there are, and how each row is computed from the
 * ledger, is the one table in series.ts.
 */
import { PeriodLedger } from '../engine/periodLedger.ts';
import type { Scenario } from './scenario.ts';
import { COST_CATEGORIES, seriesNumbers, type SeriesNumbers } from './ledgerLayout.ts';
import { destinationIds, seriesRows, type Books, type SeriesDefinition, type SeriesRow } from './series.ts';

export {
  COST_ART,
  COST_ASSESSMENT,
  COST_CATEGORIES,
  COST_HOME_FIXED,
  COST_HOME_NEED,
  COST_HOME_VARIABLE,
  COST_ONWARD,
  COST_OOC_PLACEMENTS,
  COST_OOC_TRAVEL,
  COST_SOLD_INCOME,
  type CostKey,
  type LedgerSeries,
  type SeriesNumbers,
} from './ledgerLayout.ts';
export {
  destinationIds,
  seriesDefinitions,
  type Aggregation,
  type SeriesDefinition,
  type SeriesName,
} from './series.ts';

// The series numbers are properties of every Metrics, set from seriesNumbers() in one assignment.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface Metrics extends SeriesNumbers {}

/**
 * The accumulators of one replication; reusable across replications via reset().
 *
 * A Metrics is the results ledger (engine/periodLedger.ts) with its series named: the model moves
 * the clock once per event (`at`) and then records changes by series number,
 * `m.level(m.home + h, +1)`, `m.count(m.referrals + c, 1)`. It extends the ledger rather than
 * wrapping it so that each update is one call, not two: the hot loop makes several per event,
 * and a wrapper's bytes count against V8's inlining budget.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Metrics extends PeriodLedger {
  readonly defs: SeriesDefinition[];
  readonly months: number;
  /** Step-down destinations across all cohorts (destinationIds). */
  readonly destinations: number;
  private readonly s: Scenario;
  /** The rows of the result matrix, from the series table (defs are their definitions). */
  private readonly rows: SeriesRow[];
  private readonly destIndex: Int32Array[];
  private readonly monthDays: Float64Array;
  /** Offset in the result matrix of each cost category's row. */
  private readonly costRows: Int32Array;
  /** Whole-run tallies, warm-up included, for conservation checks. */
  referredTotal = 0;
  exitedTotal = 0;

  constructor(s: Scenario) {
    const b = s.calendar.monthBreaks;
    const dests = destinationIds(s);
    const layout = seriesNumbers(s, dests.length);
    super(b, layout.levels, layout.counters, -s.warmupDays);
    Object.assign(this, layout.numbers);
    this.s = s;
    this.rows = seriesRows(s);
    this.defs = this.rows.map(({ name, label, unit, aggregation }) => ({ name, label, unit, aggregation }));
    this.months = b.length - 1;
    this.destIndex = s.cohorts.map((c) => Int32Array.from(c.stepDown?.ids ?? [], (id) => dests.indexOf(id)));
    this.destinations = dests.length;
    this.monthDays = Float64Array.from({ length: this.months }, (_, k) => b[k + 1]! - b[k]!);
    this.costRows = Int32Array.from(COST_CATEGORIES, (c) => this.rowOf(`cost.${c.key}`) * this.months);
  }

  /** Global destination index of cohort c's destination d. */
  destination(c: number, d: number): number {
    return this.destIndex[c]![d]!;
  }

  /**
   * Clear for the next replication (from the warm-up's start unless t0 is given), keeping the memory.
   * The ledger's constructor calls this too, before the fields above are set: it gives t0.
   */
  override reset(t0: number = -this.s.warmupDays): void {
    super.reset(t0);
    this.referredTotal = 0;
    this.exitedTotal = 0;
  }

  /**
   * Close the books at the end of the horizon and write the result matrix: one row per
   * series of `defs`, one column per month (row-major, `values[row * months + month]`), each
   * written as the series table says.
   * @param into where to write (length defs x months); a new array if omitted.
   * @throws {RangeError} if `into` has the wrong length.
   */
  finish(horizonDays: number, into?: Float64Array): Float64Array {
    this.close(horizonDays);
    const m = this.months;
    const out = into ?? new Float64Array(this.defs.length * m);
    if (out.length !== this.defs.length * m)
      throw new RangeError(`result matrix needs ${this.defs.length * m} cells, got ${out.length}`);
    const books: Books = {
      s: this.s,
      m: this,
      destinations: this.destinations,
      out,
      months: m,
      days: this.monthDays,
      areas: this.areas,
      endLevels: this.endLevels,
      totals: this.totals,
      costRows: this.costRows,
    };
    const rows = this.rows;
    for (let r = 0; r < rows.length; r++) rows[r]!.row(books, r * m, rows[r]!.item);
    return out;
  }

  /** Row of the series called `name`. */
  private rowOf(name: string): number {
    const r = this.rows.findIndex((d) => d.name === name);
    if (r < 0) throw new Error(`internal: no series ${name}`);
    return r;
  }
}
