/**
 * Notebook 2: the March 2025 plan against doing nothing. What is the chance of reaching
 * £2.5m a year of revenue savings by March 2028 (001 ¶28), and what drives it?
 *
 * Run: npm run notebook -- plan-vs-do-nothing   (about two minutes on two cores)
 * Writes runs/notebooks/plan-vs-do-nothing/: summary.md, compare/ (the comparison's results,
 * charts and report) and sensitivity/ (the tornado chart and table).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeCompare } from '../src/output/compareFolder.ts';
import { parameterName } from '../src/experiment/sensitivity.ts';
import { executeSensitivity } from '../src/output/sensitivityFolder.ts';
import { formatValue } from '../src/report/textTable.ts';
import { formatMoney } from '../src/report/textTable.ts';
import { load, outputFolder, pct } from './common.ts';

const REPLICATIONS = Number(process.env.REPS ?? 200);
const SENSITIVITY_REPLICATIONS = Number(process.env.SENS_REPS ?? 40);

const dir = outputFolder('plan-vs-do-nothing');
const base = load('models/scenarios/do-nothing.yaml');
const plan = load('models/leicestershire.yaml');

const { comparisons } = await executeCompare({
  files: ['models/scenarios/do-nothing.yaml', 'models/leicestershire.yaml'],
  models: [base.model, plan.model],
  modelsAsWritten: [base.raw, plan.raw],
  replications: REPLICATIONS,
  out: join(dir, 'compare'),
});
const c = comparisons[0]!;
const { result } = await executeSensitivity({
  modelFile: 'models/leicestershire.yaml',
  modelName: plan.model.name,
  raw: plan.raw,
  baseRaw: base.raw,
  baseFile: 'models/scenarios/do-nothing.yaml',
  replications: SENSITIVITY_REPLICATIONS,
  seed: plan.model.run.seed,
  out: join(dir, 'sensitivity'),
});

const t = c.target!;
const s = c.savingByYear[t.year]!;
const lines = [
  '# The March 2025 plan against doing nothing',
  '',
  `_${REPLICATIONS} paired replications (common random numbers); sensitivity with ${SENSITIVITY_REPLICATIONS} replications a run. Regenerate with \`npm run notebook -- plan-vs-do-nothing\`._`,
  '',
  '## Will the plan save £2.5m a year by March 2028?',
  '',
  `- Revenue saving in ${t.year}: **${formatMoney(s.mean)}** (95% interval ${formatValue(s.ciLow, '£')} to ${formatValue(s.ciHigh, '£')}; 5th to 95th percentile of replications ${formatMoney(s.p5)} to ${formatMoney(s.p95)}).`,
  `- Chance of reaching the target of ${formatMoney(t.perYear)} a year (001 ¶28): **${pct(t.probabilityMet)}** of replications.`,
  `- Payback: ${c.payback.medianYear ?? 'not within the horizon'} in the median replication; ${pct(c.payback.probabilityWithinHorizon)} of replications pay back by the end of the horizon.`,
  `- ${c.metrics.costAvoided!.label}: ${formatMoney(c.metrics.costAvoided!.mean)}; extra capital (whole horizon) ${formatMoney(c.metrics.capitalExtra!.mean)}; net present value (whole horizon, real) ${formatMoney(c.metrics.netPresentValue!.mean)}.`,
  '',
  '![Saving in the target year against the target](compare/charts/target-year-saving.png)',
  '',
  '![Cumulative net saving after capital](compare/charts/payback.png)',
  '',
  '## What drives it',
  '',
  `Each uncertain assumption set to its low and high value in turn (sensitivity/sensitivity.csv): the saving in ${result.targetYear} moves most with`,
  '',
  ...result.rows
    .slice(0, 6)
    .map(
      (r) =>
        `- **${parameterName(r)}** (${r.low} to ${r.high}): ${formatMoney(r.savingLow!.mean)} to ${formatMoney(r.savingHigh!.mean)}. ${r.parameter.kind === 'source' ? 'Source' : 'Assumption'}: ${r.parameter.text}`,
    ),
  '',
  '![What the saving hangs on](sensitivity/charts/tornado.png)',
  '',
  '## What the answer hangs on',
  '',
  "The saving is the difference between the cost of doing nothing and the cost of the plan, replication by replication, so the same children and the same prices are behind both. Doing nothing is what would have happened without the partnership: every child placed externally and MISTLE, the outreach team the ART replaced, carrying on at £450k a year (000 ¶15-16). The model reproduces the documented past first (the history check in the README: the £9.7m of 2017/18, the 63 children of July 2018, the average prices in payment of 2022/23 and 2024, the Old Post Office's two children, the £359k the 2020 proposal would have avoided), so the plan's future rests on the same prices and demand.",
  '',
  "Three structural choices carry most of the answer (runs/notebooks/structural-choices, docs/assumptions.md). First, who the homes are for: freed and new beds go to the children whose external placements cost most, brought back into county when they have six months of need left, as the homes were built for (000 ¶26-27, 001 ¶10-14); offering beds to those away longest instead, or filling homes only from new referrals, roughly halves the saving. Second, how much dearer those children are inside: the baseline takes half of a child's external premium to reappear as extra staffing in the local home (000 ¶26); none of it or all of it moves the saving by about £0.8m either way, and the documents give no figure. Third, the assessment beds: where a child goes at the point of breakdown instead of an emergency placement (000 ¶17-20), costed for the three beds together (000 ¶20); read either the other way and the saving falls by about £0.7m. After those, the market price of new external placements from 2024/25 (the tornado above) and demand growth.",
  '',
  "The interval after the mean is the Monte Carlo error of that mean; the 5th to 95th percentiles are the spread of outcomes from the simulation's own randomness with every parameter at its central value. Neither yet includes what we do not know about the parameters themselves, which the tornado shows is larger: read the chance of the target as conditional on the baseline's assumptions. The full comparison report is compare/report.html.",
  '',
];
writeFileSync(join(dir, 'summary.md'), lines.join('\n'));
console.log(`Wrote ${join(dir, 'summary.md')}`);
