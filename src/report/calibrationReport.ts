/**
 * What `caresim calibrate` found, in plain words: per cohort, each estimate with its 95% interval
 * and what it rests on, the length-of-stay fits compared, and the census. Counts of children are
 * suppressed below the disclosure threshold (data/disclosure.ts); estimates are not counts.
 */
import type { Calibrated } from '../data/calibrate.ts';
import { countText, suppressionNote } from '../data/disclosure.ts';
import { ukDate } from '../data/dates.ts';
import { textTable } from './textTable.ts';

const sig = (x: number, d = 3) => String(Number(x.toPrecision(d)));

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
      for (const [d, k] of Object.entries(e.stepDowns.counts))
        rows.push([
          `step-down to ${d}`,
          total > 0 ? `${sig((100 * k) / total)}%` : '-',
          '',
          `${n(k)} of ${n(total)}`,
        ]);
    }
    if (e.ages.length > 0)
      rows.push([
        'age at referral (median, years)',
        sig(e.ages[Math.floor(e.ages.length / 2)]!),
        `${sig(e.ages[Math.floor(0.1 * (e.ages.length - 1))]!)} to ${sig(e.ages[Math.ceil(0.9 * (e.ages.length - 1))]!)} (10th-90th)`,
        '',
      ]);
    lines.push(textTable(['estimate', 'value', '95% interval', 'from'], rows), '');
    if (e.stay)
      lines.push(
        'Length-of-stay fits (lower AIC is better; a difference under 2 is no real preference):',
        textTable(
          ['family', 'AIC', 'mean (days)', 'sd (days)'],
          e.stay.fits.map((f) => [f.family, sig(f.aic, 7), sig(f.mean), sig(f.sd)]),
        ),
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
