/**
 * The report of a sweep: the answers to the sizing questions asked (or, without one, which
 * options are worth considering at all: the trade-off front of cost against children out of
 * county), the charts, every option with its range of outcomes, then what was held fixed and how
 * the sweep was run. Same blocks, and so the same HTML, Markdown and Word, as a run's report.
 */
import type { HeldFixed, SweepPoint } from '../experiment/sweep.ts';
import type { MetricSummary } from '../experiment/tables.ts';
import type { Block, ReportChart, ReportDoc } from './blocks.ts';
import type { SizingAnswer } from './sizing.ts';
import { formatValue } from './textTable.ts';
import { meanWithRange, RANGE_HEADING } from './uncertaintyWords.ts';

export interface SweepReportInput {
  modelName: string;
  modelFile: string;
  /** The varied fields, with their plain names. */
  axes: readonly { path: string; label: string }[];
  points: readonly SweepPoint[];
  answers: readonly SizingAnswer[];
  heldFixed: readonly HeldFixed[];
  design: 'grid' | 'lhs';
  replications: number;
  seed: number;
  caresim: string;
  finishedAt: string;
  charts: ReportChart[];
}

const COST = 'cost.total';
const OOC = 'outOfCounty.children';

/** "Contextual safeguarding home 2: beds 3, ART capacity (children) 12" */
const optionName = (axes: SweepReportInput['axes'], p: SweepPoint) =>
  axes.map((a, k) => `${a.label} = ${Number(p.values[k]!.toPrecision(6))}`).join('; ');

/** The cheapest option and the one with fewest children out of county, in words. */
function extremes(input: SweepReportInput): string {
  const { points, axes } = input;
  const by = (k: string) =>
    points.reduce((a, b) => (b.summary[k]!.mean < a.summary[k]!.mean ? b : a), points[0]!);
  const cheap = by(COST);
  const few = by(OOC);
  const c = cheap.summary[COST]!;
  const o = few.summary[OOC]!;
  const front = points.filter((p) => p.pareto).length;
  return (
    `Of the ${points.length} options tried, ${front} ${front === 1 ? 'is' : 'are'} on the trade-off front (no other option both costs less and has fewer children out of county). ` +
    `The cheapest is ${optionName(axes, cheap)}: ${formatValue(c.mean, '£')} on average (range of outcomes ${formatValue(c.p5, '£')} to ${formatValue(c.p95, '£')}). ` +
    `The fewest children out of county: ${optionName(axes, few)}, ${formatValue(o.mean, 'children')} on average (range ${formatValue(o.p5, 'children')} to ${formatValue(o.p95, 'children')}).`
  );
}

/** "Question: answer." */
const answerText = (a: SizingAnswer) => `${a.question}: ${a.answer.replace(/\.$/, '')}.`;

/** The answer's first two sentences, for the lead: the reasons follow in the findings. */
const leadOf = (text: string) =>
  text
    .split(/(?<=\.) (?=[A-Z])/)
    .slice(0, 2)
    .join(' ');

const cell = (m: MetricSummary | undefined) => (m ? meanWithRange(m, m.unit) : '-');

export function sweepReportBlocks(input: SweepReportInput): ReportDoc {
  const { points, axes } = input;
  const lead: Block[] =
    input.answers.length > 0
      ? input.answers.map((a) => ({ kind: 'lead', text: leadOf(answerText(a)) }))
      : [{ kind: 'lead', text: extremes(input) }];
  const blocks: Block[] = [
    ...lead,
    { kind: 'h2', text: 'Findings' },
    {
      kind: 'p',
      text: `Every option ran the same ${input.replications} replications from seed ${input.seed} (common random numbers), so differences between options are differences of the options, not of chance. Each value is the average across replications with its ${RANGE_HEADING} in brackets.`,
    },
    {
      kind: 'list',
      items: [...input.answers.map(answerText), extremes(input)],
    },
    { kind: 'h2', text: 'Charts' },
    ...input.charts.map((c) => ({ kind: 'chart' as const, chart: c })),
    { kind: 'h2', text: 'Every option' },
    {
      kind: 'table',
      header: [
        'Option',
        ...axes.map((a) => a.label),
        `Total revenue cost: average (${RANGE_HEADING})`,
        'Children out of county at any one time: average (range)',
        'On the trade-off front',
      ],
      rows: points.map((p) => [
        String(p.index + 1),
        ...p.values.map((v) => String(Number(v.toPrecision(6)))),
        cell(p.summary[COST]),
        cell(p.summary[OOC]),
        p.pareto ? 'yes' : '',
      ]),
    },
    { kind: 'h2', text: 'Appendix A: what was held fixed' },
    {
      kind: 'p',
      text:
        input.heldFixed.length === 0
          ? 'Nothing beyond the varied fields: every other number is the model file’s.'
          : 'Varying a field leaves the numbers that do not scale with it at their model values, as listed here; every other number is the model file’s.',
    },
    ...(input.heldFixed.length === 0
      ? []
      : [
          {
            kind: 'table' as const,
            header: ['Varied field', 'Held at the model’s value'],
            rows: input.heldFixed.map((h) => [
              h.axis,
              h.fields.map((f) => `${f.path} = ${Number(f.value.toPrecision(6))}`).join('; '),
            ]),
          },
        ]),
    { kind: 'h2', text: 'Appendix C: method' },
    {
      kind: 'list',
      items: [
        `Design: ${input.design === 'grid' ? 'every combination of the values listed (a full grid)' : `a Latin hypercube of ${points.length} points over the ranges`}, over ${axes.map((a) => `${a.label} (${a.path})`).join('; ')}.`,
        `Replications: ${input.replications} a point, master seed ${input.seed}; every point runs replications 0 to ${input.replications - 1} on the same random streams (common random numbers).`,
        'The trade-off front: the options no other option beats on both average total revenue cost and average children out of county.',
        `Software: caresim ${input.caresim}; model "${input.modelName}" (${input.modelFile}).`,
      ],
    },
  ];
  return {
    title: `Options for "${input.modelName}": a sweep of ${axes.map((a) => a.label).join(' and ')}`,
    subtitle: `${points.length} options, ${input.replications} replications each, seed ${input.seed}; caresim ${input.caresim}, ${input.finishedAt.slice(0, 10)}`,
    date: input.finishedAt.slice(0, 10),
    blocks,
  };
}
