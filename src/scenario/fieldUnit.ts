/**
 * The unit of every numeric field of a model file, and the theme it belongs to, so that the
 * assumptions appendix of a report reads "540 days", "£700 a week", "4.5% a year" and groups
 * the numbers as a reader looks for them (demand, journeys, homes, the ART, prices), rather than
 * listing raw paths and bare numbers. A duration takes its unit from the `unit` the model file
 * gives it; everything else from what the field is (a weekly cost, a share, a rate a year).
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The units a model's numbers come in. */
export type FieldUnit =
  | '£'
  | '£ a week'
  | '£ a year'
  | '% a year'
  | '%'
  | 'referrals a year'
  | 'a placement-year'
  | 'years of age'
  | 'beds'
  | 'children'
  | 'days'
  | 'weeks'
  | 'months'
  | 'years'
  | 'times'
  | '';

/** Distribution parameters that are not in the distribution's unit (shapes, spreads on a log scale). */
const SHAPES = new Set(['shape', 'sigma', 'cv', 'alpha', 'beta', 'k']);

/** By what the field is, in order: the first match wins. Paths have array positions removed. */
const RULES: [RegExp, FieldUnit][] = [
  [/(^|\.)(weeklyCost|weeklyCostPerChild|perBedWeek|perOccupiedBedWeek|travelCostPerWeek)$/, '£ a week'],
  [/WeeklyPrice(\.\w+)?$/, '£ a week'],
  [/(fixedPerYear|costPerYear|savingsTarget\.perYear)$/, '£ a year'],
  [/(capital|grant|retainedValue)$/, '£'],
  [/(growth|inflation|discountRate|externalInPayment)(\.|$)/, '% a year'],
  [/(Share|share|probability|Probability|availableAtOnce)$/, '%'],
  [/referrals\.perYear$/, 'referrals a year'],
  [/breakdown\.perYear$/, 'a placement-year'],
  [/(ageAtReferral\.\w+|ageLimit\.age|untilAge|\.age|ageFrom|ageBelow)$/, 'years of age'],
  [/(beds|bedsAtOpening)$/, 'beds'],
  [/(weeksPerExtraBed|minRemainingWeeks)$/, 'weeks'],
  [/maxWaitForLocalBed$/, 'days'],
  [/(^initialCensus\.|capacity\.children$|^art\.capacity$)/, 'children'],
  [/(Ratio|RatioAfter|Factor)$/, 'times'],
];

/** The object at a dotted path with array positions ([2] or .2). */
function parentOf(model: unknown, keys: readonly string[]): unknown {
  let v: unknown = model;
  for (const k of keys.slice(0, -1)) {
    if (Array.isArray(v)) v = v[Number(k)];
    else if (isObj(v)) v = v[k];
    else return undefined;
  }
  return v;
}

const splitPath = (path: string): string[] =>
  path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((k) => k !== '');

/**
 * The unit of the number at `path` in a model as written.
 * @example fieldUnit(model, 'cohorts.under16.pathway.stay.mean') // "days" (its stay's unit)
 */
export function fieldUnit(model: unknown, path: string): FieldUnit {
  const keys = splitPath(path);
  const last = keys[keys.length - 1] ?? '';
  const parent = parentOf(model, keys);
  // A documented figure is in the unit of the series it is compared with.
  if (keys[0] === 'history' && isObj(parent)) {
    const series = Array.isArray(parent.series) ? parent.series.map(String) : [];
    if (parent.perChildWeek) return '£ a week';
    if (series.some((x) => x.startsWith('cost'))) return '£';
    if (series.some((x) => /children|occupancy|atEnd|census/i.test(x))) return 'children';
    return '';
  }
  // A fixed duration with its provenance ({ type: fixed, unit: weeks, value: 12 }) is listed at its own path.
  const self = parentOf(model, [...keys, '']);
  if (
    isObj(self) &&
    typeof self.unit === 'string' &&
    ['days', 'weeks', 'months', 'years'].includes(self.unit)
  )
    return self.unit as FieldUnit;
  if (
    isObj(parent) &&
    typeof parent.unit === 'string' &&
    ['days', 'weeks', 'months', 'years'].includes(parent.unit)
  )
    return SHAPES.has(last) ? '' : (parent.unit as FieldUnit);
  // A number with provenance ({ value, source }) is the field that holds it.
  const named = last === 'value' ? keys.slice(0, -1) : keys;
  const bare = named.filter((k) => !/^\d+$/.test(k)).join('.');
  if (SHAPES.has(last)) return '';
  for (const [pattern, unit] of RULES) if (pattern.test(bare)) return unit;
  return '';
}

const number = (x: number, digits = 3) =>
  Number(x.toPrecision(digits)).toLocaleString('en-GB', { maximumFractionDigits: 6 });

/**
 * A number written with its unit, exactly as the model gives it (money to the pound, as the
 * source writes it): "540 days", "£700 a week", "4.5% a year", "0.9 times".
 */
export function withUnit(x: number, unit: FieldUnit): string {
  switch (unit) {
    case '£':
    case '£ a week':
    case '£ a year': {
      const money = `${x < 0 ? '-' : ''}£${Math.abs(x).toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
      return unit === '£' ? money : `${money}${unit.slice(1)}`;
    }
    case '% a year':
    case '%':
      return `${number(x * 100, 4)}%${unit === '%' ? '' : ' a year'}`;
    case 'years of age':
      return `age ${number(x, 4)}`;
    case 'times':
      return `${number(x, 4)} times`;
    case '':
      return number(x, 6);
    default:
      return `${number(x, 6)} ${x === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit}`;
  }
}

/** "2% to 7.5% a year", not "2% a year to 7.5% a year": the unit words they share, once. */
export function fromTo(a: string, b: string): string {
  for (let i = a.indexOf(' '); i >= 0; i = a.indexOf(' ', i + 1)) {
    const tail = a.slice(i);
    if (b.endsWith(tail) && b.length > tail.length) return `${a.slice(0, i)} to ${b}`;
  }
  return `${a} to ${b}`;
}

/** The themes of the assumptions appendix, in the order a reader meets the system. */
export const THEMES = [
  'Demand: referrals',
  "Children's journeys: stays, breakdowns and step-downs",
  'Local homes',
  'Assessment beds',
  'The Assessment and Resource Team (ART)',
  'Out-of-county placements and prices',
  'Children already placed at the start',
  'Finance: inflation, discounting and the savings target',
  'Policies',
  'Figures the history check compares',
  'Other',
] as const;
export type Theme = (typeof THEMES)[number];

/** The theme a field belongs to. */
export function fieldTheme(path: string): Theme {
  const keys = splitPath(path);
  const [top, , third] = keys;
  if (top === 'cohorts') {
    if (third === 'referrals' || third === 'ageAtReferral' || third === 'singleOccupancyShare')
      return 'Demand: referrals';
    if (
      third === 'outOfCountyWeeklyPrice' ||
      third === 'outOfCountyPriceFactor' ||
      third === 'localPremiumShare'
    )
      return 'Out-of-county placements and prices';
    return "Children's journeys: stays, breakdowns and step-downs";
  }
  const byTop: Record<string, Theme> = {
    homes: 'Local homes',
    assessment: 'Assessment beds',
    art: 'The Assessment and Resource Team (ART)',
    outOfCounty: 'Out-of-county placements and prices',
    initialCensus: 'Children already placed at the start',
    finance: 'Finance: inflation, discounting and the savings target',
    policies: 'Policies',
    history: 'Figures the history check compares',
    openings: 'Local homes',
  };
  return byTop[top ?? ''] ?? 'Other';
}
