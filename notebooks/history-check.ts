/**
 * Notebook 5: the history check. Every figure the documents report that the model can be held to,
 * beside what caresim gives for it, with a verdict: the baseline's own documented figures (its
 * `history` section: stock and cost 2017/18-2018/19, MISTLE and the ART, prices in payment, the first
 * homes filling, step-downs), the four properties of the March 2021 report under the report's own
 * assumptions (each home used as the report says, prices at their stated averages, no inflation),
 * and the £359k the March 2020 proposal would have avoided in 2019/20 (000 ¶33).
 *
 * The README's "History check" table is this notebook's table; test/scenario/historyCheck.test.ts
 * runs it and keeps the two in step.
 *
 * Run: npm run notebook -- history-check   (about a minute on two cores)
 * Writes runs/notebooks/history-check/: summary.md and history.csv.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runComparison } from '../src/experiment/compare.ts';
import { historyCheck } from '../src/experiment/history.ts';
import { prepare } from '../src/experiment/prepared.ts';
import { runReplications } from '../src/experiment/runner.ts';
import { csv } from '../src/output/csv.ts';
import { historyTable } from '../src/report/runReport.ts';
import { formatMoney } from '../src/charts/money.ts';
import { validateModelData } from '../src/scenario/load.ts';
import type { ModelFileInput } from '../src/scenario/schema/model.ts';
import { val } from '../src/scenario/schema/primitives.ts';
import { Replication } from '../src/model/replication.ts';
import { normalise } from '../src/scenario/normalise.ts';
import { doing, load, outputFolder } from './common.ts';

const REPLICATIONS = Number(process.env.REPS ?? 200);

/** One row of the table: a figure, when, the documents' value, caresim's, and the verdict. */
export interface CheckRow {
  figure: string;
  when: string;
  documents: string;
  caresim: string;
  evidence: string;
  verdict: string;
}
const rows: CheckRow[] = [];

// ---------------------------------------------------------------- the baseline's own history
const baseline = load('models/leicestershire.yaml');
const set = await doing(`The baseline's own history: ${REPLICATIONS} replications`, (onProgress) =>
  runReplications({
    model: prepare(baseline.model),
    reps: Array.from({ length: REPLICATIONS }, (_, i) => i),
    seed: baseline.model.run.seed,
    onProgress,
  }),
);
const table = historyTable(historyCheck(set));
for (const r of table.rows)
  rows.push({
    figure: r[0]!,
    when: r[1]!,
    documents: r[2]!,
    caresim: r[3]!,
    evidence: r[4]!,
    verdict: r[5]!,
  });
/** Reproducing a report's arithmetic from its own inputs checks caresim's costing, nothing more. */
const ARITHMETIC = "input: the report's own inputs, run through caresim's costing";

// ---------------------------------------------------------------- the 2021 properties, as the report costed them
/**
 * One year of the children the report counts, placed out of county or in the property, with every
 * price fixed at its stated average and no inflation: the report's own arithmetic, run through
 * caresim. `children`: each child and the days of the 52 weeks it is placed.
 */
function reportYear(o: {
  price: number;
  travel: number;
  costs: Record<string, number>;
  cohort: string;
  children: number[];
}): number {
  const cohorts = Object.fromEntries(
    o.children.map((days, i) => [
      `child${i}`,
      {
        label: `Child ${i + 1}`,
        referrals: { perYear: 0 },
        pathway: { stay: { type: 'fixed' as const, value: days, unit: 'days' as const } },
        outOfCountyWeeklyPrice: { type: 'fixed' as const, value: o.price },
      },
    ]),
  );
  const ids = Object.keys(cohorts);
  const common = {
    caresim: 1 as const,
    time: { start: '2021-04-01', years: 1 },
    cohorts,
    outOfCounty: {
      defaultWeeklyPrice: { type: 'fixed' as const, value: o.price },
      travelCostPerWeek: o.travel,
    },
    finance: { priceBase: '2021-04-01', inflation: { inHouse: 0, external: 0 }, discountRate: 0 },
  };
  const outside: ModelFileInput = {
    ...common,
    name: 'out of county',
    initialCensus: { outOfCounty: Object.fromEntries(ids.map((id) => [id, 1])), remainingStay: 'full' },
  };
  const inside: ModelFileInput = {
    ...common,
    name: o.cohort,
    homes: {
      home: { label: o.cohort, beds: o.children.length, cohorts: ids, opens: '2021-04-01', costs: o.costs },
    },
    initialCensus: {
      local: ids.map((id) => ({ home: 'home', cohort: id, children: 1 })),
      remainingStay: 'full',
    },
  };
  const cost = (m: ModelFileInput) => {
    const v = validateModelData(m);
    if (!v.ok) throw new Error(v.errors.join('; '));
    const sim = new Replication(normalise(v.model));
    const out = sim.run(1, 0);
    const r = sim.metrics.defs.findIndex((d) => d.name === 'cost.total');
    return out.slice(r * sim.metrics.months, (r + 1) * sim.metrics.months).reduce((a, b) => a + b, 0);
  };
  // 52 weeks of 365 days: the report's years are 52 weeks.
  return ((cost(outside) - cost(inside)) * 364) / 365;
}

const money = formatMoney;
const within = (x: number, target: number, tolerance: number) => Math.abs(x - target) <= tolerance * target;
const property = (file: string) => load(file).model;
const dn = property('models/properties-2021/do-nothing.yaml');
const travel = val(dn.outOfCounty.travelCostPerWeek);
const price = (c: string) => {
  const d = dn.cohorts[c]!.outOfCountyWeeklyPrice as { mean: number | { value: number } };
  return val(d.mean);
};
const homeOf = (file: string) => Object.values(property(file).homes)[0]!;
const costsOf = (file: string) =>
  Object.fromEntries(
    Object.entries(homeOf(file).costs)
      .filter(([k, v]) => ['fixedPerYear', 'perBedWeek', 'perOccupiedBedWeek'].includes(k) && v !== undefined)
      .map(([k, v]) => [k, val(v as number)]),
  );
const capital = (file: string) => val(homeOf(file).costs.capital!);
const retained = (file: string) => val(homeOf(file).costs.retainedValue!);
const FULL_YEAR = [364, 364, 364];

const cases = [
  {
    name: 'Property 1, under-16 home',
    file: 'models/properties-2021/under16-home.yaml',
    cohort: 'under16',
    children: FULL_YEAR,
    saving: 82_000,
    source: '002 ¶14a',
    differs: "the report's £183 a week and travel give £80.5k for three placements",
    payback: { years: 5, of: 'gross' as const, within: false },
    net: undefined,
  },
  {
    name: 'Property 2, 16+ home',
    file: 'models/properties-2021/sixteen-plus-home.yaml',
    cohort: 'sixteenPlus',
    // 75% occupancy (002 ¶14b): two young people all year and a third for a quarter of it.
    children: [364, 364, 91],
    saving: 188_000,
    source: '002 ¶14b',
    differs: 'the report counts travel for three placements, caresim for the 2.25 placed on average',
    payback: { years: 2.5, of: 'gross' as const, within: true },
    net: undefined,
  },
  {
    name: 'Property 3, family centre',
    file: 'models/properties-2021/family-centre.yaml',
    cohort: 'parentChild',
    children: FULL_YEAR,
    saving: 247_000,
    source: '002 ¶14c',
    differs: 'the report nets £296k of running costs off £543k of commissioning',
    payback: { years: 2, of: 'net' as const, within: true },
    net: 369_000,
  },
];
for (const c of cases) {
  const saving = reportYear({
    price: price(c.cohort),
    travel,
    costs: costsOf(c.file),
    cohort: c.cohort,
    children: c.children,
  });
  rows.push({
    figure: `${c.name}: revenue saving a year, under the report's assumptions`,
    when: '2021',
    documents: `${money(c.saving)} (${c.source})`,
    caresim: money(saving),
    evidence: ARITHMETIC,
    verdict: `${within(saving, c.saving, 0.1) ? 'consistent' : 'not consistent'}${within(saving, c.saving, 0.01) ? '' : `: ${c.differs}`}`,
  });
  // The family centre's net investment: the report says £369k (002 ¶14c), though £869k less the
  // £600k retained is £269k; the report's own figure is checked, and the slip stated.
  const invest = c.payback.of === 'gross' ? capital(c.file) : (c.net ?? capital(c.file) - retained(c.file));
  const years = invest / saving;
  const ok = c.payback.within ? years <= c.payback.years + 0.05 : Math.abs(years - c.payback.years) <= 0.5;
  rows.push({
    figure: `${c.name}: simple payback on the ${c.payback.of} investment, under the report's assumptions`,
    when: '2021',
    documents: `${c.payback.within ? 'within ' : ''}${c.payback.years} years (${c.source})`,
    caresim: `${years.toFixed(1)} years (${money(invest)} / ${money(saving)} a year)`,
    evidence: ARITHMETIC,
    verdict: `${ok ? 'consistent' : 'not consistent'}${c.net ? `; the report's net investment is £369k, though £869k less the £600k retained is £${(capital(c.file) - retained(c.file)) / 1000}k (${((capital(c.file) - retained(c.file)) / saving).toFixed(1)} years)` : ''}`,
  });
}
rows.push({
  figure: 'Property 4, assessment unit: payback on about £1.1m',
  when: '2021',
  documents: 'within 5 years (002 ¶14d)',
  caresim: 'not checked',
  evidence: '-',
  verdict:
    'cannot be checked: the report gives no revenue figures behind it; the unit is simulated in the baseline',
});

// ---------------------------------------------------------------- the £359k of 000 ¶33
const base = load('models/scenarios/do-nothing.yaml');
const proposal = load('models/history/march-2020-proposal.yaml');
const { comparisons } = await doing(
  `The March 2020 proposal against doing nothing, ${REPLICATIONS} replications each`,
  (onProgress) =>
    runComparison({
      models: [prepare(base.model, 4), prepare(proposal.model, 4)],
      files: ['models/scenarios/do-nothing.yaml', 'models/history/march-2020-proposal.yaml'],
      replications: REPLICATIONS,
      seed: base.model.run.seed,
      onProgress,
    }),
);
const avoided = comparisons[0]!.savingByYear['2019/20']!;
rows.push({
  figure: 'Costs avoided had the March 2020 proposal been in place (ART, assessment beds, three homes)',
  when: '2019/20',
  documents: `${money(359_000)} (000 ¶33)`,
  caresim: `${money(avoided.mean)} (${money(avoided.p5)} to ${money(avoided.p95)})`,
  evidence: 'independent: the model was not fitted to it',
  verdict:
    (avoided.p5 <= 359_000 && 359_000 <= avoided.p95) || within(avoided.mean, 359_000, 0.1)
      ? 'consistent'
      : 'not consistent',
});

const dir = outputFolder('history-check');
const lines = [
  '# The history check',
  '',
  `_Each figure the documents report beside caresim's: the baseline's own history (${REPLICATIONS} replications: mean, and 5th to 95th percentile), the 2021 properties under the report's own assumptions (one deterministic year), and the March 2020 proposal in 2019/20 against doing nothing (${REPLICATIONS} paired replications). Regenerate with \`npm run notebook -- history-check\`._`,
  '',
  '| figure | when | the documents | caresim | evidence | verdict |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) => `| ${r.figure} | ${r.when} | ${r.documents} | ${r.caresim} | ${r.evidence} | ${r.verdict} |`,
  ),
  '',
];
writeFileSync(join(dir, 'summary.md'), lines.join('\n'));
writeFileSync(
  join(dir, 'history.csv'),
  csv([
    ['figure', 'when', 'documents', 'caresim', 'evidence', 'verdict'],
    ...rows.map((r) => [r.figure, r.when, r.documents, r.caresim, r.evidence, r.verdict]),
  ]),
);
console.log(`Wrote ${join(dir, 'summary.md')}`);
