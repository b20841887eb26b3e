/**
 * What `caresim calibrate` found, in plain words: per cohort, each estimate with its 95% interval
 * and what it rests on, the length-of-stay fits compared, and the census. Counts of children are
 * suppressed below the disclosure threshold (data/disclosure.ts); estimates are not counts.
 */
import type { Calibrated, CohortEstimates } from '../data/calibrate.ts';
import type { Block, ReportDoc } from './blocks.ts';
import { countText, suppressionNote } from '../data/disclosure.ts';
import { ukDate } from '../data/dates.ts';
import { textTable } from './textTable.ts';
import { monthName } from '../engine/calendar.ts';

const sig = (x: number, d = 3) => String(Number(x.toPrecision(d)));

const ESTIMATE_HEADER = ['estimate', 'value', '95% interval', 'from'];
const FIT_HEADER = ['family', 'AIC', 'mean (days)', 'sd (days)'];

/** One cohort's estimates as table rows (terminal, Markdown and HTML alike). */
function estimateRows(e: CohortEstimates, n: (x: number) => string): string[][] {
  const rows: string[][] = [];
  if (e.perYear)
    rows.push([
      'referrals a year (first financial year)',
      sig(e.perYear.value),
      `${sig(e.perYear.low)} to ${sig(e.perYear.high)}`,
      `${n(e.entries)} spells began in ${e.months.length} months`,
    ]);
  if (e.growth)
    rows.push([
      'growth of referrals a year',
      `${sig(100 * e.growth.value)}%`,
      `${sig(100 * e.growth.low)}% to ${sig(100 * e.growth.high)}%`,
      `Poisson regression, dispersion ${e.dispersion === null ? '-' : sig(e.dispersion, 2)}`,
    ]);
  if (e.seasonality)
    rows.push([
      'a yearly cycle in entries',
      e.seasonality.factors
        ? `highest ${monthName(e.seasonality.factors.indexOf(Math.max(...e.seasonality.factors)) + 1)} (x${sig(Math.max(...e.seasonality.factors))}), lowest ${monthName(e.seasonality.factors.indexOf(Math.min(...e.seasonality.factors)) + 1)} (x${sig(Math.min(...e.seasonality.factors))})`
        : 'none kept',
      '',
      `likelihood-ratio test, p = ${sig(e.seasonality.p, 2)}${e.seasonality.factors ? '' : ' (kept below 0.05)'}`,
    ]);
  if (e.stay) {
    const best = e.stay.fits[0]!;
    rows.push([
      'length of stay (mean, days)',
      sig(best.mean),
      `${sig(e.stay.meanLow)} to ${sig(e.stay.meanHigh)}`,
      `${best.family}; ${n(e.stay.events)} of ${n(e.stay.n)} spells ended as planned`,
    ]);
  }
  if (e.breakdowns && e.breakdowns.years > 0) {
    const r = e.breakdowns.events / e.breakdowns.years;
    const se = Math.sqrt(e.breakdowns.events) / e.breakdowns.years;
    rows.push([
      'breakdowns a placement-year',
      sig(r),
      `${sig(Math.max(0, r - 1.96 * se))} to ${sig(r + 1.96 * se)}`,
      `${n(e.breakdowns.events)} in ${sig(e.breakdowns.years)} years in care`,
    ]);
  }
  if (e.stepDowns) {
    const total = Object.values(e.stepDowns.counts).reduce((a, b) => a + b, 0);
    for (const [d, k] of Object.entries(e.stepDowns.counts)) {
      const sh = e.stepDowns.shares[d];
      rows.push([
        `step-down to ${d}`,
        total > 0 ? `${sig((100 * k) / total)}%` : '-',
        sh && sh.high > 0 ? `${sig(100 * sh.low)}% to ${sig(100 * sh.high)}%` : '',
        `${n(k)} of ${n(total)}`,
      ]);
    }
  }
  if (e.ages.length > 0)
    rows.push([
      'age at referral (median, years)',
      sig(e.ages[Math.floor(e.ages.length / 2)]!),
      `${sig(e.ages[Math.floor(0.1 * (e.ages.length - 1))]!)} to ${sig(e.ages[Math.ceil(0.9 * (e.ages.length - 1))]!)} (10th-90th)`,
      '',
    ]);
  return rows;
}

const fitRows = (e: CohortEstimates): string[][] =>
  e.stay ? e.stay.fits.map((f) => [f.family, sig(f.aic, 7), sig(f.mean), sig(f.sd)]) : [];

/**
 * The report as blocks for report.html and report.md: for each cohort its estimates, the fits
 * compared, and its two charts; then the census and any warnings.
 */
export function calibrationReportBlocks(
  c: Calibrated,
  below: number,
  dataLabel: string,
  charts: readonly { name: string; title: string; svg: string; png: string }[],
): ReportDoc {
  const n = (x: number) => countText(x, below);
  const blocks: Block[] = [
    {
      kind: 'p',
      text: `Reference window ${ukDate(c.window.from)} to ${ukDate(c.window.to)}; the calibrated model starts on ${ukDate(c.start)}. ${n(c.spells)} residential spells read${c.unmapped > 0 ? `; ${n(c.unmapped)} matched no cohort and were left out` : ''}. Each estimate is written into the model with its provenance and its sampling uncertainty as a belief, so runs of the calibrated model carry it (the range of outcomes widens as the data thin).`,
    },
  ];
  for (const e of c.cohorts) {
    blocks.push(
      { kind: 'h2', text: e.id },
      { kind: 'table', header: ESTIMATE_HEADER, rows: estimateRows(e, n) },
    );
    if (e.stay)
      blocks.push(
        {
          kind: 'p',
          text: 'Length-of-stay fits: lower AIC is better; a difference under 2 is no real preference.',
        },
        { kind: 'table', header: FIT_HEADER, rows: fitRows(e) },
      );
    for (const ch of charts.filter((x) => x.name === `stay-${e.id}` || x.name === `entries-${e.id}`))
      blocks.push({ kind: 'chart', chart: ch });
  }
  blocks.push(
    { kind: 'h2', text: 'Children in care at the start' },
    {
      kind: 'table',
      header: ['cohort', 'where', 'children'],
      rows: c.census.map((r) => [r.cohort, r.where, n(r.children)]),
    },
  );
  if (c.warnings.length > 0)
    blocks.push({ kind: 'h2', text: 'Warnings' }, { kind: 'list', items: c.warnings });
  blocks.push({ kind: 'p', text: suppressionNote(below) });
  return {
    title: `Calibration to ${dataLabel}`,
    subtitle: 'Estimates from the data, each with its 95% interval',
    blocks,
  };
}

export function formatCalibration(c: Calibrated, below: number, dataLabel: string): string {
  const n = (x: number) => countText(x, below);
  const lines: string[] = [
    `# Calibration to ${dataLabel}`,
    '',
    `Reference window ${ukDate(c.window.from)} to ${ukDate(c.window.to)}; the calibrated model starts on ${ukDate(c.start)}.`,
    `${n(c.spells)} residential spells read${c.unmapped > 0 ? `; ${n(c.unmapped)} matched no cohort and were left out` : ''}.`,
    '',
  ];
  for (const e of c.cohorts) {
    lines.push(`## ${e.id}`, '');
    lines.push(textTable(ESTIMATE_HEADER, estimateRows(e, n)), '');
    if (e.stay)
      lines.push(
        'Length-of-stay fits (lower AIC is better; a difference under 2 is no real preference):',
        textTable(FIT_HEADER, fitRows(e)),
        '',
      );
  }
  lines.push(
    '## Children in care at the start',
    '',
    textTable(
      ['cohort', 'where', 'children'],
      c.census.map((r) => [r.cohort, r.where, n(r.children)]),
    ),
    '',
  );
  if (c.warnings.length > 0) lines.push('## Warnings', '', ...c.warnings.map((w) => `- ${w}`), '');
  lines.push(suppressionNote(below), '');
  return lines.join('\n');
}
