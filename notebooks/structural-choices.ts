/**
 * Notebook 4: the structural choices behind the Leicestershire answer. Each choice the baseline
 * makes (who gets a freed bed, whether children are brought back, how need is priced, what an
 * assessment replaces, what step-downs cost, what doing nothing would have been, how external
 * prices move...) is replaced by its alternative, in the plan and in doing nothing alike, and the
 * plan-against-do-nothing answer is run again on the same replications: how far does each move the
 * 2027/28 saving, the chance of the £2.5m target and the net present value? docs/assumptions.md
 * quotes this table.
 *
 * Run: npm run notebook -- structural-choices   (about a minute on two cores)
 * Writes runs/notebooks/structural-choices/: summary.md and choices.csv.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runComparison, type ScenarioComparison } from '../src/experiment/compare.ts';
import { prepare } from '../src/experiment/prepared.ts';
import { csv } from '../src/output/csv.ts';
import { formatMoney } from '../src/charts/money.ts';
import { validateModelData } from '../src/scenario/load.ts';
import { parsePath } from '../src/scenario/paths.ts';
import { doing, load, outputFolder, pct } from './common.ts';

const REPLICATIONS = Number(process.env.REPS ?? 200);
const BASE = 'models/scenarios/do-nothing.yaml';
const PLAN = 'models/leicestershire.yaml';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = Record<string, any>;
type Which = 'plan' | 'base';

interface Choice {
  /** The structural choice, in words. */
  choice: string;
  baseline: string;
  alternative: string;
  /** Make the alternative in a copy of a model as written (both the plan and doing nothing). */
  edit: (raw: Raw, which: Which) => void;
}

/** Set the value at a path of a model as written (the path's parents must exist). */
function set(raw: Raw, path: string, value: unknown): void {
  const keys = parsePath(path);
  let o: Raw = raw;
  for (const k of keys.slice(0, -1)) o = o[k] as Raw;
  const last = keys[keys.length - 1]!;
  const old = o[last] as unknown;
  // A number with provenance keeps its provenance, with the new value (and its range if inside it),
  // and is held at that value: the alternative states the structure (none of the premium, the
  // forecast's growth), so it is not drawn from a belief centred on it.
  if (typeof value === 'number' && typeof old === 'object' && old !== null && 'value' in old) {
    const { low, high, ...rest } = old as Raw;
    o[last] = { ...rest, value, uncertain: false, ...(low <= value && value <= high ? { low, high } : {}) };
  } else o[last] = value;
}

const cohorts = (raw: Raw) => Object.values(raw.cohorts as Record<string, Raw>);
const homes = (raw: Raw) => Object.values((raw.homes ?? {}) as Record<string, Raw>);

const CHOICES: Choice[] = [
  {
    choice: 'Who is offered a local bed that frees or opens',
    baseline: 'the child whose external placement costs most',
    alternative: 'the child placed out of county longest',
    edit: (raw) => set(raw, 'policies.freedBed', 'longestAway'),
  },
  {
    choice: 'Children brought back into county',
    baseline: 'yes, with six months of need left',
    alternative: 'no: homes fill only from new referrals',
    edit: (raw) => set(raw, 'policies.repatriation', { enabled: false }),
  },
  {
    choice: "A child's need priced in a local home",
    baseline: "half the child's external premium",
    alternative: 'none: every child at the standard rate',
    edit: (raw) =>
      cohorts(raw).forEach((c) => c.localPremiumShare !== undefined && set(c, 'localPremiumShare', 0)),
  },
  {
    choice: "A child's need priced in a local home",
    baseline: "half the child's external premium",
    alternative: 'all of it: a child dear outside is as much dearer inside',
    edit: (raw) =>
      cohorts(raw).forEach((c) => c.localPremiumShare !== undefined && set(c, 'localPremiumShare', 1)),
  },
  {
    choice: 'An assessment stay',
    baseline: 'replaces the emergency placement (uses up need)',
    alternative: 'comes on top of the need, as pure added time',
    edit: (raw, which) => {
      if (which === 'plan') set(raw, 'assessment.replacesPlacement', false);
    },
  },
  {
    choice: 'Onward placements after a step-down',
    baseline: 'foster care, lodgings, semi-independence paid for',
    alternative: 'cost nothing (the earlier model)',
    edit: (raw) => {
      for (const c of cohorts(raw))
        for (const d of Object.values((c.pathway.stepDown ?? {}) as Record<string, Raw>))
          if (d.weeklyCost !== undefined) set(d, 'weeklyCost', 0);
    },
  },
  {
    choice: 'Doing nothing',
    baseline: 'MISTLE carries on (£450k a year)',
    alternative: 'no outreach team at all (the earlier model)',
    edit: (raw, which) => {
      if (which === 'base') delete raw.art;
    },
  },
  {
    choice: 'External prices in payment',
    baseline: 'a placement keeps its starting price, +3% a year',
    alternative: 'every placement repriced each year (same prices, not recalibrated)',
    edit: (raw) => set(raw, 'finance.externalIndexation', 'allPlacements'),
  },
  {
    choice: 'A new home fills',
    baseline: 'one bed at a time, about a quarter-year apart',
    alternative: 'every bed from opening',
    edit: (raw) => homes(raw).forEach((h) => delete h.openingRamp),
  },
  {
    choice: 'Travel for external placements',
    baseline: 'for the 55% placed far away',
    alternative: 'for every external placement (the earlier model)',
    edit: (raw) => set(raw, 'outOfCounty.distantShare', 1),
  },
  {
    choice: 'Assessment beds cost £5,200 a week',
    baseline: 'for the three together (000 ¶20)',
    alternative: 'for each bed open',
    edit: (raw, which) => {
      if (which === 'plan') set(raw, 'assessment.costBasis', 'perBedOpen');
    },
  },
  {
    choice: 'Referral growth to 2021/22',
    baseline: '4.5% a year, steadier than forecast (003 ¶15)',
    alternative: "7.5% a year, the 2018 forecast's pace (004 ¶19)",
    edit: (raw) => {
      for (const c of cohorts(raw)) {
        const byYear = (c.referrals.growth as Raw | undefined)?.byYear as Raw | undefined;
        if (byYear) for (const fy of Object.keys(byYear)) set(byYear, fy, 0.075);
      }
    },
  },
];

function validated(raw: Raw, what: string) {
  const r = validateModelData(raw);
  if (!r.ok) throw new Error(`${what}: ${r.errors.join('; ')}`);
  return r.model;
}

const base = load(BASE);
const plan = load(PLAN);
const seed = plan.model.run.seed;

async function answer(edit: Choice['edit'] | null, what: string): Promise<ScenarioComparison> {
  const b = structuredClone(base.raw) as Raw;
  const p = structuredClone(plan.raw) as Raw;
  if (edit) {
    edit(b, 'base');
    edit(p, 'plan');
  }
  const { comparisons } = await doing(
    `${what}: the plan against doing nothing, ${REPLICATIONS} replications each`,
    (onProgress) =>
      runComparison({
        models: [prepare(validated(b, BASE)), prepare(validated(p, PLAN))],
        files: [BASE, PLAN],
        replications: REPLICATIONS,
        seed,
        onProgress,
      }),
  );
  return comparisons[0]!;
}

const dir = outputFolder('structural-choices');
const central = await answer(null, 'The baseline as written');
const year = central.target!.year;
const row = (c: ScenarioComparison) => {
  const s = c.savingByYear[year]!;
  return {
    mean: s.mean,
    p5: s.p5,
    p95: s.p95,
    chance: c.target!.probabilityMet,
    npv: c.metrics.netPresentValue!.mean,
  };
};
const at = row(central);
const results: { choice: Choice; r: ReturnType<typeof row> }[] = [];
for (const choice of CHOICES) results.push({ choice, r: row(await answer(choice.edit, choice.choice)) });

const signed = (x: number) => (x >= 0 ? `+${formatMoney(x)}` : formatMoney(x));
const lines = [
  '# The structural choices behind the plan-against-do-nothing answer',
  '',
  `_Each choice replaced by its alternative in the plan and in doing nothing alike, ${REPLICATIONS} paired replications each (common random numbers, seed ${seed}). Regenerate with \`npm run notebook -- structural-choices\`._`,
  '',
  `The baseline: revenue saving in ${year} **${formatMoney(at.mean)}** (range of outcomes ${formatMoney(at.p5)} to ${formatMoney(at.p95)}); chance of the £2.5m target ${pct(at.chance)}; net present value ${formatMoney(at.npv)}.`,
  '',
  `| choice | the baseline | the alternative | saving in ${year} | change | chance of £2.5m | net present value |`,
  '|---|---|---|---|---|---|---|',
  ...results.map(
    ({ choice, r }) =>
      `| ${choice.choice} | ${choice.baseline} | ${choice.alternative} | ${formatMoney(r.mean)} (${formatMoney(r.p5)} to ${formatMoney(r.p95)}) | ${signed(r.mean - at.mean)} | ${pct(r.chance)} | ${formatMoney(r.npv)} |`,
  ),
  '',
  "The saving in brackets is its range of outcomes, the 5th to 95th percentile of the replications, each of which draws the baseline's uncertain numbers from their beliefs as well as running its own chance; a number an alternative sets (the premium share, the growth) is held at the value the alternative gives it.",
  '',
];
writeFileSync(join(dir, 'summary.md'), lines.join('\n'));
writeFileSync(
  join(dir, 'choices.csv'),
  csv([
    [
      'choice',
      'baseline',
      'alternative',
      'saving',
      'savingP5',
      'savingP95',
      'change',
      'chanceOfTarget',
      'npv',
    ],
    ['(baseline)', '', '', at.mean, at.p5, at.p95, 0, at.chance, at.npv],
    ...results.map(({ choice, r }) => [
      choice.choice,
      choice.baseline,
      choice.alternative,
      r.mean,
      r.p5,
      r.p95,
      r.mean - at.mean,
      r.chance,
      r.npv,
    ]),
  ]),
);
console.log(`Wrote ${join(dir, 'summary.md')}`);
