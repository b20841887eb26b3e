/**
 * Notebook 3: the scaling choices named in the documents, each against the March 2025 plan:
 * more homes, a larger ART, openings slipping, re-registering a home for another cohort, and
 * selling spare places to neighbouring councils (000 ¶23, ¶34; 001 ¶21-23).
 *
 * Run: npm run notebook -- scaling-choices   (about two minutes on two cores)
 * Writes runs/notebooks/scaling-choices/: summary.md and one comparison folder per question,
 * each with its charts (cost-by-scenario, payback, target-year-saving) and report.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeCompare } from '../src/output/compareFolder.ts';
import { formatValue } from '../src/report/textTable.ts';
import { formatMoney } from '../src/charts/money.ts';
import { chanceWithError, mcErrorOf, meanWithRange } from '../src/report/uncertaintyWords.ts';
import { percent } from '../src/charts/style.ts';
import { doing, load, outputFolder, pct } from './common.ts';
import { windowText } from '../src/experiment/headline.ts';
import { prepare } from '../src/experiment/prepared.ts';

const REPLICATIONS = Number(process.env.REPS ?? 100);
const QUESTIONS = [
  {
    slug: 'more-homes',
    question: 'What do two more homes buy?',
    file: 'models/scenarios/two-more-homes.yaml',
  },
  {
    slug: 'larger-art',
    question: 'What does doubling the ART buy?',
    file: 'models/scenarios/double-art.yaml',
  },
  {
    slug: 'openings-slip',
    question: 'What do openings slipping 6 to 12 months cost?',
    file: 'models/scenarios/openings-slip.yaml',
  },
  {
    slug: 're-register',
    question: 'What does re-registering a home for 16+ change?',
    file: 'models/scenarios/re-register.yaml',
  },
  {
    slug: 'sell-places',
    question: 'What does selling spare places to neighbours bring?',
    file: 'models/scenarios/sell-places.yaml',
  },
];

const dir = outputFolder('scaling-choices');
const plan = load('models/leicestershire.yaml');
// The years whole-run measures cover: the plan's window (time.window), named as the tables name it.
const span = windowText(prepare(plan.model).scenario.calendar);
const lines = [
  '# Scaling choices against the March 2025 plan',
  '',
  `_Each choice compared with the plan on ${REPLICATIONS} paired replications (common random numbers, the same draws of the uncertain numbers for both). Positive savings: the choice costs less than the plan. The range of outcomes is the 5th to 95th percentile of the paired differences; the simulation error is ± half the 95% interval of the average. Regenerate with \`npm run notebook -- scaling-choices\`._`,
  '',
  `| question | revenue cost avoided, ${span}: average (range of outcomes) | simulation error of the average | extra capital | net present value (whole horizon): average (range of outcomes) | placements out of county avoided, ${span} | payback |`,
  '|---|---|---|---|---|---|---|',
];
const sections: string[] = [];
for (const q of QUESTIONS) {
  const s = load(q.file);
  const { comparisons } = await doing(`${q.question} (${REPLICATIONS} replications)`, (onProgress) =>
    executeCompare({
      files: ['models/leicestershire.yaml', q.file],
      models: [plan.model, s.model],
      modelsAsWritten: [plan.raw, s.raw],
      replications: REPLICATIONS,
      out: join(dir, q.slug),
      onProgress,
    }),
  );
  const c = comparisons[0]!;
  const m = c.metrics;
  lines.push(
    `| ${q.question} | ${meanWithRange(m.costAvoided!, '£')} | ${mcErrorOf(m.costAvoided!, '£')} | ${formatMoney(m.capitalExtra!.mean)} | ${meanWithRange(m.netPresentValue!, '£')} | ${formatValue(m.outOfCountyPlacementsAvoided!.mean, 'placements')} | ${c.payback.medianYear ?? 'not within the horizon'} (${pct(c.payback.probabilityWithinHorizon)}) |`,
  );
  sections.push(
    `## ${q.question}`,
    '',
    `${s.model.name} (\`${q.file}\`) against the plan: it costs less over ${span} in ${chanceWithError(c.probabilityCheaper, m.costAvoided!.n)}.${
      c.psa
        ? ` What the difference hangs on most: ${c.psa.rows
            .slice(0, 2)
            .map(
              (r) =>
                `${r.label.toLowerCase()} (${percent(r.varianceShare)} of the spread of the ${c.psa!.year} saving)`,
            )
            .join(', ')}.`
        : ''
    }`,
    '',
    `![${q.question}](${q.slug}/charts/payback.png)`,
    '',
  );
}
writeFileSync(join(dir, 'summary.md'), [...lines, '', ...sections].join('\n'));
console.log(`Wrote ${join(dir, 'summary.md')}`);
