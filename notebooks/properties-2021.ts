/**
 * Notebook 1: the four properties of the March 2021 report (002 ¶14), each simulated under
 * uncertainty against placing every child externally, beside the report's single figures.
 *
 * Run: npm run notebook -- properties-2021   (about a minute on two cores)
 * Writes runs/notebooks/properties-2021/: summary.md and one comparison folder per property.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeCompare } from '../src/output/compareFolder.ts';
import { summarise } from '../src/stats/summary.ts';
import { formatMoney } from '../src/charts/money.ts';
import { mcErrorOf } from '../src/report/uncertaintyWords.ts';
import { doing, load, outputFolder, pct } from './common.ts';

const REPLICATIONS = Number(process.env.REPS ?? 200);
const BASE = 'models/properties-2021/do-nothing.yaml';
const PROPERTIES = [
  {
    slug: 'under16-home',
    name: 'Property 1: under-16 home (002 ¶14a)',
    file: 'models/properties-2021/under16-home.yaml',
    reportSaving: 82_000,
    reportPayback: 5,
  },
  {
    slug: 'sixteen-plus-home',
    name: 'Property 2: 16+ home (002 ¶14b)',
    file: 'models/properties-2021/sixteen-plus-home.yaml',
    reportSaving: 188_000,
    reportPayback: 2.5,
  },
  {
    slug: 'family-centre',
    name: 'Property 3: family centre (002 ¶14c)',
    file: 'models/properties-2021/family-centre.yaml',
    reportSaving: 247_000,
    reportPayback: 2,
  },
  {
    slug: 'assessment-unit',
    name: 'Property 4: assessment unit (002 ¶14d)',
    file: 'models/properties-2021/assessment-unit.yaml',
    reportSaving: null,
    reportPayback: 5,
  },
];

const dir = outputFolder('properties-2021');
const base = load(BASE);
const rows: string[] = [];
const sections: string[] = [];
for (const p of PROPERTIES) {
  const s = load(p.file);
  const { comparisons } = await doing(
    `${p.name}: against doing nothing, ${REPLICATIONS} replications`,
    (onProgress) =>
      executeCompare({
        files: [BASE, p.file],
        models: [base.model, s.model],
        modelsAsWritten: [base.raw, s.raw],
        replications: REPLICATIONS,
        out: join(dir, p.slug),
        onProgress,
      }),
  );
  const c = comparisons[0]!;
  const years = Object.keys(c.savingByYear);
  // Each replication's average revenue saving a year over the horizon.
  const perYear = summarise(c.perRep.costAvoided!.map((x) => x / years.length));
  // Payback in years from April 2021: by the end of financial year index + 1.
  const payback = c.perRep.paybackYearIndex!.map((i) => (i < 0 ? Infinity : i + 1));
  const byReportYear = payback.filter((y) => y <= Math.ceil(p.reportPayback)).length / payback.length;
  const sorted = [...payback].sort((a, b) => a - b);
  const q = (f: number) => {
    const y = sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]!;
    return Number.isFinite(y) ? `${y} years` : 'not within 10 years';
  };
  rows.push(
    `| ${p.name} | ${p.reportSaving === null ? 'not stated' : formatMoney(p.reportSaving)} | ${formatMoney(perYear.mean)} (range of outcomes ${formatMoney(perYear.p5)} to ${formatMoney(perYear.p95)}; average to within ${mcErrorOf(perYear, '£')}) | ${p.reportPayback} years | ${q(0.5)} (${q(0.05)} to ${q(0.95)}) | ${pct(byReportYear)} |`,
  );
  sections.push(
    `## ${p.name}`,
    '',
    `![Cumulative net saving after capital](${p.slug}/charts/payback.png)`,
    '',
    `Full comparison: ${p.slug}/report.html`,
    '',
  );
}
const lines = [
  '# The four properties of the March 2021 report, under uncertainty',
  '',
  `_Each property against placing every child externally, ${REPLICATIONS} paired replications over ten years from April 2021, prices held at 2021 levels as the report's figures are. Regenerate with \`npm run notebook -- properties-2021\`._`,
  '',
  "| property | the report's revenue saving a year | simulated saving a year: average (range of outcomes; simulation error) | the report's payback | simulated payback: median (5th to 95th percentile) | replications paying back within the report's years |",
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  "The report's figures assume each home is used as planned (the 16+ home at 75% occupancy, 002 ¶14b). The simulation lets demand vary: a home is empty when no suitable child needs it and full when more do, and children's external prices vary. These models state no beliefs about their numbers: every parameter is at the report's value, so the range of outcomes is chance alone and understates what we do not know. The under-16 home's saving rests on £183 a person-week plus travel; the family centre's on a block cost against commissioning; the assessment unit's on placements breaking down less often after an assessment, which the report does not quantify (the model assumes 30% fewer).",
  '',
  ...sections,
];
writeFileSync(join(dir, 'summary.md'), lines.join('\n'));
console.log(`Wrote ${join(dir, 'summary.md')}`);
