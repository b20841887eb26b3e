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
import { formatValue } from '../src/report/runSummary.ts';
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
  `- Revenue cost avoided over the horizon: ${formatMoney(c.metrics.costAvoided!.mean)}; extra capital ${formatMoney(c.metrics.capitalExtra!.mean)}; net present value ${formatMoney(c.metrics.netPresentValue!.mean)}.`,
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
  '## Reading this',
  '',
  "The saving is the difference between the cost of doing nothing and the cost of the plan, replication by replication, so the same children and the same prices are behind both. With the baseline model's unit costs (a local bed about £5,477 a week at 2020 prices, 000 ¶25, against an external average of about £4,100), local homes save money mainly as external prices outpace in-house costs; the target depends above all on how fast external prices grow. The full comparison report is compare/report.html.",
  '',
];
writeFileSync(join(dir, 'summary.md'), lines.join('\n'));
console.log(`Wrote ${join(dir, 'summary.md')}`);
