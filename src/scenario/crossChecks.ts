/**
 * Checks that span fields, run after the shape is known to be right: references to
 * cohorts and homes that exist, dates inside the horizon and in order, probabilities that
 * sum to 1, an initial census that fits the beds. Each returns issues with the path of the
 * offending field, so they are reported at the right line like shape errors.
 */
import { val } from './schema/distributions.ts';
import { probabilitySumProblem } from './schema/primitives.ts';
import { expectedReferrals, expectedStock, horizonYears as horizonYearsOf } from './demand.ts';
import type { ModelFile } from './schema/model.ts';
import { didYouMean, type ModelIssue, type Path } from './issues.ts';
import { normalise, programmeSlips } from './normalise.ts';
import { seriesDefinitions } from '../model/series.ts';
import { addYears, financialYearOf, horizonYears, parseDate } from '../engine/calendar.ts';

/** Run every cross-field check; errors and warnings, in file order. */
export function crossCheck(m: ModelFile): ModelIssue[] {
  const out: ModelIssue[] = [];
  const err = (path: Path, message: string) => out.push({ path, message, severity: 'error' });
  const warn = (path: Path, message: string) => out.push({ path, message, severity: 'warning' });
  const cohortIds = Object.keys(m.cohorts);
  const homeIds = Object.keys(m.homes);
  const start = parseDate(m.time.start);
  const end = addYears(start, val(m.time.years));
  const endText = end.toISOString().slice(0, 10);
  const cohortRef = (path: Path, ref: string) => {
    if (!m.cohorts[ref])
      err(path, `no cohort "${ref}"${didYouMean(ref, cohortIds)} (cohorts: ${cohortIds.join(', ')})`);
  };
  const notAfterEnd = (path: Path, date: string, what: string) => {
    if (parseDate(date) >= end)
      err(path, `${what} ${date} is not inside the horizon (${m.time.start} to ${endText})`);
  };

  for (const [cid, c] of Object.entries(m.cohorts)) {
    const p = ['cohorts', cid];
    const pw = c.pathway;
    if (pw.breakdown?.escalateTo !== undefined)
      cohortRef([...p, 'pathway', 'breakdown', 'escalateTo'], pw.breakdown.escalateTo);
    if (pw.breakdown?.escalateTo !== undefined && pw.breakdown.escalationProbability === undefined)
      err(
        [...p, 'pathway', 'breakdown'],
        'escalateTo needs escalationProbability (the chance a breakdown escalates)',
      );
    if (pw.ageLimit) {
      if (!c.ageAtReferral)
        err(
          [...p, 'pathway', 'ageLimit'],
          "an ageLimit needs ageAtReferral on the cohort, to know each child's age",
        );
      const then = pw.ageLimit.then;
      if (then !== 'leave') {
        cohortRef([...p, 'pathway', 'ageLimit', 'then', 'referTo'], then.referTo);
        if (then.referTo === cid)
          err(
            [...p, 'pathway', 'ageLimit', 'then', 'referTo'],
            'a cohort cannot refer to itself at its age limit',
          );
      }
    }
    if (pw.stepDown) {
      const entries = Object.entries(pw.stepDown);
      const sum = entries.reduce((a, [, d]) => a + val(d.probability), 0);
      const off = probabilitySumProblem(sum);
      if (entries.length > 0 && off) err([...p, 'pathway', 'stepDown'], `step-down probabilities ${off}`);
      for (const [did, d] of entries) {
        const available = d.availableAtOnce === undefined ? 1 : val(d.availableAtOnce);
        if (available < 1 && !d.delay)
          err(
            [...p, 'pathway', 'stepDown', did],
            'availableAtOnce below 1 needs a delay distribution (how long until a place frees)',
          );
        if (d.weeklyCost !== undefined && val(d.weeklyCost) > 0 && !d.duration && d.untilAge === undefined)
          err(
            [...p, 'pathway', 'stepDown', did, 'weeklyCost'],
            'an onward weekly cost needs a duration or untilAge (how long the council pays it)',
          );
        if (d.untilAge !== undefined && !c.ageAtReferral)
          err(
            [...p, 'pathway', 'stepDown', did, 'untilAge'],
            "untilAge needs ageAtReferral on the cohort, to know each child's age",
          );
      }
    }
    if (
      c.referrals.growth !== undefined &&
      typeof c.referrals.growth === 'object' &&
      'byYear' in c.referrals.growth
    )
      checkGrowthYears(c.referrals.growth.byYear, [...p, 'referrals', 'growth', 'byYear'], m, warn);
    if (c.outOfCountyPriceFactor !== undefined && c.outOfCountyWeeklyPrice)
      err(
        [...p, 'outOfCountyPriceFactor'],
        'a price factor scales outOfCounty.defaultWeeklyPrice: give it or outOfCountyWeeklyPrice, not both',
      );
    if (c.soldPlaces && !Object.values(m.homes).some((h) => h.cohorts.includes(cid)))
      warn([...p, 'soldPlaces'], 'no home accepts this cohort, so no place can be sold');
    if (
      c.soldPlaces &&
      (pw.breakdown?.escalateTo || (pw.ageLimit?.then !== undefined && pw.ageLimit.then !== 'leave'))
    )
      err(
        [...p, 'soldPlaces'],
        'children placed by neighbouring councils leave when their placement ends: no escalation or referTo',
      );
  }

  for (const [hid, h] of Object.entries(m.homes)) {
    const p = ['homes', hid];
    h.cohorts.forEach((ref, i) => cohortRef([...p, 'cohorts', i], ref));
    notAfterEnd([...p, 'opens'], h.opens, 'opening date');
    if (h.closes !== undefined) {
      if (h.closes <= h.opens) err([...p, 'closes'], `closes (${h.closes}) is not after opens (${h.opens})`);
      if (parseDate(h.closes) <= start)
        err(
          [...p, 'closes'],
          `closes (${h.closes}) before the start (${m.time.start}): the home never takes a child`,
        );
    }
    let previous = h.opens;
    (h.reRegistrations ?? []).forEach((r, i) => {
      const rp = [...p, 'reRegistrations', i];
      r.cohorts.forEach((ref, j) => cohortRef([...rp, 'cohorts', j], ref));
      if (r.date <= previous)
        err(
          [...rp, 'date'],
          `re-registration on ${r.date} must come after ${previous} (opening or previous re-registration)`,
        );
      if (h.closes !== undefined && r.date >= h.closes)
        err([...rp, 'date'], `re-registration on ${r.date} is after the home closes (${h.closes})`);
      notAfterEnd([...rp, 'date'], r.date, 're-registration date');
      previous = r.date;
    });
    if (h.openingRamp && val(h.openingRamp.bedsAtOpening) > val(h.beds))
      err(
        [...p, 'openingRamp', 'bedsAtOpening'],
        `${val(h.openingRamp.bedsAtOpening)} beds at opening, but the home has ${val(h.beds)}`,
      );
    const { capital, grant } = h.costs;
    if (grant !== undefined && (capital === undefined || val(grant) > val(capital)))
      err([...p, 'costs', 'grant'], 'grant is larger than the capital cost (or there is no capital cost)');
  }

  if (m.assessment) {
    const a = m.assessment;
    notAfterEnd(['assessment', 'opens'], a.opens, 'opening date');
    (a.cohorts ?? []).forEach((ref, i) => cohortRef(['assessment', 'cohorts', i], ref));
    if (a.closes !== undefined && a.closes <= a.opens)
      err(['assessment', 'closes'], `closes (${a.closes}) is not after opens (${a.opens})`);
  }

  if (m.openings) {
    // A programme slip that moves no opening is a wrong answer waiting to be quoted.
    const slipping = [
      ...Object.values(m.homes).filter((h) => programmeSlips(m, h.opens, h.openingDelay !== undefined)),
      ...(m.assessment && programmeSlips(m, m.assessment.opens, m.assessment.openingDelay !== undefined)
        ? [m.assessment]
        : []),
    ];
    if (slipping.length === 0)
      warn(
        ['openings'],
        `no opening slips: no home or assessment beds plan to open ${m.openings.from === undefined ? `after the start (${m.time.start})` : `on or after ${m.openings.from}`}${m.openings.ownDelay === 'overrides' ? ' without an openingDelay of their own (ownDelay: adds puts the slip on top of those)' : ''}`,
      );
  }

  if (m.art) {
    notAfterEnd(['art', 'starts'], m.art.starts, 'start date');
    if (Array.isArray(m.art.capacity)) {
      let previous = '';
      m.art.capacity.forEach((step, i) => {
        if (step.from <= previous)
          err(
            ['art', 'capacity', i, 'from'],
            `capacity steps must be in date order (${step.from} follows ${previous})`,
          );
        notAfterEnd(['art', 'capacity', i, 'from'], step.from, 'capacity change');
        previous = step.from;
      });
    }
    if (Array.isArray(m.art.capacity) && m.art.costBasis === 'caseload')
      m.art.capacity.forEach((step, i) => {
        if (step.costPerYear !== undefined)
          err(
            ['art', 'capacity', i, 'costPerYear'],
            'a block cost a year is for costBasis capacity (the team costs that whatever its caseload)',
          );
      });
    const seen = new Set<string>();
    m.art.supports.forEach((g, i) => {
      if (seen.has(g)) err(['art', 'supports', i], `"${g}" is listed twice`);
      seen.add(g);
    });
  }

  if (
    m.finance.inflation.externalInPayment !== undefined &&
    m.finance.externalIndexation !== 'placementStart'
  )
    warn(
      ['finance', 'inflation', 'externalInPayment'],
      'externalInPayment has an effect only with externalIndexation: placementStart',
    );
  const window = m.time.window;
  if (window) {
    const fys = horizonYears(start, val(m.time.years), m.time.financialYearStartMonth).labels;
    const inside = (label: string) => fys.includes(label);
    const range = `${fys[0]} to ${fys[fys.length - 1]}`;
    if (!inside(window.from))
      err(['time', 'window', 'from'], `${window.from} is not a financial year of the horizon (${range})`);
    if (window.to !== undefined && !inside(window.to))
      err(['time', 'window', 'to'], `${window.to} is not a financial year of the horizon (${range})`);
    if (window.to !== undefined && window.to < window.from)
      err(['time', 'window', 'to'], `the window ends (${window.to}) before it starts (${window.from})`);
  }

  for (const key of ['inHouse', 'external', 'externalInPayment'] as const) {
    const g = m.finance.inflation[key];
    if (typeof g === 'object' && 'byYear' in g)
      checkGrowthYears(g.byYear, ['finance', 'inflation', key, 'byYear'], m, warn);
  }
  if (m.finance.savingsTarget) {
    const by = m.finance.savingsTarget.by;
    if (parseDate(by) <= start || parseDate(by) > end)
      err(
        ['finance', 'savingsTarget', 'by'],
        `target date ${by} is not inside the horizon (${m.time.start} to ${endText})`,
      );
  }

  if (m.initialCensus) {
    const perHome = new Map<string, number>();
    // A census entry in a home: the home exists, is open at the start, takes the cohort and has the beds.
    const inHome = (p: Path, home: string, cohort: string, children: number) => {
      const h = m.homes[home];
      if (!h) {
        err([...p, 'home'], `no home "${home}"${didYouMean(home, homeIds)}`);
        return;
      }
      if (parseDate(h.opens) > start)
        err([...p, 'home'], `home "${home}" opens ${h.opens}, after the start (${m.time.start})`);
      if (!h.cohorts.includes(cohort))
        err(
          [...p, 'cohort'],
          `home "${home}" is not registered for cohort "${cohort}" (it takes ${h.cohorts.join(', ')})`,
        );
      const n = (perHome.get(home) ?? 0) + children;
      perHome.set(home, n);
      if (n > val(h.beds))
        err([...p, 'children'], `${n} children in home "${home}", which has ${val(h.beds)} beds`);
    };
    m.initialCensus.local.forEach((entry, i) => {
      const p = ['initialCensus', 'local', i];
      cohortRef([...p, 'cohort'], entry.cohort);
      inHome(p, entry.home, entry.cohort, val(entry.children));
    });
    for (const cid of Object.keys(m.initialCensus.outOfCounty))
      cohortRef(['initialCensus', 'outOfCounty', cid], cid);
    m.initialCensus.children.forEach((entry, i) => {
      const p = ['initialCensus', 'children', i];
      cohortRef([...p, 'cohort'], entry.cohort);
      if (entry.referredAs !== undefined) cohortRef([...p, 'referredAs'], entry.referredAs);
      if (entry.home !== undefined) inHome(p, entry.home, entry.cohort, entry.children);
    });
  }
  // The history check names series, which exist only once the rest is right.
  if (m.history && !out.some((i) => i.severity === 'error')) checkHistory(m, err);
  runSizeProblems(m, err);
  return out;
}

/**
 * The most each number plausibly is (England places about 10,000 children in residential care;
 * its largest homes have a few dozen beds): past these, a number is refused as a likely mistype
 * unless run.allowLarge says it is meant.
 */
export const PLAUSIBLE = { homeBeds: 1_000, referrals: 100_000, artChildren: 10_000 };

/** Referrals in a replication past which a run cannot be borne (without run.allowLarge). */
export const MAX_REFERRALS = 10_000_000;
/** Children in placements at once past which a replication's memory cannot be borne. */
export const MAX_AT_ONCE = 2_000_000;

const many = (x: number) =>
  Number.isFinite(x) && x < 1e15
    ? `about ${Math.round(x).toLocaleString('en-GB')}`
    : 'more than can be counted';

/**
 * A model whose demand a run cannot bear (referrals.perYear: 1e308 validates as a number, then
 * takes every gigabyte and dies): refused with the estimate, at the cohort that asks for most.
 */
function runSizeProblems(m: ModelFile, err: (path: Path, message: string) => void): void {
  if (m.run.allowLarge) return;
  // Each number against the most it plausibly is: a mistype by orders of magnitude, caught where
  // it is written.
  let flagged = false;
  const beyond = (path: Path, value: number, most: number, what: string) => {
    if (!(value > most)) return;
    flagged = true;
    err(
      path,
      `${many(value).replace(/^about /, '')} ${what} is more than plausible (at most ${most.toLocaleString('en-GB')}); check the number, or set run.allowLarge: true if it is meant`,
    );
  };
  for (const [id, h] of Object.entries(m.homes))
    beyond(['homes', id, 'beds'], val(h.beds), PLAUSIBLE.homeBeds, 'beds in one home');
  for (const [id, c] of Object.entries(m.cohorts))
    beyond(
      ['cohorts', id, 'referrals', 'perYear'],
      val(c.referrals.perYear),
      PLAUSIBLE.referrals,
      'referrals a year in a cohort',
    );
  if (m.assessment)
    beyond(['assessment', 'beds'], val(m.assessment.beds), PLAUSIBLE.homeBeds, 'assessment beds');
  const capacity = m.art?.capacity;
  if (Array.isArray(capacity))
    capacity.forEach((step, i) =>
      beyond(
        ['art', 'capacity', i, 'children'],
        val(step.children),
        PLAUSIBLE.artChildren,
        'children in the ART at once',
      ),
    );
  else if (capacity !== undefined)
    beyond(['art', 'capacity'], val(capacity), PLAUSIBLE.artChildren, 'children in the ART at once');
  // One message a mistake: the total is not estimated again from a number already refused.
  if (flagged) return;
  const years = horizonYearsOf(m);
  const cohorts = Object.keys(m.cohorts);
  const referrals = cohorts.map((c) => years.reduce((a, fy) => a + expectedReferrals(m, c, fy), 0));
  const atOnce = cohorts.map((c) => Math.max(0, ...years.map((fy) => expectedStock(m, c, fy))));
  const total = referrals.reduce((a, b) => a + b, 0);
  const stock = atOnce.reduce((a, b) => a + b, 0);
  if (!(total > MAX_REFERRALS) && !(stock > MAX_AT_ONCE)) return;
  const biggest = cohorts[referrals.indexOf(Math.max(...referrals))] ?? cohorts[0]!;
  err(
    ['cohorts', biggest, 'referrals', 'perYear'],
    `this model asks for ${many(total)} referrals in a replication, and ${many(stock)} children in placements at once: more than a run can bear (${MAX_REFERRALS.toLocaleString('en-GB')} referrals, ${MAX_AT_ONCE.toLocaleString('en-GB')} at once; England places about 10,000 children in residential care). Check the number; if the size is meant, set run.allowLarge: true`,
  );
}

/** Each history entry's period lies in the horizon and its series exist. */
function checkHistory(m: ModelFile, err: (path: Path, message: string) => void): void {
  const s = normalise(m);
  const names = seriesDefinitions(s).map((d) => d.name as string);
  const months = new Set(s.calendar.monthLabels);
  m.history!.forEach((h, i) => {
    const p: Path = ['history', i];
    const inside = h.in.includes('/') ? s.calendar.fyLabels.includes(h.in) : months.has(h.in);
    if (!inside)
      err(
        [...p, 'in'],
        `${h.in} is not inside the horizon (${s.calendar.fyLabels[0]} to ${s.calendar.fyLabels[s.calendar.fyLabels.length - 1]})`,
      );
    const lists: [string, readonly string[] | undefined][] = [
      ['series', h.series],
      ['less', h.less],
      ['perChildWeek.series', h.perChildWeek?.series],
      ['perChildWeek.less', h.perChildWeek?.less],
    ];
    for (const [field, list] of lists)
      (list ?? []).forEach((name, j) => {
        if (!names.includes(name))
          err([...p, ...field.split('.'), j], `no series "${name}"${didYouMean(name, names)}`);
      });
  });
}

function checkGrowthYears(
  byYear: Record<string, unknown>,
  path: Path,
  m: ModelFile,
  warn: (path: Path, message: string) => void,
): void {
  const firstFy = financialYearOf(parseDate(m.time.start), m.time.financialYearStartMonth);
  const lastFy = firstFy + val(m.time.years);
  for (const fy of Object.keys(byYear)) {
    const y = Number(fy.slice(0, 4));
    if (y < firstFy - 50 || y > lastFy)
      warn([...path, fy], `financial year ${fy} is outside the horizon; it has no effect`);
  }
}
