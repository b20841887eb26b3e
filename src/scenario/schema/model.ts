/**
 * The model file: the single source of truth for what a strategist can write.
 *
 * TypeScript types are inferred from this schema (never written twice) and the JSON
 * Schema in `models/caresim.schema.json` is generated from it (`npm run schema`), so
 * editors complete and check fields. Every object is strict: an unknown key is an error,
 * because a misspelt key silently ignored is a wrong answer in a committee paper.
 *
 * Named things (cohorts, homes, step-down destinations) are maps keyed by id, so ids are
 * unique by construction and a scenario file can add or override one by naming it.
 * Cross-field checks (a home accepts a cohort that exists, dates inside the horizon...)
 * live in `crossChecks.ts`, after this shape check.
 */
import { z } from 'zod';
import { duration, distribution } from './distributions.ts';
import { financialYear, growth, id, isoDate, num, param } from './primitives.ts';
import { calibration } from './calibration.ts';

import { MAX_YEARS } from '../limits.ts';

export { MAX_YEARS } from '../limits.ts';

const label = z.string().min(1).describe('A readable name, used in tables and charts.');

const run = z
  .strictObject({
    replications: z.int().min(1).max(1_000_000).default(200).describe('Independent replications to run.'),
    seed: z
      .int()
      .min(0)
      .default(1)
      .describe('Master seed: every random stream derives from (seed, replication, stream name).'),
    allowLarge: z
      .literal(true)
      .optional()
      .describe(
        'Run a model larger than caresim checks a run can bear: more than 10 million referrals, or 2 million children in placements at once, in a replication (minutes and gigabytes each). Only when that is meant: without it such a model is refused, since a number mistyped by orders of magnitude is far likelier.',
      ),
  })
  .describe('Defaults for a run; the command line can override them.');

const time = z
  .strictObject({
    start: isoDate.describe('First day simulated and reported (after any warm-up).'),
    years: param(
      num.positiveCount().max(MAX_YEARS, { error: `expected a horizon of at most ${MAX_YEARS} years` }),
      'Horizon: how many years are reported from the start (whole years, at most 100).',
    ),
    warmupYears: param(
      num.nonNegative().max(100, { error: 'expected a warm-up of at most 100 years' }),
      'Years simulated before the start and discarded, so the system is not empty at the start. Use this or initialCensus.',
    ).optional(),
    period: z
      .literal('month')
      .default('month')
      .describe('Reporting period. Results are kept by month and by financial year.'),
    financialYearStartMonth: z
      .int()
      .min(1)
      .max(12)
      .default(4)
      .describe('Month a financial year starts (4 = April: the UK financial year runs April to March).'),
    window: z
      .strictObject({
        from: financialYear.describe('First financial year of the window.'),
        to: financialYear
          .optional()
          .describe('Last financial year of the window (default: the last of the horizon).'),
      })
      .optional()
      .describe(
        'The financial years that whole-run headlines (averages, totals, shares) cover, e.g. { from: 2024/25 } for the years of the plan, so that years of history are not averaged with the future; results by financial year always cover the whole horizon. Default: the whole horizon. `caresim run --window` overrides it.',
      ),
  })
  .describe('The simulated period.');

const monthlyFactors = z
  .array(num.positive())
  .length(12, { error: 'expected 12 monthly factors, January first' });

const referrals = z
  .strictObject({
    perYear: param(
      num.nonNegative(),
      'Referrals a year at the start date (children, before growth and seasonality).',
    ),
    growth: growth('Growth of referrals').optional(),
    seasonality: z
      .union([
        monthlyFactors,
        z.strictObject({
          factors: monthlyFactors,
          source: z.string().min(1).optional(),
          assumption: z.string().min(20).optional(),
        }),
      ])
      .optional()
      .describe(
        'Relative referral rate in each calendar month, January first, rescaled to average 1; a list, or { factors, source | assumption }.',
      ),
    atBreakdownShare: param(
      num.probability(),
      'Share of new referrals that come at the point of a family or placement breakdown (these may use an assessment bed).',
    ).optional(),
  })
  .describe('How children of this cohort are referred for a residential placement.');

const ageLimit = z
  .strictObject({
    age: param(num.positive(), 'Age in years at which this provision ends for the child.'),
    then: z
      .union([z.literal('leave'), z.strictObject({ referTo: id.describe('cohort that takes the child on') })])
      .describe(
        '"leave" (the child leaves care or this provision) or { referTo: cohort } for a new referral.',
      ),
  })
  .describe('Ageing: under-16 provision ends at 16, care placements at 18.');

const breakdown = z
  .strictObject({
    perYear: param(
      num.nonNegative(),
      'Hazard of an unplanned ending without ART support, per child-year in placement.',
    ),
    hazardRatioWithArt: param(
      num.nonNegative(),
      'Hazard multiplier while the ART supports the child; overrides art.effect.breakdownHazardRatio for this cohort.',
    ).optional(),
    escalateTo: id
      .optional()
      .describe('Cohort of the new referral after a breakdown that escalates need (default: same cohort).'),
    escalationProbability: param(
      num.probability(),
      'Chance a breakdown escalates need to escalateTo.',
    ).optional(),
    extraStay: duration
      .optional()
      .describe("Time added to the child's remaining need for residential care by a breakdown."),
  })
  .describe(
    'Placement breakdown: an unplanned ending that competes with the planned end and leads to a new referral.',
  );

const destination = z.strictObject({
  label: label.optional(),
  probability: param(num.probability(), 'Chance a planned step-down goes here; destinations sum to 1.'),
  availableAtOnce: param(
    num.probability(),
    'Chance an onward place (foster carer, supported lodgings...) is free the day the child is ready (default 1).',
  ).optional(),
  delay: duration
    .optional()
    .describe(
      'When no onward place is free: how long until one is. The residential bed stays occupied meanwhile.',
    ),
  weeklyCost: param(
    num.nonNegative(),
    'Weekly cost to the council of the onward placement (£ a week at finance.priceBase, in-house inflation), from the step-down until `duration` or `untilAge` ends it; 0 (the default) needs a reason in its provenance, as a step-down that costs nothing flatters every scenario that shortens residential stays.',
  ).optional(),
  duration: duration
    .optional()
    .describe('How long the onward cost lasts (with `untilAge`, whichever ends first).'),
  untilAge: param(
    num.positive(),
    "Age in years at which the onward cost ends (e.g. 18, when a foster placement becomes a care leaver's 'staying put'); needs the cohort's ageAtReferral.",
  ).optional(),
});

const pathway = z
  .strictObject({
    stay: duration.describe("Planned length of the child's need for a residential placement."),
    breakdown: breakdown.optional(),
    stepDown: z
      .record(id, destination)
      .optional()
      .describe(
        'Where children go at a planned ending, with probabilities summing to 1. Absent: they simply leave.',
      ),
    ageLimit: ageLimit.optional(),
  })
  .describe('What happens to a child of this cohort once referred.');

const soldPlaces = z
  .strictObject({
    feePerWeek: param(
      num.nonNegative(),
      'Fee a neighbouring council pays per occupied bed-week (£, at finance.priceBase).',
    ),
    keepFreeBeds: param(
      num.count(),
      'Only sell a place if at least this many other suitable beds stay free.',
    ).optional(),
  })
  .describe(
    'This cohort is children of neighbouring councils buying spare local places: they never go out of county (a refused referral is simply lost) and earn a fee.',
  );

const cohort = z.strictObject({
  label,
  description: z.string().optional(),
  referrals,
  ageAtReferral: distribution
    .optional()
    .describe('Age in years when referred. Needed for ageing; absent means no ageing.'),
  singleOccupancyShare: param(
    num.probability(),
    'Share of children who must live alone: placed in a home, they block its other beds.',
  ).optional(),
  pathway,
  outOfCountyWeeklyPrice: distribution
    .optional()
    .describe('Weekly price of an external placement (£ a week at finance.priceBase); heavy-tailed.'),
  outOfCountyPriceFactor: param(
    num.positive(),
    "The cohort's external prices relative to outOfCounty.defaultWeeklyPrice, for a cohort that gives no price of its own (1.1: 10% dearer): so that one documented average sets every cohort's level, and the factors, weighted by the cohorts' shares of children, can be checked to average 1.",
  ).optional(),
  localPremiumShare: param(
    num.probability(),
    "Link between a child's need and price: the share of the child's external price premium (the child's external weekly price above the cohort's mean) that the child also costs in a local home, as extra staffing for their needs (000 ¶26: beds at a standard cost that add extra support depending on the child's needs). 0 (the default): every child costs the home's standard rate; 1: a child dear outside is as much dearer inside.",
  ).optional(),
  soldPlaces: soldPlaces.optional(),
});

const reRegistration = z.strictObject({
  date: isoDate.describe('Date the new registration takes effect.'),
  cohorts: z.array(id).min(1).describe('Cohorts the home accepts from this date.'),
});

const homeCosts = z
  .strictObject({
    fixedPerYear: param(
      num.nonNegative(),
      'Running cost a year while open, full or empty (£ at finance.priceBase).',
    ).optional(),
    perOccupiedBedWeek: param(
      num.nonNegative(),
      'Cost per occupied bed-week (£ at finance.priceBase).',
    ).optional(),
    perBedWeek: param(
      num.nonNegative(),
      "Running cost per bed-week while the home is open, full or empty (£ at finance.priceBase): staffing priced per place, so that a home's running cost moves with its `beds` (in a sweep, say); added to fixedPerYear.",
    ).optional(),
    capital: param(num.nonNegative(), 'Capital cost (£), spent at capitalDate.').optional(),
    grant: param(
      num.nonNegative(),
      'Capital grant received towards it (£), e.g. DfE matched funding.',
    ).optional(),
    retainedValue: param(
      num.nonNegative(),
      'Value kept in the asset (£): resale value if no longer needed.',
    ).optional(),
    capitalDate: isoDate
      .optional()
      .describe('When the capital is spent (default: the planned opening date).'),
  })
  .describe('Costs of the home.');

const home = z.strictObject({
  label,
  beds: param(num.count(), 'Beds (places) in the home.'),
  cohorts: z.array(id).min(1).describe('Cohorts the home is registered for.'),
  opens: isoDate.describe('Planned opening date.'),
  openingDelay: duration.optional().describe('Random slip of the opening date, drawn once per replication.'),
  closes: isoDate.optional().describe('Date the home closes (children in it finish their placement first).'),
  reRegistrations: z
    .array(reRegistration)
    .optional()
    .describe('Later changes of the cohorts the home is registered for.'),
  singleOccupancy: z
    .boolean()
    .default(true)
    .describe('Whether the home can take a child who must live alone (who then blocks its other beds).'),
  openingRamp: z
    .strictObject({
      bedsAtOpening: param(num.count(), 'Beds offered from the day the home opens.'),
      weeksPerExtraBed: param(
        num.positive(),
        'Weeks after opening, and after each further bed, until one more bed is offered.',
      ),
    })
    .optional()
    .describe(
      'A new home fills gradually: children are matched and moved in one at a time (001 ¶19: the Old Post Office had two children and a third to join ten months after opening). Absent: every bed is offered from opening.',
    ),
  costs: homeCosts.default({}),
});

const assessment = z
  .strictObject({
    beds: param(num.count(), 'Assessment beds.'),
    opens: isoDate.describe('Date the assessment beds open.'),
    openingDelay: duration.optional(),
    closes: isoDate.optional(),
    cohorts: z.array(id).min(1).optional().describe('Cohorts that may use an assessment bed (default: all).'),
    stay: duration.describe('Length of an assessment.'),
    weeklyCost: param(num.nonNegative(), 'Weekly cost (£ at finance.priceBase), see costBasis.'),
    costBasis: z
      .enum(['perBedOpen', 'perOccupiedBed', 'wholeUnit'])
      .describe('What weeklyCost is for: each open bed, each occupied bed, or the whole unit while open.'),
    breakdownHazardRatioAfter: param(
      num.nonNegative(),
      'Breakdown hazard multiplier for the placement that follows an assessment ("right first time").',
    ).optional(),
    replacesPlacement: z
      .boolean()
      .default(true)
      .describe(
        "true: the assessment stay is where the child goes at the point of breakdown instead of an emergency placement (000 ¶17-20), so it uses up the child's need for residential care like any placement; false: it comes before the need starts counting, as pure added time and cost.",
      ),
    capital: param(num.nonNegative(), 'Capital cost (£).').optional(),
    retainedValue: param(num.nonNegative(), 'Value kept in the asset (£).').optional(),
  })
  .describe('Short-stay assessment beds where the ART assesses a child at the point of breakdown.');

/** How a home's own openingDelay combines with the programme's (openings.ownDelay). */
export const OWN_DELAY_RULES = ['overrides', 'adds'] as const;

const openings = z
  .strictObject({
    delay: duration.describe(
      'How much later than planned the openings still to come open: drawn once per replication, one draw shared by every home (and the assessment beds) it applies to, so that the programme slips as a whole.',
    ),
    from: isoDate
      .optional()
      .describe(
        "Only openings planned on or after this date slip (default: every opening planned after the model's start, time.start). For a model that replays history, the date of the question, so that openings that have happened do not slip.",
      ),
    ownDelay: z
      .enum(OWN_DELAY_RULES)
      .default('overrides')
      .describe(
        'A home (or the assessment beds) with an openingDelay of its own: "overrides" (the default) keeps its own delay instead of the programme\'s; "adds" draws its own delay on top of the programme\'s, so that each opening comes the programme\'s slip later than it otherwise would.',
      ),
  })
  .describe(
    'The opening programme slips: every planned opening still to come (homes and the assessment beds) opens `delay` later, one draw a replication for all of them. "What if openings slip a year" in one field.',
  );

const ART_GROUPS = ['assessed', 'local', 'outOfCounty'] as const;
const capacityStep = z.strictObject({
  from: isoDate,
  children: param(num.count(), 'Caseload capacity from this date (children at a time).'),
  provider: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Who provides the service from this date (e.g. "MISTLE, Action for Children"), for tables and the trace.',
    ),
  costPerYear: param(
    num.nonNegative(),
    "The service's cost a year from this date (£ at finance.priceBase) as a block contract, whatever the caseload (costBasis capacity only); absent: capacity x weeklyCostPerChild x 52.",
  ).optional(),
});
const art = z
  .strictObject({
    starts: isoDate.describe('Date the team starts work.'),
    capacity: z
      .union([param(num.count(), 'Caseload capacity (children at a time).'), z.array(capacityStep).min(1)])
      .describe(
        'Children the team supports at a time: a number, or steps [{ from: date, children: n }, ...].',
      ),
    weeklyCostPerChild: param(num.nonNegative(), 'Cost per child-week (£ at finance.priceBase).'),
    costBasis: z
      .enum(['capacity', 'caseload'])
      .default('capacity')
      .describe(
        '"capacity": the team is staffed for its full capacity and costs that whether or not it is full; "caseload": cost per child actually supported.',
      ),
    supports: z
      .array(z.enum(ART_GROUPS))
      .min(1)
      .describe(
        'Who the team supports, highest priority first: assessed (children leaving an assessment bed), local (in local homes), outOfCounty.',
      ),
    supportDuration: duration.describe('How long the team supports a child.'),
    maxWait: duration
      .optional()
      .describe('A child waiting longer than this for the team is taken off the waiting list.'),
    effect: z
      .strictObject({
        breakdownHazardRatio: param(num.nonNegative(), 'Breakdown hazard multiplier while supported.'),
        stayRatio: param(
          num.positive(),
          'Remaining planned stay multiplier when support starts (below 1: earlier step-down).',
        ).optional(),
      })
      .describe('What support does to a placement.'),
  })
  .describe('The Assessment and Resource Team: outreach to a capped caseload wherever the child lives.');

const outOfCounty = z
  .strictObject({
    defaultWeeklyPrice: distribution.describe(
      'Weekly external price for cohorts that give none (£ a week at finance.priceBase).',
    ),
    travelCostPerWeek: param(
      num.nonNegative(),
      'Social-worker and reviewing-officer travel per out-of-county child-week (£).',
    ),
    distantShare: param(
      num.probability(),
      'Share of external placements far enough away to incur travelCostPerWeek (1, the default: every one); the rest are in private homes inside the county.',
    ).optional(),
  })
  .describe('External placements, where children go when no suitable local bed is free.');

/** Orders in which a freed local bed is offered (policies.freedBed). */
export const FREED_BED_ORDERS = ['longestWaiting', 'longestAway', 'dearest', 'highestNeed'] as const;

const policies = z
  .strictObject({
    matching: z
      .enum(['listed', 'fewestFreeBeds', 'mostFreeBeds'])
      .default('listed')
      .describe(
        'Which suitable home a child goes to: the first listed, the fullest (packs homes), or the emptiest.',
      ),
    maxWaitForLocalBed: param(
      num.nonNegative(),
      'Days a referral may wait for a suitable local bed before going out of county (0: no waiting).',
    ).default(0),
    freedBed: z
      .enum(FREED_BED_ORDERS)
      .default('longestWaiting')
      .describe(
        'Who is offered a local bed that frees or opens, among the children waiting for one and (when repatriation is enabled) the children placed out of county whom the home can take: "longestWaiting" (those waiting, longest first, then those away longest), "longestAway" (those placed out of county longest, then those waiting), "dearest" (the child whose external placement costs, or would cost, most) or "highestNeed" (the child whose need is highest within their cohort: the top of the cohort\'s price distribution).',
      ),
    repatriation: z
      .strictObject({
        enabled: z.boolean(),
        minRemainingWeeks: param(
          num.nonNegative(),
          'Only bring a child back if at least this many weeks of need remain.',
        ).optional(),
      })
      .default({ enabled: false })
      .describe(
        'Bring out-of-county children back when a suitable local bed frees or a home opens; which child first is the freedBed order.',
      ),
    useAssessmentBeds: z
      .enum(['atBreakdown', 'never'])
      .default('atBreakdown')
      .describe('"atBreakdown": referrals at the point of breakdown go to a free assessment bed first.'),
  })
  .describe('Decision rules.');

const savingsTarget = z.strictObject({
  perYear: param(num.nonNegative(), 'Annual revenue saving sought (£ a year) against doing nothing.'),
  by: isoDate.describe(
    'Date by which the saving should be reached (the financial year ending then is tested).',
  ),
});

const finance = z
  .strictObject({
    priceBase: isoDate.describe('Date at which the money amounts in this file are priced.'),
    inflation: z.strictObject({
      inHouse: growth('Inflation of in-house costs (homes, ART, assessment beds)'),
      external: growth(
        'Growth of external placement prices: of every placement in payment (externalIndexation allPlacements), or of the price at which new placements start (placementStart)',
      ),
      externalInPayment: growth(
        'Yearly uplift of external placements already in payment, with externalIndexation placementStart (default 0: a placement keeps its starting price)',
      ).optional(),
      general: growth(
        'General inflation (the GDP deflator), which turns the money of each year into price-base terms for the net present value',
      ).optional(),
    }),
    externalIndexation: z
      .enum(['allPlacements', 'placementStart'])
      .default('allPlacements')
      .describe(
        '"allPlacements": every external placement is repriced each year by inflation.external; "placementStart": a placement keeps the market price of the month it started (its vintage), uplifted by inflation.externalInPayment while it lasts, so new placements cost more than those ending (001 ¶11).',
      ),
    discountRate: param(
      num.nonNegative(),
      'Discount rate a year for net present value (0.035 is 3.5%). With inflation.general, cash flows are first turned into price-base (real) terms and this is a real rate, as the HM Treasury Green Book uses; without it, the money of each year is discounted as paid (a nominal rate).',
    ),
    savingsTarget: savingsTarget.optional(),
  })
  .describe('Prices, inflation and the savings target.');

const censusLocal = z.strictObject({
  home: id,
  cohort: id,
  children: param(num.count(), 'Children in this home at the start.'),
});
const censusChild = z
  .strictObject({
    cohort: id,
    home: id.optional().describe('the local home the children are in (absent: placed out of county)'),
    referredAs: id
      .optional()
      .describe(
        'the cohort the children were referred to, when an age limit has since referred them on (their need is drawn from its stay); default: cohort',
      ),
    monthsInCare: z
      .number()
      .min(0)
      .describe('whole months the children have been in residential care for this need'),
    age: z.number().min(0).max(25).describe('their age at the start, in years'),
    children: num.count().default(1).describe('how many children this entry stands for'),
  })
  .describe(
    'Children found in care at the start with what is known of each (as `caresim calibrate` writes from a 903 return): their remaining need is drawn from the stay distribution given the time already spent, their age is known.',
  );
const initialCensus = z
  .strictObject({
    local: z.array(censusLocal).default([]).describe('Children already in local homes at the start.'),
    children: z
      .array(censusChild)
      .default([])
      .describe(
        'Children already in care, each with time in care and age (instead of counts drawn from the residual).',
      ),
    outOfCounty: z
      .record(id, param(num.count(), 'Children of this cohort placed out of county at the start.'))
      .default({}),
    remainingStay: z
      .enum(['residual', 'full'])
      .default('residual')
      .describe(
        '"residual": remaining stays drawn from the length-biased residual of the stay distribution (children found in care mid-stay); "full": a fresh full stay.',
      ),
  })
  .describe('Children already placed at the start (instead of, or as well as, a warm-up).');

const seriesList = z
  .array(z.string().min(1))
  .min(1)
  .describe('Series names (as in periods.csv), added up: e.g. [outOfCounty.children].');

const historyEntry = z.strictObject({
  label: label.describe('What the documents report, e.g. "Children in external residential placements".'),
  documented: param(num.any(), 'The figure as the documents give it (with its source).'),
  in: z
    .union([
      financialYear,
      z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, {
        error: 'expected a financial year (2017/18) or a month (2018-07)',
      }),
    ])
    .describe('When: a financial year (2017/18) or a calendar month (2018-07).'),
  series: seriesList,
  less: z
    .array(z.string().min(1))
    .optional()
    .describe('Series to take away (e.g. a cohort not among the figure).'),
  perChildWeek: z
    .strictObject({ series: seriesList, less: z.array(z.string().min(1)).optional() })
    .optional()
    .describe('Divide by the child-weeks of these level series in the period: a weekly price from a cost.'),
  deflate: z
    .enum(['inHouse', 'external'])
    .optional()
    .describe(
      'Turn the money into price-base money by that price index (for a figure stated at base prices).',
    ),
  evidence: z
    .enum(['independent', 'calibrated', 'input'])
    .default('independent')
    .describe(
      'What a match shows: "independent" (the model was not fitted to the figure), "calibrated" (the figure is a target the model was fitted to: a match shows the fit, not a prediction) or "input" (the figure is also an input, read back: a match shows the bookkeeping).',
    ),
  compare: z
    .enum(['equal', 'atLeast'])
    .default('equal')
    .describe(
      '"equal": the figure is an estimate of the simulated quantity; "atLeast": the documents give a part of it (e.g. only the step-downs one team helped), so the simulated mean should be no lower.',
    ),
  tolerance: z
    .number()
    .min(0)
    .default(0.1)
    .describe(
      'How far (a fraction of the documented figure) the simulated mean may be and still match, beside the documented figure lying within the simulated 5th to 95th percentiles.',
    ),
  note: z
    .string()
    .min(20)
    .optional()
    .describe(
      'Why the model does not match the figure, where it knowingly does not (shown beside the verdict).',
    ),
});

/** How the model's beliefs about its numbers are used (src/scenario/beliefs.ts). */
const uncertainty = z
  .strictObject({
    ranges: z
      .enum(['none', 'triangular', 'uniform'])
      .default('none')
      .describe(
        'How every number\'s low/high pair without an "uncertain" of its own is read: "none" (the range is for the one-at-a-time sensitivity analysis only), "triangular" (a belief from low to high, most likely at the value) or "uniform" (equally likely anywhere from low to high).',
      ),
    fixed: z
      .boolean()
      .default(false)
      .describe(
        'true: run every number at its central value, as if no belief were stated (the same as --fixed-parameters).',
      ),
  })
  .describe(
    'Parameter uncertainty: each uncertain number is drawn once a replication from its belief, so that the spread of outcomes includes what we do not know about the numbers as well as chance.',
  );

export const modelFile = z
  .strictObject({
    $schema: z.string().optional().describe('Path of the JSON Schema, for editors.'),
    caresim: z.literal(1, { error: 'expected caresim: 1 (the model-file format version)' }),
    name: z.string().min(1).describe('Name of the model or scenario.'),
    description: z.string().optional(),
    extends: z
      .string()
      .optional()
      .describe('Path of the model file this one changes (relative to this file).'),
    run: run.default({ replications: 200, seed: 1 }),
    time,
    cohorts: z.record(id, cohort).refine((c) => Object.keys(c).length > 0, 'at least one cohort is needed'),
    homes: z.record(id, home).default({}),
    assessment: assessment.optional(),
    openings: openings.optional(),
    art: art.optional(),
    outOfCounty,
    policies: policies.default({
      matching: 'listed',
      maxWaitForLocalBed: 0,
      freedBed: 'longestWaiting',
      repatriation: { enabled: false },
      useAssessmentBeds: 'atBreakdown',
    }),
    finance,
    uncertainty: uncertainty.optional(),
    initialCensus: initialCensus.optional(),
    calibration: calibration.optional(),
    history: z
      .array(historyEntry)
      .optional()
      .describe(
        'Documented figures the model should reproduce (the history check): each run reports the simulated value beside the documented one, with its spread and a verdict.',
      ),
  })
  .describe('A caresim model file.');

/** A validated model file, with defaults filled in. */
export type ModelFile = z.infer<typeof modelFile>;
/** A model file as written (defaults optional). */
export type ModelFileInput = z.input<typeof modelFile>;
export type Cohort = ModelFile['cohorts'][string];
export type Home = ModelFile['homes'][string];
export type HistoryEntry = NonNullable<ModelFile['history']>[number];
export const ART_SUPPORT_GROUPS = ART_GROUPS;
