/**
 * Headline metrics: one number per replication that a strategist quotes (overflow share,
 * children out of county, cost per financial year...), computed from a replication's monthly
 * matrix. Everything a run summarises with intervals is defined here, once.
 */
import type { SeriesDefinition, SeriesName } from '../model/metrics.ts';
import type { CalendarS } from '../model/scenario.ts';
import { toFinancialYears } from './years.ts';

export interface HeadlineDefinition {
  key: string;
  label: string;
  unit: string;
}

/** Reads one replication's results by series name. */
export class ReplicationView {
  private readonly rows = new Map<SeriesName, number>();
  readonly years: Float64Array;
  readonly months: number;
  readonly nYears: number;

  constructor(
    readonly monthly: Float64Array,
    readonly defs: readonly SeriesDefinition[],
    readonly cal: CalendarS,
  ) {
    defs.forEach((d, i) => this.rows.set(d.name, i));
    this.months = cal.monthFy.length;
    this.nYears = cal.fyLabels.length;
    this.years = toFinancialYears(monthly, defs, cal);
  }

  has(name: SeriesName): boolean {
    return this.rows.has(name);
  }

  private row(name: SeriesName): number {
    const r = this.rows.get(name);
    if (r === undefined) throw new Error(`no series "${name}"`);
    return r;
  }

  /** Sum over the whole horizon of a count or cost series. */
  total(name: SeriesName): number {
    const r = this.row(name);
    let x = 0;
    for (let k = 0; k < this.months; k++) x += this.monthly[r * this.months + k]!;
    return x;
  }

  /** Day-weighted mean over the whole horizon of a level series. */
  average(name: SeriesName): number {
    const r = this.row(name);
    const b = this.cal.monthBreaks;
    let x = 0;
    for (let k = 0; k < this.months; k++) x += this.monthly[r * this.months + k]! * (b[k + 1]! - b[k]!);
    return x / (b[this.months]! - b[0]!);
  }

  /** The series' value in financial year y (aggregated as the series says). */
  year(name: SeriesName, y: number): number {
    return this.years[this.row(name) * this.nYears + y]!;
  }

  /** The level at the end of the last month. */
  atEnd(name: SeriesName): number {
    return this.monthly[this.row(name) * this.months + this.months - 1]!;
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** The headline metrics of a run of this shape (homes, years, cost categories). */
export function headlineDefinitions(defs: readonly SeriesDefinition[], cal: CalendarS): HeadlineDefinition[] {
  const h: HeadlineDefinition[] = [
    { key: 'referrals', label: 'New referrals', unit: 'children' },
    { key: 'placements.local', label: 'Placements started in local homes', unit: 'placements' },
    { key: 'placements.outOfCounty', label: 'Placements started out of county', unit: 'placements' },
    {
      key: 'overflowShare',
      label: 'Overflow share: placements out of county for want of a suitable local bed, of all placements',
      unit: 'share',
    },
    { key: 'overflow.allFull', label: 'Overflow because suitable local beds were full', unit: 'placements' },
    {
      key: 'overflow.noEligibleBed',
      label:
        'Overflow because no suitable local home was open (none for the need, or only the one where the placement broke down)',
      unit: 'placements',
    },
    { key: 'occupancy.local', label: 'Children in local homes (average)', unit: 'children' },
    { key: 'beds.open', label: 'Local beds open (average)', unit: 'beds' },
    { key: 'occupancyRate', label: 'Local occupancy (children / beds open)', unit: 'share' },
  ];
  for (const d of defs)
    if (d.name.startsWith('occupancy.home.'))
      h.push({ key: d.name, label: `${d.label} (average)`, unit: 'children' });
  h.push(
    { key: 'outOfCounty.children', label: 'Children out of county (average)', unit: 'children' },
    { key: 'outOfCounty.atEnd', label: 'Children out of county at the end', unit: 'children' },
    { key: 'breakdowns', label: 'Placement breakdowns', unit: 'breakdowns' },
    { key: 'stepDowns', label: 'Planned step-downs', unit: 'children' },
    { key: 'stepDowns.delayed', label: 'Step-downs delayed for an onward place', unit: 'children' },
    { key: 'stepDowns.meanDelayDays', label: 'Mean delay of a delayed step-down', unit: 'days' },
    { key: 'waits.meanDays', label: 'Mean wait for a local bed (waits ended)', unit: 'days' },
    { key: 'art.caseload', label: 'ART caseload (average)', unit: 'children' },
    { key: 'art.waiting', label: 'ART waiting list (average)', unit: 'children' },
    { key: 'art.meanWaitDays', label: 'Mean wait for ART support', unit: 'days' },
  );
  for (const d of defs)
    if (d.name.startsWith('cost.') || d.name === 'capital')
      h.push({ key: d.name, label: `${d.label}, whole horizon`, unit: '£' });
  cal.fyLabels.forEach((fy) => {
    h.push({ key: `cost.total.${fy}`, label: `Total revenue cost in ${fy}`, unit: '£' });
    h.push({
      key: `outOfCounty.atEnd.${fy}`,
      label: `Children out of county at the end of ${fy}`,
      unit: 'children',
    });
  });
  return h;
}

/** The headline values of one replication, in the order of `headlineDefinitions`. */
export function headlineValues(v: ReplicationView, heads: readonly HeadlineDefinition[]): Float64Array {
  const out = new Float64Array(heads.length);
  const placements = v.total('placements.local') + v.total('placements.outOfCounty');
  heads.forEach((h, i) => {
    const k = h.key;
    let x: number;
    if (k === 'overflowShare')
      x = ratio(v.total('overflow.allFull') + v.total('overflow.noEligibleBed'), placements);
    else if (k === 'occupancyRate') x = ratio(v.average('occupancy.local'), v.average('beds.open'));
    else if (k === 'outOfCounty.atEnd') x = v.atEnd('outOfCounty.childrenAtEnd');
    else if (k === 'stepDowns.meanDelayDays')
      x = ratio(v.total('stepDowns.delayDays'), v.total('stepDowns.delayed'));
    else if (k === 'waits.meanDays') x = ratio(v.total('waits.days'), v.total('waits.ended'));
    else if (k === 'art.meanWaitDays') x = ratio(v.total('art.waitDays'), v.total('art.starts'));
    else if (k.startsWith('cost.total.'))
      x = v.year('cost.total', v.cal.fyLabels.indexOf(k.slice('cost.total.'.length)));
    else if (k.startsWith('outOfCounty.atEnd.'))
      x = v.year('outOfCounty.childrenAtEnd', v.cal.fyLabels.indexOf(k.slice('outOfCounty.atEnd.'.length)));
    else {
      const def = v.defs.find((d) => d.name === k);
      if (!def) throw new Error(`headline "${k}" has no series`);
      x = def.aggregation === 'sum' ? v.total(def.name) : v.average(def.name);
    }
    out[i] = x;
  });
  return out;
}
