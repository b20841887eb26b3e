/**
 * Plain-English names for the numeric fields of a model file, for the charts and tables of sweeps
 * and sensitivity analyses: `homes.csHome2.beds` reads "Contextual safeguarding home 2: beds" and
 * `cohorts.under16.pathway.stay.mean` reads "Under 16: length of stay (mean)". A home or cohort
 * is named by its `label`. Fields without a phrase of their own are spelt out word by word, so
 * every path gets a readable name; reports print the path beside it where exactness matters.
 */
import { monthName } from '../engine/calendar.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const STATS: Record<string, string> = {
  min: 'lowest',
  mode: 'most likely',
  max: 'highest',
  mean: 'mean',
  sd: 'sd',
  value: 'value',
  shape: 'shape',
  scale: 'scale',
};

/**
 * Phrases by path pattern. `{x}` is the home or cohort's label, `{d}` a step-down destination,
 * `{fy}` a financial year, `{stat}` a distribution parameter (lowest, most likely, mean...).
 * Patterns match whole paths; `*` is one segment.
 */
const PHRASES: [string, string][] = [
  ['art.capacity', 'ART capacity (children)'],
  ['art.capacity.costPerYear', 'ART: block contract a year'],
  ['art.capacity.*', 'ART capacity (children)'],
  ['art.effect.breakdownHazardRatio', 'ART effect on breakdowns (hazard ratio)'],
  ['art.effect.stayRatio', 'ART effect on length of stay (ratio)'],
  ['art.maxWait', 'ART: longest wait before a referral lapses'],
  ['art.maxWait.*', 'ART: longest wait before a referral lapses ({stat})'],
  ['art.supportDuration.*', 'ART support length ({stat})'],
  ['art.weeklyCostPerChild', 'ART cost per child-week'],
  ['assessment.beds', 'Assessment beds'],
  ['assessment.breakdownHazardRatioAfter', 'Breakdown hazard ratio after an assessment'],
  ['assessment.capital', 'Assessment beds: capital'],
  ['assessment.stay.*', 'Assessment stay ({stat})'],
  ['assessment.weeklyCost', 'Assessment beds: weekly cost'],
  ['cohorts.*.ageAtReferral.*', '{x}: age at referral ({stat})'],
  ['cohorts.*.outOfCountyWeeklyPrice.*', '{x}: out-of-county weekly price ({stat})'],
  ['cohorts.*.outOfCountyPriceFactor', '{x}: external price relative to the average'],
  ['cohorts.*.localPremiumShare', "{x}: share of a dear child's external premium also paid in a local home"],
  ['cohorts.*.pathway.stepDown.*.weeklyCost', '{x}: onward placement in {d}, cost a week'],
  ['cohorts.*.pathway.stepDown.*.duration.*', '{x}: onward placement in {d}, how long it is paid ({stat})'],
  ['cohorts.*.pathway.ageLimit.age', '{x}: age limit'],
  ['cohorts.*.pathway.breakdown.escalationProbability', '{x}: chance a breakdown escalates the need'],
  ['cohorts.*.pathway.breakdown.perYear', '{x}: breakdowns a placement-year'],
  ['cohorts.*.pathway.stay.*', '{x}: length of stay ({stat})'],
  ['cohorts.*.pathway.stepDown.*.availableAtOnce', '{x}: step-down to {d}, chance a place is free at once'],
  ['cohorts.*.pathway.stepDown.*.delay.*', '{x}: step-down to {d}, wait for a place ({stat})'],
  ['cohorts.*.pathway.stepDown.*.probability', '{x}: step-down to {d}, chance'],
  ['cohorts.*.referrals.atBreakdownShare', '{x}: share referred at a breakdown'],
  ['cohorts.*.referrals.growth', '{x}: referral growth a year'],
  ['cohorts.*.referrals.growth.otherwise', '{x}: referral growth a year'],
  ['cohorts.*.referrals.growth.byYear.*', '{x}: referral growth in {fy}'],
  ['cohorts.*.referrals.perYear', '{x}: referrals a year'],
  ['cohorts.*.singleOccupancyShare', '{x}: share who must live alone'],
  ['finance.discountRate', 'Discount rate'],
  ['finance.inflation.external', 'External price inflation'],
  ['finance.inflation.external.otherwise', 'External price inflation'],
  ['finance.inflation.external.byYear.*', 'External price inflation in {fy}'],
  ['finance.inflation.externalInPayment', 'Yearly uplift of external placements in payment'],
  ['finance.inflation.inHouse', 'In-house cost inflation'],
  ['finance.inflation.inHouse.otherwise', 'In-house cost inflation'],
  ['finance.inflation.inHouse.byYear.*', 'In-house cost inflation in {fy}'],
  ['finance.savingsTarget.perYear', 'Savings target a year'],
  ['homes.*.beds', '{x}: beds'],
  ['homes.*.costs.capital', '{x}: capital'],
  ['homes.*.costs.grant', '{x}: capital grant'],
  ['homes.*.costs.fixedPerYear', '{x}: running cost a year'],
  ['homes.*.costs.perOccupiedBedWeek', '{x}: cost per occupied bed-week'],
  ['homes.*.costs.perBedWeek', '{x}: running cost per bed-week'],
  ['homes.*.openingRamp.bedsAtOpening', '{x}: beds offered at opening'],
  ['homes.*.openingRamp.weeksPerExtraBed', '{x}: weeks until each further bed is offered'],
  ['homes.*.costs.retainedValue', '{x}: value kept in the building'],
  ['homes.*.openingDelay.*', '{x}: opening delay ({stat})'],
  ['initialCensus.outOfCounty.*', '{x}: children out of county at the start'],
  ['openings.delay.*', 'Opening programme: slip of every opening still to come ({stat})'],
  ['outOfCounty.defaultWeeklyPrice.*', 'Out-of-county weekly price ({stat})'],
  ['outOfCounty.travelCostPerWeek', 'Out-of-county travel a week'],
  ['outOfCounty.distantShare', 'Share of external placements far enough away to travel to'],
  ['assessment.retainedValue', 'Assessment beds: value kept in the building'],
  ['policies.repatriation.minRemainingWeeks', 'Need left to bring a child back (weeks)'],
  ['policies.maxWaitForLocalBed', 'Longest wait for a local bed'],
];

/** "fosterCare" -> "foster care"; "16plus" stays. */
function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

function labelOf(model: unknown, section: string, id: string): string {
  const entity = isObj(model) && isObj(model[section]) ? (model[section] as Obj)[id] : undefined;
  return isObj(entity) && typeof entity.label === 'string' ? entity.label : id;
}

/** "December 2020": when the ART's capacity step `i` starts, if the model says. */
function capacityFrom(model: unknown, i: number): string | null {
  const art = isObj(model) ? model.art : undefined;
  const steps = isObj(art) && Array.isArray(art.capacity) ? (art.capacity as unknown[]) : [];
  const step = steps[i];
  const from = isObj(step) ? step.from : undefined;
  const d =
    typeof from === 'string'
      ? /^(\d{4})-(\d{2})/.exec(from)
      : from instanceof Date
        ? [null, String(from.getUTCFullYear()), String(from.getUTCMonth() + 1)]
        : null;
  return d ? `${monthName(Number(d[2]))} ${d[1]}` : null;
}

/**
 * A plain-English name for the numeric field at `path` in a model as written.
 * @example
 * fieldLabel(model, 'homes.csHome2.beds'); // "Contextual safeguarding home 2: beds"
 * fieldLabel(model, 'finance.inflation.external.byYear.2023/24'); // "External price inflation in 2023/24"
 */
export function fieldLabel(model: unknown, written: string): string {
  // Array elements (a capacity step, a registration) are named by position, written .1. or [1].
  const path = written.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  const position = /\[(\d+)\]/.exec(path);
  const keys = path.replace(/\[\d+\]/g, '').split('.');
  // A step of the ART's capacity is named by when it starts ("from December 2020"), else by its place.
  const stepFrom =
    position && keys[0] === 'art' && keys[1] === 'capacity' ? capacityFrom(model, Number(position[1])) : null;
  const suffix = position ? (stepFrom ? ` from ${stepFrom}` : ` (step ${Number(position[1]) + 1})`) : '';
  for (const [pattern, phrase] of PHRASES) {
    const parts = pattern.split('.');
    // byYear keys are financial years that contain no dot ("2023/24"), so one segment each.
    if (parts.length !== keys.length || !parts.every((p, i) => p === '*' || p === keys[i])) continue;
    const entity =
      keys[0] === 'cohorts' || keys[0] === 'homes'
        ? labelOf(model, keys[0], keys[1]!)
        : keys[0] === 'initialCensus'
          ? labelOf(model, 'cohorts', keys[2]!)
          : '';
    const stat = keys[keys.length - 1]!;
    const out = phrase
      .replace('{x}', entity)
      .replace('{d}', keys[0] === 'cohorts' && keys[3] === 'stepDown' ? words(keys[4]!) : '')
      .replace('{fy}', stat)
      .replace('{stat}', STATS[stat] ?? words(stat));
    return out + suffix;
  }
  // No phrase: the home or cohort's label, then the remaining keys in words.
  if ((keys[0] === 'cohorts' || keys[0] === 'homes') && keys.length > 2)
    return `${labelOf(model, keys[0], keys[1]!)}: ${keys.slice(2).map(words).join(' ')}${suffix}`;
  const text = keys.map(words).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + suffix;
}
