/**
 * The readable summary `caresim validate` prints: the horizon, beds by cohort over time,
 * expected demand per financial year, the expected number of children needing a placement
 * at once (Little's law, no capacity limit), the ART, assessment beds and how many numbers
 * carry their provenance. It uses planned dates and means only: it describes the inputs,
 * it does not simulate.
 */
import {
  addYears,
  dayBefore,
  DAYS_PER_YEAR,
  financialYearEnd,
  fyLabel,
  isoDay,
  MS_PER_DAY,
  parseDate,
} from '../engine/calendar.ts';
import { programmeSlips } from '../scenario/normalise.ts';
import { listProvenance, provenanceCounts } from '../scenario/provenance.ts';
import { meanDays, meanOf } from '../scenario/rates.ts';
import { expectedReferrals, horizonYears } from '../scenario/demand.ts';

export { expectedReferrals, expectedStock, horizonYears } from '../scenario/demand.ts';
import { val } from '../scenario/schema/distributions.ts';
import type { Home, ModelFile } from '../scenario/schema/model.ts';
import { formatCount, formatOneDecimal, textTable } from './textTable.ts';
import { formatMoneyExact } from '../charts/money.ts';

/** Cohorts a home is registered for on a date (planned dates, no random delay). */
export function cohortsOnDate(h: Home, date: string): readonly string[] {
  if (date < h.opens || (h.closes !== undefined && date >= h.closes)) return [];
  let current = h.cohorts;
  for (const r of h.reRegistrations ?? []) if (r.date <= date) current = r.cohorts;
  return current;
}

/**
 * The opening programme's slip (openings) as the summary shows it: the days it moves each
 * opening it applies to when it is fixed (0 when it is drawn: planned dates are shown then), the
 * ids of those openings, and a sentence saying so (null without one).
 */
export function programmeSlipShown(m: ModelFile): { days: number; moved: string[]; text: string } | null {
  const o = m.openings;
  if (!o) return null;
  const d = o.delay;
  const amount = `${Number(meanOf(d).toPrecision(3))} ${d.unit}`;
  const days = d.type === 'fixed' ? meanDays(d) : 0;
  const moved = [
    ...Object.entries(m.homes)
      .filter(([, h]) => programmeSlips(m, h.opens, h.openingDelay !== undefined))
      .map(([id]) => id),
    ...(m.assessment && programmeSlips(m, m.assessment.opens, m.assessment.openingDelay !== undefined)
      ? ['the assessment beds']
      : []),
  ];
  const which =
    moved.length === 0
      ? 'no opening'
      : moved.length === 1
        ? moved[0]!
        : `${moved.slice(0, -1).join(', ')} and ${moved[moved.length - 1]!}`;
  const own = o.ownDelay === 'adds' ? ', on top of any delay of their own' : '';
  const text =
    d.type === 'fixed'
      ? `The opening programme slips (openings.delay): ${which} open ${amount} later than planned${own}.`
      : `The opening programme slips (openings.delay): ${which} open later than planned${own}, by one delay drawn each replication for all of them (mean ${amount}), not shown in the table.`;
  return { days, moved, text };
}

/** An ISO date `days` later (whole days: the simulation's openings fall within the day). */
const laterBy = (iso: string, days: number) =>
  isoDay(new Date(parseDate(iso).getTime() + Math.floor(days) * MS_PER_DAY));

/** Multi-section text summary of a validated model. */
export function summariseModel(m: ModelFile, raw: unknown, file: string): string {
  const out: string[] = [];
  const cohortIds = Object.keys(m.cohorts);
  const years = horizonYears(m);
  const start = parseDate(m.time.start);
  const end = addYears(start, val(m.time.years));
  const fyEnd = (fy: number) => financialYearEnd(fy, m.time.financialYearStartMonth);
  const census = m.initialCensus;
  const censusCount = census
    ? census.local.reduce<number>((a, e) => a + val(e.children), 0) +
      Object.values(census.outOfCounty).reduce<number>((a, n) => a + val(n), 0)
    : 0;

  out.push(`${m.name}  (${file})`);
  out.push(
    `  Horizon ${m.time.start} to ${isoDay(dayBefore(end))}: ${val(m.time.years)} years, ${fyLabel(years[0]!)} to ${fyLabel(years[years.length - 1]!)}` +
      (m.time.warmupYears !== undefined ? `; warm-up ${val(m.time.warmupYears)} years` : '') +
      (census ? `; initial census of ${censusCount} children` : ''),
  );
  if (m.time.window)
    out.push(
      `  Headlines cover ${m.time.window.from} to ${m.time.window.to ?? fyLabel(years[years.length - 1]!)} (time.window); results by year cover every year`,
    );
  out.push(`  Runs ${m.run.replications} replications from seed ${m.run.seed} unless told otherwise`);
  if (m.history?.length)
    out.push(
      `  History check: ${m.history.length} documented figures, reported beside the simulated ones in every run`,
    );
  out.push(`  Cohorts: ${cohortIds.map((c) => `${c} (${m.cohorts[c]!.label})`).join(', ')}`);
  out.push('');

  // A fixed slip of the opening programme moves the openings it applies to; a drawn one is only named.
  const slip = programmeSlipShown(m);
  const slipped = (h: Home): Home =>
    slip && slip.days > 0 && programmeSlips(m, h.opens, h.openingDelay !== undefined)
      ? { ...h, opens: laterBy(h.opens, slip.days) }
      : h;
  const homes = Object.values(m.homes).map(slipped);
  out.push(
    `Beds open by cohort at the end of each financial year (planned dates${slip && slip.days > 0 ? ", moved by the opening programme's slip" : ''}, before any random delay)`,
  );
  out.push('  A home registered for several cohorts counts under each; "total" counts each bed once.');
  if (slip) out.push(`  ${slip.text}`);
  const bedRows = years.map((fy) => {
    const d = fyEnd(fy);
    const byCohort = cohortIds.map((c) =>
      homes.reduce((a, h) => a + (cohortsOnDate(h, d).includes(c) ? val(h.beds) : 0), 0),
    );
    const open = homes.filter((h) => cohortsOnDate(h, d).length > 0);
    return [fyLabel(fy), ...byCohort, open.reduce((a, h) => a + val(h.beds), 0), open.length];
  });
  out.push(indent(textTable(['year', ...cohortIds, 'total', 'homes'], bedRows)));
  out.push('');

  out.push('Expected referrals per financial year (children, before seasonality)');
  const refRows = years.map((fy) => {
    const per = cohortIds.map((c) => expectedReferrals(m, c, fy));
    return [fyLabel(fy), ...per, per.reduce((a, b) => a + b, 0)];
  });
  out.push(indent(textTable(['year', ...cohortIds, 'total'], refRows, formatOneDecimal)));
  out.push('');

  out.push(
    "Expected children needing a residential placement at once (Little's law: referrals a year x mean stay;",
  );
  out.push(
    '  no capacity limit, ignoring ageing and time added by breakdowns: a check on demand, not a forecast)',
  );
  const stockRows = years.map((fy) => {
    const per = cohortIds.map(
      (c) => (expectedReferrals(m, c, fy) * meanDays(m.cohorts[c]!.pathway.stay)) / DAYS_PER_YEAR,
    );
    return [fyLabel(fy), ...per, per.reduce((a, b) => a + b, 0)];
  });
  out.push(indent(textTable(['year', ...cohortIds, 'total'], stockRows, formatOneDecimal)));
  out.push('');

  if (m.art) {
    const a = m.art;
    const perChild = val(a.weeklyCostPerChild);
    const steps = Array.isArray(a.capacity)
      ? a.capacity.map((s) => ({ ...s, n: val(s.children) }))
      : [{ from: a.starts, n: val(a.capacity), provider: undefined, costPerYear: undefined }];
    const stepText = steps.map((s) => {
      const cost =
        s.costPerYear !== undefined
          ? `${formatMoneyExact(val(s.costPerYear))} a year as a block contract`
          : `${formatMoneyExact(s.n * perChild * 52)} a year at full capacity`;
      return `${s.provider ? `${s.provider}: ` : ''}${formatCount(s.n)} children from ${s.from} (${cost})`;
    });
    out.push(
      `ART: starts ${a.starts}; ${stepText.join('; ')}; ${formatMoneyExact(perChild)} per child-week, at ${m.finance.priceBase} prices;` +
        ` charged by ${a.costBasis}; supports ${a.supports.join(' > ')}; support lasts ${formatOneDecimal(meanDays(a.supportDuration) / 7)} weeks on average`,
    );
  } else out.push('ART: none');
  if (m.assessment) {
    const a = m.assessment;
    const moved = slip && slip.days > 0 && programmeSlips(m, a.opens, a.openingDelay !== undefined);
    out.push(
      `Assessment beds: ${formatCount(val(a.beds))} from ${moved ? `${laterBy(a.opens, slip.days)} (planned ${a.opens}, moved by the opening programme's slip)` : a.opens}; assessment lasts ${formatOneDecimal(meanDays(a.stay) / 7)} weeks on average;` +
        ` ${formatMoneyExact(val(a.weeklyCost))} a week (${a.costBasis})`,
    );
  } else out.push('Assessment beds: none');
  const prices = cohortIds.map((c) => {
    const own = m.cohorts[c]!.outOfCountyWeeklyPrice;
    const factor = m.cohorts[c]!.outOfCountyPriceFactor;
    const price = own ? meanOf(own) : meanOf(m.outOfCounty.defaultWeeklyPrice) * (factor ? val(factor) : 1);
    return `${c} ${formatMoneyExact(price)}`;
  });
  out.push(
    `Out-of-county mean weekly price at ${m.finance.priceBase} prices: ${prices.join(', ')}; travel ${formatMoneyExact(val(m.outOfCounty.travelCostPerWeek))} a week`,
  );
  if (m.finance.savingsTarget)
    out.push(
      `Savings target: ${formatMoneyExact(val(m.finance.savingsTarget.perYear))} a year by ${m.finance.savingsTarget.by}`,
    );
  const counts = provenanceCounts(listProvenance(raw));
  out.push(
    `Provenance: ${counts.source + counts.assumption + counts.none} numbers: ${counts.source} cite a source, ${counts.assumption} are stated assumptions, ${counts.none} carry neither (caresim validate --provenance lists them)`,
  );
  return out.join('\n');
}

const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
