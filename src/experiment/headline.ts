/**
 * Headline metrics: one number per replication that a strategist quotes (overflow share,
 * children out of county, cost per financial year...), computed from a replication's monthly
 * matrix. Everything a run summarises with intervals is defined here, once.
 *
 * Whole-run headlines (totals, averages, shares) cover the model's window of financial years
 * (time.window; by default the whole horizon), so that years of history are not averaged with the
 * years of a plan; headlines by financial year always cover every year.
 */
import type { SeriesDefinition, SeriesName } from '../model/metrics.ts';
import type { CalendarS } from '../model/scenario.ts';
import { toFinancialYears } from './years.ts';

export interface HeadlineDefinition {
  key: string;
  label: string;
  unit: string;
  /** A ratio (a share, a mean wait): summarised as the ratio of its totals over replications (ratioParts). */
  ratio?: true;
}

/** The months [from, to) of the window's financial years. */
export function windowMonths(cal: CalendarS): readonly [number, number] {
  const { fromFy, toFy } = cal.window;
  let from = 0;
  while (from < cal.monthFy.length && cal.monthFy[from]! < fromFy) from++;
  let to = from;
  while (to < cal.monthFy.length && cal.monthFy[to]! <= toFy) to++;
  return [from, to];
}

/** The labels of the window's financial years. */
export function windowYears(cal: CalendarS): string[] {
  return cal.fyLabels.slice(cal.window.fromFy, cal.window.toFy + 1);
}

/** The window in words: "2024/25 to 2032/33" (one year: "2024/25"). */
export function windowText(cal: CalendarS): string {
  const y = windowYears(cal);
  return y.length === 1 ? y[0]! : `${y[0]} to ${y[y.length - 1]}`;
}

/** Whether the window is the whole horizon. */
export function windowIsHorizon(cal: CalendarS): boolean {
  return cal.window.fromFy === 0 && cal.window.toFy === cal.fyLabels.length - 1;
}

/** Reads one replication's results by series name. */
export class ReplicationView {
  private readonly rows = new Map<SeriesName, number>();
  readonly years: Float64Array;
  readonly months: number;
  readonly nYears: number;
  /** The window's months [from, to): whole-run totals and averages cover these. */
  private readonly from: number;
  private readonly to: number;

  constructor(
    readonly monthly: Float64Array,
    readonly defs: readonly SeriesDefinition[],
    readonly cal: CalendarS,
  ) {
    defs.forEach((d, i) => this.rows.set(d.name, i));
    this.months = cal.monthFy.length;
    this.nYears = cal.fyLabels.length;
    this.years = toFinancialYears(monthly, defs, cal);
    [this.from, this.to] = windowMonths(cal);
  }

  has(name: SeriesName): boolean {
    return this.rows.has(name);
  }

  private row(name: SeriesName): number {
    const r = this.rows.get(name);
    if (r === undefined) throw new Error(`no series "${name}"`);
    return r;
  }

  /** Sum over the window of a count or cost series. */
  total(name: SeriesName): number {
    const r = this.row(name);
    let x = 0;
    for (let k = this.from; k < this.to; k++) x += this.monthly[r * this.months + k]!;
    return x;
  }

  /** Sum over the whole horizon of a count or cost series, whatever the window. */
  horizonTotal(name: SeriesName): number {
    const r = this.row(name);
    let x = 0;
    for (let k = 0; k < this.months; k++) x += this.monthly[r * this.months + k]!;
    return x;
  }

  /** Day-weighted mean over the window of a level series. */
  average(name: SeriesName): number {
    const r = this.row(name);
    const b = this.cal.monthBreaks;
    let x = 0;
    for (let k = this.from; k < this.to; k++) x += this.monthly[r * this.months + k]! * (b[k + 1]! - b[k]!);
    return x / (b[this.to]! - b[this.from]!);
  }

  /** Area (days x level) over the window of a level series. */
  area(name: SeriesName): number {
    const r = this.row(name);
    const b = this.cal.monthBreaks;
    let x = 0;
    for (let k = this.from; k < this.to; k++) x += this.monthly[r * this.months + k]! * (b[k + 1]! - b[k]!);
    return x;
  }

  /** The series' value in financial year y (aggregated as the series says). */
  year(name: SeriesName, y: number): number {
    return this.years[this.row(name) * this.nYears + y]!;
  }

  /** The level at the end of the window's last month. */
  atEnd(name: SeriesName): number {
    return this.monthly[this.row(name) * this.months + this.to - 1]!;
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** The headline metrics that are ratios. */
const RATIOS = new Set([
  'overflowShare',
  'occupancyRate',
  'stepDowns.meanDelayDays',
  'waits.meanDays',
  'art.meanWaitDays',
]);

/**
 * The numerator and denominator of a ratio headline in one replication: the ratio over many
 * replications is the ratio of their totals (stats/summary.ts, summariseRatio).
 * @throws Error for a headline that is not a ratio
 */
export function ratioParts(v: ReplicationView, key: string): readonly [number, number] {
  if (key.startsWith('fullShare.')) {
    const id = key.slice('fullShare.'.length);
    return [v.area(`full.home.${id}`), v.area(`open.home.${id}`)];
  }
  if (key.startsWith('overflowShare.')) {
    const y = v.cal.fyLabels.indexOf(key.slice('overflowShare.'.length));
    return [
      v.year('overflow.allFull', y) + v.year('overflow.noEligibleBed', y),
      v.year('placements.local', y) + v.year('placements.outOfCounty', y),
    ];
  }
  switch (key) {
    case 'overflowShare':
      return [
        v.total('overflow.allFull') + v.total('overflow.noEligibleBed'),
        v.total('placements.local') + v.total('placements.outOfCounty'),
      ];
    case 'occupancyRate':
      return [v.average('occupancy.local'), v.average('beds.open')];
    case 'allFullShare':
      return [v.area('homes.allFull'), v.area('homes.anyOpen')];
    case 'stepDowns.meanDelayDays':
      return [v.total('stepDowns.delayDays'), v.total('stepDowns.delayed')];
    case 'waits.meanDays':
      return [v.total('waits.days'), v.total('waits.ended')];
    case 'art.meanWaitDays':
      return [v.total('art.waitDays'), v.total('art.starts')];
  }
  throw new Error(`headline "${key}" is not a ratio`);
}

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
  const fullDefs = defs.filter((d) => d.name.startsWith('full.home.'));
  for (const d of fullDefs)
    h.push({
      key: `fullShare.${d.name.slice('full.home.'.length)}`,
      label: `${d.label.replace(/^Admitting but full: /, '')}: share of its open days with no bed free`,
      unit: 'share',
      ratio: true,
    });
  if (fullDefs.length > 0)
    h.push({
      key: 'allFullShare',
      label: 'Every local home full: share of days some home was open when none had a bed free',
      unit: 'share',
      ratio: true,
    });
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
  const span = windowIsHorizon(cal) ? 'whole horizon' : windowText(cal);
  for (const d of defs)
    if (d.name.startsWith('cost.')) h.push({ key: d.name, label: `${d.label}, ${span}`, unit: '£' });
  // Capital is counted over every year, like the net present value: most of it comes before a plan's window.
  const capital = defs.find((d) => d.name === 'capital');
  if (capital) h.push({ key: 'capital', label: `${capital.label}, whole horizon`, unit: '£' });
  cal.fyLabels.forEach((fy) => {
    h.push({ key: `cost.total.${fy}`, label: `Total revenue cost in ${fy}`, unit: '£' });
    h.push({
      key: `outOfCounty.atEnd.${fy}`,
      label: `Children out of county at the end of ${fy}`,
      unit: 'children',
    });
    h.push({
      key: `overflowShare.${fy}`,
      label: `Overflow share in ${fy}: placements out of county for want of a suitable local bed, of all placements that year`,
      unit: 'share',
      ratio: true,
    });
  });
  for (const x of h) if (RATIOS.has(x.key)) x.ratio = true;
  return h;
}

/** The headline values of one replication, in the order of `headlineDefinitions`. */
export function headlineValues(v: ReplicationView, heads: readonly HeadlineDefinition[]): Float64Array {
  const out = new Float64Array(heads.length);
  heads.forEach((h, i) => {
    const k = h.key;
    let x: number;
    if (h.ratio) {
      const [a, b] = ratioParts(v, k);
      x = ratio(a, b);
    } else if (k === 'outOfCounty.atEnd') x = v.atEnd('outOfCounty.childrenAtEnd');
    else if (k === 'capital') x = v.horizonTotal('capital');
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
