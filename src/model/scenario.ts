/**
 * The internal, normalised form of a model: what the simulation reads. Built once from a
 * validated model file by `scenario/normalise.ts`, then never changed.
 *
 * Everything here is in simulation units: time in days from the model's start date (the
 * warm-up, if any, runs at negative times), rates per day, money per day at
 * `finance.priceBase` prices; cohorts and homes are integer indices into arrays;
 * distributions are compiled. No strings are looked up and nothing is converted while the
 * simulation runs. This module imports no schema library (the engine and model never do).
 */
import type { CompiledDistribution } from '../random/compiled.ts';

/** Lengths of stay for children already in care at the start: see `residual.ts`. */
export interface ResidualSampler {
  /** Quantiles of the stay at (i + 0.5) / n: the length-biased draw picks one in proportion to its length. */
  readonly quantiles: Float64Array;
  /** Cumulative sums of `quantiles`, normalised to end at 1. */
  readonly cumulative: Float64Array;
}

export interface StepDownS {
  readonly ids: readonly string[];
  readonly labels: readonly string[];
  /** Cumulative probabilities over destinations (last is 1). */
  readonly cumulative: Float64Array;
  /** Chance an onward place is free the day the child is ready. */
  readonly availableAtOnce: Float64Array;
  /** Days until an onward place frees (null: always free at once). */
  readonly delay: readonly (CompiledDistribution | null)[];
  /** Cost of the onward placement, £ a day at base prices (in-house index); 0: none. */
  readonly costPerDay: Float64Array;
  /** How long the onward cost lasts, in days (null: until untilAge or the horizon). */
  readonly costDuration: readonly (CompiledDistribution | null)[];
  /** Age in years at which the onward cost ends (Infinity: none). */
  readonly costUntilAge: Float64Array;
}

export interface CohortS {
  readonly index: number;
  readonly id: string;
  readonly label: string;
  /** Arrival-rate segments: breaks in days (n + 1) and the rate per day in each. */
  readonly arrivalBreaks: Float64Array;
  readonly arrivalRates: Float64Array;
  readonly atBreakdownShare: number;
  /** Age at referral in years; null: no ageing. */
  readonly ageAtReferral: CompiledDistribution | null;
  readonly singleOccupancyShare: number;
  /** Planned length of need, in days. */
  readonly stay: CompiledDistribution;
  readonly stayResidual: ResidualSampler;
  /** Breakdown hazard per day without support (0: no breakdowns). */
  readonly breakdownPerDay: number;
  /** Hazard multiplier while the ART supports the child (this cohort's, else the ART's). */
  readonly hazardRatioWithArt: number;
  /** Cohort index a breakdown escalates to (-1: none) and its chance. */
  readonly escalateTo: number;
  readonly escalationProbability: number;
  /** Days of need a breakdown adds (null: none). */
  readonly extraStay: CompiledDistribution | null;
  /** Planned endings (null: the child simply leaves). */
  readonly stepDown: StepDownS | null;
  /** Age in years at which this provision ends (Infinity: none). */
  readonly ageLimit: number;
  /** Cohort index that takes the child on at the age limit (-1: the child leaves). */
  readonly ageLimitReferTo: number;
  /** External weekly price at price-base prices, £ a week. */
  readonly price: CompiledDistribution;
  /** Mean of `price`, £ a week. */
  readonly priceMean: number;
  /** Share of a child's external price premium (price above priceMean) the child also costs in a local home. */
  readonly localPremiumShare: number;
  /** Children of neighbouring councils buying places: fee £ a day at base prices, beds kept free. */
  readonly sold: { readonly feePerDay: number; readonly keepFreeBeds: number } | null;
  /** May use an assessment bed. */
  readonly assessmentEligible: boolean;
}

/** A registration in force from a day: which cohorts a home accepts. */
export interface RegistrationS {
  readonly fromDay: number;
  /** accepts[c] is 1 when the home takes cohort c. */
  readonly accepts: Uint8Array;
}

export interface HomeS {
  readonly index: number;
  readonly id: string;
  readonly label: string;
  readonly beds: number;
  /** Planned opening day, before the random delay. */
  readonly opensDay: number;
  /** Random slip in days, drawn once per replication (null: none). */
  readonly openingDelay: CompiledDistribution | null;
  /** Whether the opening programme's slip (Scenario.openingSlip) is added to the opening. */
  readonly slipsWithProgramme: boolean;
  /** Day the home stops admitting (Infinity: never). */
  readonly closesDay: number;
  /** The first registration applies from opening; later ones from their day. */
  readonly registrations: readonly RegistrationS[];
  readonly singleOccupancyAllowed: boolean;
  /** Beds offered at opening, and days until each further one (Infinity: all beds at opening). */
  readonly bedsAtOpening: number;
  readonly daysPerExtraBed: number;
  /** Running cost while open, full or empty, £ a day at base prices (fixedPerYear and perBedWeek x beds). */
  readonly fixedPerDay: number;
  readonly perOccupiedBedDay: number;
  readonly capital: number;
  readonly grant: number;
  readonly retainedValue: number;
  /** Day the capital is spent (may lie before the start). */
  readonly capitalDay: number;
  /** true when no capitalDate was given: the capital is spent at the (possibly delayed) opening. */
  readonly capitalAtOpening: boolean;
}

export const COST_BASIS_PER_BED_OPEN = 0;
export const COST_BASIS_PER_OCCUPIED_BED = 1;
export const COST_BASIS_WHOLE_UNIT = 2;

export interface AssessmentS {
  readonly beds: number;
  readonly opensDay: number;
  readonly openingDelay: CompiledDistribution | null;
  /** Whether the opening programme's slip (Scenario.openingSlip) is added to the opening. */
  readonly slipsWithProgramme: boolean;
  readonly closesDay: number;
  /** eligible[c] is 1 when cohort c may use a bed. */
  readonly eligible: Uint8Array;
  readonly stay: CompiledDistribution;
  readonly costPerDay: number;
  readonly costBasis: number;
  readonly hazardRatioAfter: number;
  /** true: the stay uses up the child's need for residential care, as the emergency placement it replaces would. */
  readonly replacesPlacement: boolean;
  readonly capital: number;
  readonly retainedValue: number;
}

/** ART support groups, in the order of the model file's words. */
export const ART_GROUP_ASSESSED = 0;
export const ART_GROUP_LOCAL = 1;
export const ART_GROUP_OUT_OF_COUNTY = 2;

export interface ArtS {
  readonly startsDay: number;
  /** Capacity steps: from each day (ascending), the caseload cap. */
  readonly capacityFrom: Float64Array;
  readonly capacity: Int32Array;
  /** Each step's cost, £ a day at base prices, as a block contract (NaN: capacity x costPerChildDay). */
  readonly stepCostPerDay: Float64Array;
  /** Each step's provider ('' when not named). */
  readonly provider: readonly string[];
  readonly costPerChildDay: number;
  /** true: costs the full capacity; false: costs the caseload. */
  readonly chargeCapacity: boolean;
  /** rank[group] is the group's priority (0 highest), -1 when the team does not support it. */
  readonly rank: Int8Array;
  readonly supportDuration: CompiledDistribution;
  /** How long a child waits for the team before the referral lapses, in days (null: no limit). */
  readonly maxWait: CompiledDistribution | null;
  readonly breakdownHazardRatio: number;
  readonly stayRatio: number;
}

/** policies.freedBed, in the order of FREED_BED_ORDERS. */
export const FREED_LONGEST_WAITING = 0;
export const FREED_LONGEST_AWAY = 1;
export const FREED_DEAREST = 2;
export const FREED_HIGHEST_NEED = 3;

export const MATCH_LISTED = 0;
export const MATCH_FEWEST_FREE = 1;
export const MATCH_MOST_FREE = 2;

export interface PoliciesS {
  readonly matching: number;
  readonly maxWaitDays: number;
  /** Who is offered a freed or new local bed (FREED_*). */
  readonly freedBed: number;
  readonly repatriation: boolean;
  readonly repatriationMinRemainingDays: number;
  readonly useAssessmentBeds: boolean;
}

/** Reporting calendar: months and financial years of the horizon, with price indices. */
export interface CalendarS {
  /** Month boundaries in days from the start: months + 1 values, 0 first, horizon last. */
  readonly monthBreaks: Float64Array;
  /** `YYYY-MM` of each month. */
  readonly monthLabels: readonly string[];
  /** Financial-year index of each month. */
  readonly monthFy: Int32Array;
  /** `2025/26` labels of the financial years of the horizon. */
  readonly fyLabels: readonly string[];
  /** In-house and external price index of each month (1 in the price-base financial year). */
  readonly inHouseIndex: Float64Array;
  readonly externalIndex: Float64Array;
  /**
   * The index that external placements in payment are paid by each month: `externalIndex` when every
   * placement is repriced; with vintage pricing, the in-payment uplift index (a placement's recorded
   * rate already carries its starting market price, see ExternalPricing).
   */
  readonly oocPaymentIndex: Float64Array;
  /** Discount factor of each financial year (1 in the first). */
  readonly fyDiscount: Float64Array;
  /**
   * Each financial year's money in price-base terms: 1 / the general price index (1 in the
   * price-base year), or all 1 when the model gives no general inflation (nominal terms).
   */
  readonly fyDeflator: Float64Array;
  /** The financial years whole-run headlines cover (time.window; the whole horizon by default). */
  readonly window: WindowS;
  /**
   * Discount factor at the end of the horizon, when assets would be sold: over the years from
   * the start of the first financial year (where the first year's flows are counted) to the end.
   */
  readonly horizonEndDiscount: number;
}

/**
 * Vintage pricing of external placements: a placement keeps the market price of the financial year it
 * started, uplifted while in payment. Its rate is recorded once, at the start, as base price x
 * E(start) / U(start), and paid each month at x U(month) (CalendarS.oocPaymentIndex): the price at
 * the start, uplifted since by U(month) / U(start). Exact, since both indices are constant within a
 * financial year.
 */
export interface ExternalPricing {
  /** false: every placement is repriced each year (all factors 1). */
  readonly vintage: boolean;
  /** Start day of each financial year in the tables (ascending, from long before the start to the horizon's end). */
  readonly fyStartDays: Float64Array;
  /** E / U of each financial year of `fyStartDays`. */
  readonly startFactor: Float64Array;
}

/** The financial years that whole-run headlines cover (indices into CalendarS.fyLabels, inclusive). */
export interface WindowS {
  readonly fromFy: number;
  readonly toFy: number;
}

export interface CensusS {
  readonly local: readonly { readonly home: number; readonly cohort: number; readonly children: number }[];
  readonly outOfCounty: readonly { readonly cohort: number; readonly children: number }[];
  /** true: remaining stays drawn from the length-biased residual; false: a full fresh stay. */
  readonly residual: boolean;
  /** Children with known time in care (days) and age (years): remaining need drawn given the time spent. */
  readonly known: readonly {
    readonly cohort: number;
    /** The cohort whose stay the need is drawn from (the one the child was referred to). */
    readonly needCohort: number;
    /** Home index, or -1 for out of county. */
    readonly home: number;
    readonly elapsedDays: number;
    readonly age: number;
    readonly children: number;
  }[];
}

export interface Scenario {
  readonly name: string;
  /** ISO date of day 0. */
  readonly startDate: string;
  readonly warmupDays: number;
  readonly horizonDays: number;
  readonly calendar: CalendarS;
  readonly cohorts: readonly CohortS[];
  readonly homes: readonly HomeS[];
  readonly assessment: AssessmentS | null;
  /**
   * The opening programme's slip in days (openings.delay; null: none): one draw a replication,
   * shared by every home and unit whose `slipsWithProgramme` is set.
   */
  readonly openingSlip: CompiledDistribution | null;
  readonly art: ArtS | null;
  /** Social-worker travel per out-of-county child, £ a day at base prices (times the share placed far away). */
  readonly travelPerDay: number;
  readonly externalPricing: ExternalPricing;
  readonly policies: PoliciesS;
  readonly census: CensusS;
  readonly discountRate: number;
  /** Whether net present values are of price-base (real) or of nominal cash flows. */
  readonly npvBasis: 'real' | 'nominal';
  /** Savings target: £ a year, and the financial-year index it is tested in (-1: none). */
  readonly savingsTargetPerYear: number;
  readonly savingsTargetFy: number;
}
