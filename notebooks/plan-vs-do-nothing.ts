/**
 * Notebook 2: the March 2025 plan against doing nothing. What is the chance of reaching
 * £2.5m a year of revenue savings by March 2028 (001 ¶28), and what does the answer hang on?
 * Every replication draws the baseline's uncertain numbers from their beliefs (its ranges read as
 * triangular beliefs), so the answer's range carries what we do not know as well as chance; the
 * probabilistic sensitivity analysis of the same replications says which numbers the decision
 * hangs on (variance shares, EVPPI, thresholds), and the one-at-a-time tornado is kept beside it.
 *
 * Run: npm run notebook -- plan-vs-do-nothing   (about two minutes on two cores)
 * Writes runs/notebooks/plan-vs-do-nothing/: summary.md, compare/ (the comparison's results,
 * charts, report and compare-psa.csv) and sensitivity/ (the tornado chart and table).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeCompare } from '../src/output/compareFolder.ts';
import { parameterName } from '../src/experiment/sensitivity.ts';
import { executeSensitivity } from '../src/output/sensitivityFolder.ts';
import { PSA_MIN_REPLICATIONS, type Psa } from '../src/experiment/psa.ts';
import { psaTable } from '../src/report/compareReport.ts';
import { formatValue } from '../src/report/textTable.ts';
import { formatMoney } from '../src/charts/money.ts';
import {
  chanceInWords,
  chanceWithError,
  intervalsExplained,
  mcErrorOf,
  rangeOf,
} from '../src/report/uncertaintyWords.ts';
import { thresholdSentence } from '../src/charts/psaCharts.ts';
import { percent } from '../src/charts/style.ts';
import { doing, load, outputFolder } from './common.ts';

const REPLICATIONS = Number(process.env.REPS ?? 200);
const SENSITIVITY_REPLICATIONS = Number(process.env.SENS_REPS ?? 40);

const dir = outputFolder('plan-vs-do-nothing');
const base = load('models/scenarios/do-nothing.yaml');
const plan = load('models/leicestershire.yaml');

const { comparisons, manifest } = await doing(
  `Comparing the March 2025 plan with doing nothing, ${REPLICATIONS} replications each`,
  (onProgress) =>
    executeCompare({
      files: ['models/scenarios/do-nothing.yaml', 'models/leicestershire.yaml'],
      models: [base.model, plan.model],
      modelsAsWritten: [base.raw, plan.raw],
      replications: REPLICATIONS,
      out: join(dir, 'compare'),
      onProgress,
    }),
);
const c = comparisons[0]!;
const { result } = await doing(
  `One-at-a-time sensitivity of the saving: each ranged parameter at its low and its high, ${SENSITIVITY_REPLICATIONS} replications a run`,
  (onProgress) =>
    executeSensitivity({
      modelFile: 'models/leicestershire.yaml',
      modelName: plan.model.name,
      raw: plan.raw,
      baseRaw: base.raw,
      baseFile: 'models/scenarios/do-nothing.yaml',
      replications: SENSITIVITY_REPLICATIONS,
      seed: plan.model.run.seed,
      out: join(dir, 'sensitivity'),
      onProgress,
    }),
  'runs',
);

const t = c.target!;
const s = c.savingByYear[t.year]!;
const n = manifest.replications;
const table = (h: { header: string[]; rows: string[][] }) => [
  `| ${h.header.join(' | ')} |`,
  `|${h.header.map(() => '---').join('|')}|`,
  ...h.rows.map((r) => `| ${r.join(' | ')} |`),
];
const npv = c.metrics.netPresentValue!;
const lines = [
  '# The March 2025 plan against doing nothing',
  '',
  `_${n} paired replications (common random numbers, ${manifest.uncertain.length} uncertain numbers drawn in each); sensitivity with ${SENSITIVITY_REPLICATIONS} replications a run at fixed parameters. Regenerate with \`npm run notebook -- plan-vs-do-nothing\`._`,
  '',
  '## Will the plan save £2.5m a year by March 2028?',
  '',
  `**The plan is ${chanceInWords(t.probabilityMet)} to save ${formatMoney(t.perYear)} a year in ${t.year}** (001 ¶28): it does in ${chanceWithError(t.probabilityMet, n)}. The saving in ${t.year} is most likely about ${formatMoney(s.p50)}, and ranges from ${formatValue(s.p5, '£')} to ${formatValue(s.p95, '£')} in nine simulated futures of ten (the range of outcomes); its average is ${formatMoney(s.mean)}, estimated to within ${mcErrorOf(s, '£')} (the simulation error).`,
  '',
  `- Payback: ${c.payback.medianYear ?? 'not within the horizon'} in the median replication (range of outcomes ${c.payback.p5Year ?? 'never'} to ${c.payback.p95Year ?? 'not within the horizon'}); ${percent(c.payback.probabilityWithinHorizon)} of replications pay back by the end of the horizon.`,
  `- ${c.metrics.costAvoided!.label}: ${formatMoney(c.metrics.costAvoided!.mean)} (range of outcomes ${rangeOf(c.metrics.costAvoided!, '£')}); extra capital (whole horizon) ${formatMoney(c.metrics.capitalExtra!.mean)}; net present value (whole horizon, real) ${formatMoney(npv.mean)} (range of outcomes ${rangeOf(npv, '£')}).`,
  `- It costs less than doing nothing over ${c.span} in ${chanceWithError(c.probabilityCheaper, n)}.`,
  '',
  intervalsExplained(n, manifest.uncertain),
  '',
  '![Saving in the target year against the target](compare/charts/target-year-saving.png)',
  '',
  '![Cumulative net saving after capital](compare/charts/payback.png)',
  '',
  '## Which numbers the decision hangs on',
  '',
  ...hangsOn(c.psa),
  '## One at a time',
  '',
  `Each uncertain assumption set to its low and high value in turn, every other at its value (sensitivity/sensitivity.csv); a swing the ${SENSITIVITY_REPLICATIONS} replications cannot tell from noise is marked. The saving in ${result.targetYear} moves most with`,
  '',
  ...result.rows
    .slice(0, 6)
    .map(
      (r) =>
        `- **${parameterName(r)}** (${r.low} to ${r.high}): ${formatMoney(r.savingLow!.mean)} to ${formatMoney(r.savingHigh!.mean)}${r.withinNoise ? ' (within noise)' : ''}. ${r.parameter.kind === 'source' ? 'Source' : 'Assumption'}: ${r.parameter.text}`,
    ),
  '',
  '![What the saving hangs on, one at a time](sensitivity/charts/tornado.png)',
  '',
  '## What the answer rests on',
  '',
  "The saving is the difference between the cost of doing nothing and the cost of the plan, replication by replication, so the same children and the same prices are behind both. Doing nothing is what would have happened without the partnership: every child placed externally and MISTLE, the outreach team the ART replaced, carrying on at £450k a year (000 ¶15-16). The model reproduces the documented past first (the history check in the README: the £9.7m of 2017/18, the 63 children of July 2018, the average prices in payment of 2022/23 and 2024, the Old Post Office's two children, the £359k the 2020 proposal would have avoided), so the plan's future rests on the same prices and demand.",
  '',
  "Three structural choices carry most of the answer (runs/notebooks/structural-choices, docs/assumptions.md). First, who the homes are for: freed and new beds go to the children whose external placements cost most, brought back into county when they have six months of need left, as the homes were built for (000 ¶26-27, 001 ¶10-14); offering beds to those away longest instead, or filling homes only from new referrals, roughly halves the saving. Second, how much dearer those children are inside: the baseline takes half of a child's external premium to reappear as extra staffing in the local home (000 ¶26); none of it or all of it moves the saving by about £0.8m either way, and the documents give no figure. Third, the assessment beds: where a child goes at the point of breakdown instead of an emergency placement (000 ¶17-20), costed for the three beds together (000 ¶20); read either the other way and the saving falls by about £0.7m. After those, the market price of new external placements from 2024/25 (the tornado above) and demand growth.",
  '',
  'The structural choices are not drawn: they are choices of model, not numbers, and each is a scenario of its own (docs/assumptions.md). The ranges of outcomes above are conditional on them. The full comparison report is compare/report.html.',
  '',
];
/** The section on what the decision hangs on (the probabilistic sensitivity analysis). */
function hangsOn(psa: Psa | null): string[] {
  if (psa === null)
    return [
      `Not computed: the probabilistic sensitivity analysis needs ${PSA_MIN_REPLICATIONS} replications or more, with uncertain numbers drawn.`,
      '',
    ];
  const top = psa.rows.slice(0, 3);
  const turns = psa.rows
    .slice(0, 6)
    .map((r) => thresholdSentence(r, psa))
    .filter((x): x is string => x !== null);
  return [
    `Of the spread of the ${psa.year} saving across the ${n} replications, ${top.map((r) => `${r.label.toLowerCase()} alone explains ${percent(r.varianceShare)}`).join(', ')} (a smooth regression of the saving on each number in turn; compare/compare-psa.csv has every one).`,
    '',
    ...table(psaTable({ ...psa, rows: psa.rows.slice(0, 8) })),
    '',
    psa.rows.every((r) => r.evppi <= 0)
      ? `What knowing them is worth: nothing, for the choice itself. Whatever value any one of these numbers takes within its belief, the plan's expected net present value against doing nothing stays positive (range of outcomes ${rangeOf(npv, '£')}), so learning it first would not make doing nothing the better choice: the expected value of partial perfect information of each is £0. What the numbers decide is whether the £2.5m target is met, not whether the plan pays.`
      : `What knowing them is worth: the expected value of partial perfect information (EVPPI, on the net present value) is largest for ${[...psa.rows].sort((a, b) => b.evppi - a.evppi)[0]!.label.toLowerCase()}, ${formatValue([...psa.rows].sort((a, b) => b.evppi - a.evppi)[0]!.evppi, '£')}: what learning it before deciding would be worth in expectation.`,
    '',
    ...(turns.length === 0
      ? [
          'No single number, moved across its belief with the others still uncertain, brings the chance of the target across one half.',
        ]
      : [
          'Where the answer turns (each number moved across its belief, the others still uncertain):',
          '',
          ...turns.map((x) => `- The plan ${x}.`),
        ]),
    '',
    '![What the saving hangs on](compare/charts/hangs-on.png)',
    '',
    '![Where the answer turns](compare/charts/thresholds.png)',
    '',
  ];
}

writeFileSync(join(dir, 'summary.md'), lines.join('\n'));
console.log(`Wrote ${join(dir, 'summary.md')}`);
