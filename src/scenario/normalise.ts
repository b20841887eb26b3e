/**
 * normalise(): a validated model file -> the simulation's readonly `Scenario`.
 *
 * This is the one place where words become numbers the hot loop can use: ids become
 * indices, dates become days from the start, durations become days, yearly and weekly money
 * becomes money per day at price-base prices, growth tables become per-month rates and
 * price indices, distributions are compiled. Nothing here is random: the replication draws
 * opening delays and everything else from its own streams.
 */
import { compile } from '../random/compiled.ts';
import { buildResidualSampler } from '../model/residual.ts';
import {
  ART_GROUP_ASSESSED,
  ART_GROUP_LOCAL,
  ART_GROUP_OUT_OF_COUNTY,
  COST_BASIS_PER_BED_OPEN,
  COST_BASIS_PER_OCCUPIED_BED,
  COST_BASIS_WHOLE_UNIT,
  FREED_DEAREST,
  FREED_HIGHEST_NEED,
  FREED_LONGEST_AWAY,
  FREED_LONGEST_WAITING,
  MATCH_FEWEST_FREE,
  MATCH_LISTED,
  MATCH_MOST_FREE,
  type CalendarS,
  type CohortS,
  type ExternalPricing,
  type HomeS,
  type Scenario,
  type WindowS,
} from '../model/scenario.ts';
import {
  daysBetween,
  DAYS_PER_YEAR,
  financialYearOf,
  financialYearsTo,
  fyIndexEndingBy,
  parseDate,
} from '../engine/calendar.ts';
import { frameOf } from './frame.ts';
import { indexer } from './rates.ts';
import { mean } from '../random/moments.ts';
import { DAYS_PER_UNIT, val, type DistributionInput, type DurationInput } from './schema/distributions.ts';
import type { ModelFile } from './schema/model.ts';
import type { Param } from './schema/primitives.ts';
import { toDistribution } from './schema/distributions.ts';
import pow from '@stdlib/math-base-special-pow';

/** Options that change a run without editing the file. */
export interface NormaliseOptions {
  /** Override the horizon in whole years (`caresim run --years`). */
  years?: number;
}

/** How many financial years before the start the vintage price tables reach (census children started then). */
const VINTAGE_YEARS_BEFORE = 40;

const opt = (p: Param | undefined, fallback: number): number => (p === undefined ? fallback : val(p));

/** A duration distribution compiled in days. */
function compileDays(d: DurationInput) {
  const dist = toDistribution(d);
  const k = DAYS_PER_UNIT[d.unit];
  return compile(k === 1 ? dist : scaleDistribution(dist, k));
}

function compilePlain(d: DistributionInput) {
  return compile(toDistribution(d));
}

/** Scale a distribution by k (a change of unit): every location and scale parameter times k. */
function scaleDistribution(
  d: ReturnType<typeof toDistribution>,
  k: number,
): ReturnType<typeof toDistribution> {
  switch (d.type) {
    case 'fixed':
      return { type: 'fixed', value: d.value * k };
    case 'exponential':
      return { type: 'exponential', mean: d.mean * k };
    case 'uniform':
      return { type: 'uniform', min: d.min * k, max: d.max * k };
    case 'triangular':
      return { type: 'triangular', min: d.min * k, mode: d.mode * k, max: d.max * k };
    case 'normal':
      return {
        type: 'normal',
        mean: d.mean * k,
        sd: d.sd * k,
        ...(d.min === undefined ? {} : { min: d.min * k }),
        ...(d.max === undefined ? {} : { max: d.max * k }),
      };
    case 'lognormal':
      return { type: 'lognormal', mean: d.mean * k, sd: d.sd * k };
    case 'gamma':
      return { type: 'gamma', shape: d.shape, scale: d.scale * k };
    case 'weibull':
      return { type: 'weibull', shape: d.shape, scale: d.scale * k };
    case 'empirical':
      return { ...d, values: d.values.map((v) => v * k) };
  }
}

/**
 * Whether the opening programme's slip (`openings.delay`) applies to an opening planned on
 * `opens` by a home or the assessment beds, which may give an `openingDelay` of its own: an
 * opening still to come when the simulation starts, planned after the model's start (or on or
 * after `openings.from`), and without a delay of its own unless `openings.ownDelay` is "adds".
 * The one rule, for the simulation and for the summary `caresim validate` prints.
 */
export function programmeSlips(m: ModelFile, opens: string, ownDelay: boolean): boolean {
  const o = m.openings;
  if (!o || (ownDelay && o.ownDelay === 'overrides')) return false;
  const day = daysBetween(parseDate(m.time.start), parseDate(opens));
  // A home open before the simulation starts is open from the start, as for its own delay.
  if (!(day > -opt(m.time.warmupYears, 0) * DAYS_PER_YEAR)) return false;
  return o.from === undefined ? day > 0 : opens >= o.from;
}

/**
 * Build the simulation's scenario from a validated model.
 * @throws Error only on a model that skipped validation (an unknown id)
 */
export function normalise(m: ModelFile, options: NormaliseOptions = {}): Scenario {
  const years = options.years ?? val(m.time.years);
  const warmupDays = opt(m.time.warmupYears, 0) * DAYS_PER_YEAR;
  const fyMonth = m.time.financialYearStartMonth;
  const frame = frameOf(m.time.start, years, warmupDays, fyMonth, VINTAGE_YEARS_BEFORE);
  const { start, end, horizonDays, firstFy, monthFy, fyCount } = frame;
  const priceFy = financialYearOf(parseDate(m.finance.priceBase), fyMonth);
  const day = (iso: string) => daysBetween(start, parseDate(iso));

  const cohortIds = Object.keys(m.cohorts);
  const cohortIndex = (id: string): number => {
    const i = cohortIds.indexOf(id);
    if (i < 0) throw new Error(`unknown cohort "${id}" (the model was not validated)`);
    return i;
  };
  const acceptsOf = (ids: readonly string[]) => {
    const a = new Uint8Array(cohortIds.length);
    for (const id of ids) a[cohortIndex(id)] = 1;
    return a;
  };

  // The headline window, clipped to the horizon: a run shortened by --years keeps the part of the
  // window it reaches, and one that ends before the window starts reports its whole horizon
  // (labels always name the years used). The model file's own window is checked in crossChecks.
  const w = m.time.window;
  const yearOf = (label: string) => Number(label.slice(0, 4)) - firstFy;
  const from = w ? Math.max(0, yearOf(w.from)) : 0;
  const to = w?.to === undefined ? fyCount - 1 : Math.min(fyCount - 1, yearOf(w.to));
  const window: WindowS = from <= to ? { fromFy: from, toFy: to } : { fromFy: 0, toFy: fyCount - 1 };

  const { inHouse, external, general, externalInPayment } = m.finance.inflation;
  const vintage = m.finance.externalIndexation === 'placementStart';
  const externalAt = indexer(external, priceFy);
  const inPaymentAt = indexer(externalInPayment, priceFy);
  const inHouseAt = indexer(inHouse, priceFy);
  const generalAt = indexer(general, priceFy);
  const externalIndex = Float64Array.from(monthFy, (k) => externalAt(firstFy + k));
  // Reporting calendar: calendar months of the horizon (the first and last may be partial).
  const calendar: CalendarS = {
    monthBreaks: frame.monthBreaks,
    monthLabels: [...frame.monthLabels],
    monthFy,
    fyLabels: [...frame.fyLabels],
    inHouseIndex: Float64Array.from(monthFy, (k) => inHouseAt(firstFy + k)),
    externalIndex,
    oocPaymentIndex: vintage ? Float64Array.from(monthFy, (k) => inPaymentAt(firstFy + k)) : externalIndex,
    fyDiscount: Float64Array.from({ length: fyCount }, (_, k) => 1 / pow(1 + val(m.finance.discountRate), k)),
    fyDeflator: Float64Array.from({ length: fyCount }, (_, k) =>
      general === undefined ? 1 : 1 / generalAt(firstFy + k),
    ),
    window,
    horizonEndDiscount: 1 / pow(1 + val(m.finance.discountRate), financialYearsTo(end, firstFy, fyMonth)),
  };

  // Vintage tables: each financial year's start day and E / U, from long before the start (census
  // children and a warm-up started then) to the year after the horizon.
  const externalPricing: ExternalPricing = {
    vintage,
    fyStartDays: frame.fyStartDays,
    startFactor: Float64Array.from(frame.vintageYears, (fy) =>
      vintage ? externalAt(fy) / inPaymentAt(fy) : 1,
    ),
  };

  // Arrival segments run from the start of any warm-up to the end, by calendar month, so
  // growth (by financial year) and seasonality (by month) are constant within each.
  const { arrivalBreaks, arrivalFy, arrivalMonth } = frame;

  // A cohort's external price: its own, or the default scaled by its price factor.
  const priceOf = (c: ModelFile['cohorts'][string]) => {
    const own = c.outOfCountyWeeklyPrice;
    if (own) return toDistribution(own);
    const d = toDistribution(m.outOfCounty.defaultWeeklyPrice);
    const k = opt(c.outOfCountyPriceFactor, 1);
    return k === 1 ? d : scaleDistribution(d, k);
  };
  const art = m.art;
  const cohorts: CohortS[] = cohortIds.map((id, index) => {
    const c = m.cohorts[id]!;
    const seasonRaw = c.referrals.seasonality;
    const factors = seasonRaw === undefined ? null : Array.isArray(seasonRaw) ? seasonRaw : seasonRaw.factors;
    const meanFactor = factors === null ? 1 : factors.reduce((a, b) => a + b, 0) / 12;
    const perDay = val(c.referrals.perYear) / DAYS_PER_YEAR;
    const rates = new Float64Array(arrivalBreaks.length - 1);
    const growthAt = indexer(c.referrals.growth, firstFy);
    for (let k = 0; k < rates.length; k++) {
      const season = factors === null ? 1 : factors[arrivalMonth[k]!]! / meanFactor;
      rates[k] = perDay * growthAt(arrivalFy[k]!) * season;
    }
    const pw = c.pathway;
    const stay = compileDays(pw.stay);
    const sd = pw.stepDown ? Object.entries(pw.stepDown) : [];
    let acc = 0;
    const stepDown =
      sd.length === 0
        ? null
        : {
            ids: sd.map(([k]) => k),
            labels: sd.map(([k, d]) => d.label ?? k),
            cumulative: Float64Array.from(sd, ([, d], i) =>
              i === sd.length - 1 ? 1 : (acc += val(d.probability)),
            ),
            availableAtOnce: Float64Array.from(sd, ([, d]) => opt(d.availableAtOnce, 1)),
            delay: sd.map(([, d]) => (d.delay ? compileDays(d.delay) : null)),
            costPerDay: Float64Array.from(sd, ([, d]) => opt(d.weeklyCost, 0) / 7),
            costDuration: sd.map(([, d]) => (d.duration ? compileDays(d.duration) : null)),
            costUntilAge: Float64Array.from(sd, ([, d]) => opt(d.untilAge, Infinity)),
          };
    const bd = pw.breakdown;
    const then = pw.ageLimit?.then;
    return {
      index,
      id,
      label: c.label,
      arrivalBreaks,
      arrivalRates: rates,
      atBreakdownShare: opt(c.referrals.atBreakdownShare, 0),
      ageAtReferral: c.ageAtReferral ? compilePlain(c.ageAtReferral) : null,
      singleOccupancyShare: opt(c.singleOccupancyShare, 0),
      stay,
      stayResidual: buildResidualSampler(stay),
      breakdownPerDay: bd ? val(bd.perYear) / DAYS_PER_YEAR : 0,
      hazardRatioWithArt:
        bd?.hazardRatioWithArt !== undefined
          ? val(bd.hazardRatioWithArt)
          : art
            ? val(art.effect.breakdownHazardRatio)
            : 1,
      escalateTo: bd?.escalateTo !== undefined ? cohortIndex(bd.escalateTo) : -1,
      escalationProbability: opt(bd?.escalationProbability, 0),
      extraStay: bd?.extraStay ? compileDays(bd.extraStay) : null,
      stepDown,
      ageLimit: pw.ageLimit ? val(pw.ageLimit.age) : Infinity,
      ageLimitReferTo: then === undefined || then === 'leave' ? -1 : cohortIndex(then.referTo),
      price: compile(priceOf(c)),
      priceMean: mean(priceOf(c)),
      localPremiumShare: opt(c.localPremiumShare, 0),
      sold: c.soldPlaces
        ? { feePerDay: val(c.soldPlaces.feePerWeek) / 7, keepFreeBeds: opt(c.soldPlaces.keepFreeBeds, 0) }
        : null,
      assessmentEligible:
        m.assessment?.cohorts === undefined
          ? m.assessment !== undefined && !c.soldPlaces
          : m.assessment.cohorts.includes(id),
    };
  });

  const homes: HomeS[] = Object.entries(m.homes).map(([id, h], index) => {
    const regs = [{ fromDay: day(h.opens), accepts: acceptsOf(h.cohorts) }];
    for (const r of h.reRegistrations ?? [])
      regs.push({ fromDay: day(r.date), accepts: acceptsOf(r.cohorts) });
    return {
      index,
      id,
      label: h.label,
      beds: val(h.beds),
      opensDay: day(h.opens),
      openingDelay: h.openingDelay ? compileDays(h.openingDelay) : null,
      slipsWithProgramme: programmeSlips(m, h.opens, h.openingDelay !== undefined),
      closesDay: h.closes === undefined ? Infinity : day(h.closes),
      registrations: regs,
      singleOccupancyAllowed: h.singleOccupancy,
      bedsAtOpening: h.openingRamp ? Math.min(val(h.openingRamp.bedsAtOpening), val(h.beds)) : val(h.beds),
      daysPerExtraBed: h.openingRamp ? val(h.openingRamp.weeksPerExtraBed) * 7 : Infinity,
      fixedPerDay:
        opt(h.costs.fixedPerYear, 0) / DAYS_PER_YEAR + (opt(h.costs.perBedWeek, 0) * val(h.beds)) / 7,
      perOccupiedBedDay: opt(h.costs.perOccupiedBedWeek, 0) / 7,
      capital: opt(h.costs.capital, 0),
      grant: opt(h.costs.grant, 0),
      retainedValue: opt(h.costs.retainedValue, 0),
      capitalDay: day(h.costs.capitalDate ?? h.opens),
      capitalAtOpening: h.costs.capitalDate === undefined,
    };
  });

  const a = m.assessment;
  const basis = {
    perBedOpen: COST_BASIS_PER_BED_OPEN,
    perOccupiedBed: COST_BASIS_PER_OCCUPIED_BED,
    wholeUnit: COST_BASIS_WHOLE_UNIT,
  };
  const assessment = a
    ? {
        beds: val(a.beds),
        opensDay: day(a.opens),
        openingDelay: a.openingDelay ? compileDays(a.openingDelay) : null,
        slipsWithProgramme: programmeSlips(m, a.opens, a.openingDelay !== undefined),
        closesDay: a.closes === undefined ? Infinity : day(a.closes),
        eligible: Uint8Array.from(cohorts, (c) => (c.assessmentEligible ? 1 : 0)),
        stay: compileDays(a.stay),
        costPerDay: val(a.weeklyCost) / 7,
        costBasis: basis[a.costBasis],
        hazardRatioAfter: opt(a.breakdownHazardRatioAfter, 1),
        replacesPlacement: a.replacesPlacement,
        capital: opt(a.capital, 0),
        retainedValue: opt(a.retainedValue, 0),
      }
    : null;

  let artS: Scenario['art'] = null;
  if (art) {
    const steps = Array.isArray(art.capacity)
      ? art.capacity.map((s) => ({
          from: s.from,
          n: val(s.children),
          costPerDay: s.costPerYear === undefined ? NaN : val(s.costPerYear) / DAYS_PER_YEAR,
          provider: s.provider ?? '',
        }))
      : [{ from: art.starts, n: val(art.capacity), costPerDay: NaN, provider: '' }];
    const groupIndex = {
      assessed: ART_GROUP_ASSESSED,
      local: ART_GROUP_LOCAL,
      outOfCounty: ART_GROUP_OUT_OF_COUNTY,
    };
    const rank = new Int8Array(3).fill(-1);
    art.supports.forEach((g, i) => (rank[groupIndex[g]] = i));
    artS = {
      startsDay: day(art.starts),
      capacityFrom: Float64Array.from(steps, (s) => day(s.from)),
      capacity: Int32Array.from(steps, (s) => s.n),
      stepCostPerDay: Float64Array.from(steps, (s) => s.costPerDay),
      provider: steps.map((s) => s.provider),
      costPerChildDay: val(art.weeklyCostPerChild) / 7,
      chargeCapacity: art.costBasis === 'capacity',
      rank,
      supportDuration: compileDays(art.supportDuration),
      maxWait: art.maxWait ? compileDays(art.maxWait) : null,
      breakdownHazardRatio: val(art.effect.breakdownHazardRatio),
      stayRatio: opt(art.effect.stayRatio, 1),
    };
  }

  const p = m.policies;
  const matching = { listed: MATCH_LISTED, fewestFreeBeds: MATCH_FEWEST_FREE, mostFreeBeds: MATCH_MOST_FREE };
  const census = m.initialCensus;
  const target = m.finance.savingsTarget;
  return {
    name: m.name,
    startDate: m.time.start,
    warmupDays,
    horizonDays,
    calendar,
    cohorts,
    homes,
    assessment,
    openingSlip: m.openings ? compileDays(m.openings.delay) : null,
    art: artS,
    travelPerDay: (val(m.outOfCounty.travelCostPerWeek) * opt(m.outOfCounty.distantShare, 1)) / 7,
    externalPricing,
    policies: {
      matching: matching[p.matching],
      maxWaitDays: val(p.maxWaitForLocalBed),
      freedBed: {
        longestWaiting: FREED_LONGEST_WAITING,
        longestAway: FREED_LONGEST_AWAY,
        dearest: FREED_DEAREST,
        highestNeed: FREED_HIGHEST_NEED,
      }[p.freedBed],
      repatriation: p.repatriation.enabled,
      repatriationMinRemainingDays: opt(p.repatriation.minRemainingWeeks, 0) * 7,
      useAssessmentBeds: p.useAssessmentBeds === 'atBreakdown',
    },
    census: {
      local: (census?.local ?? []).map((e) => ({
        home: Object.keys(m.homes).indexOf(e.home),
        cohort: cohortIndex(e.cohort),
        children: val(e.children),
      })),
      outOfCounty: Object.entries(census?.outOfCounty ?? {}).map(([cid, n]) => ({
        cohort: cohortIndex(cid),
        children: val(n),
      })),
      residual: (census?.remainingStay ?? 'residual') === 'residual',
      known: (census?.children ?? []).map((e) => ({
        cohort: cohortIndex(e.cohort),
        needCohort: cohortIndex(e.referredAs ?? e.cohort),
        home: e.home === undefined ? -1 : Object.keys(m.homes).indexOf(e.home),
        elapsedDays: e.monthsInCare * (DAYS_PER_YEAR / 12),
        age: e.age,
        children: e.children,
      })),
    },
    discountRate: val(m.finance.discountRate),
    npvBasis: general === undefined ? 'nominal' : 'real',
    savingsTargetPerYear: target ? val(target.perYear) : 0,
    savingsTargetFy: target ? fyIndexEndingBy(target.by, fyMonth, firstFy) : -1,
  };
}
