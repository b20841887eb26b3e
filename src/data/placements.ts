/**
 * Several years of 903 episodes merged into each child's placements, as the established demand
 * models do it (data-to-insight's and Social Finance's), each choice counted so the summary can
 * say what it did:
 *
 * 1. Short breaks (legal status V3, V4) are dropped: they are respite, not a period of care.
 * 2. An episode open at a year end reappears in the next year's return: for each child and start
 *    date the latest year's row is kept (its end date and reason are the up-to-date ones).
 * 3. An episode left open in a year whose next return was given but does not hold it is taken to
 *    have ended after the last day of its year, for an unknown reason (a gap in the data, counted;
 *    the calibration treats the end as unseen).
 * 4. An episode that overlaps the next is cut at the next one's start (counted).
 * 5. An episode that starts and ends on the same day, with another starting that day, adds no
 *    time and is dropped.
 * 6. Episodes joined by "ceased and a new one began the same day" (X1) whose new episode changes
 *    only the legal status (RNE L), or the placement with the same carer (B, U), continue one
 *    placement; a new placement (P, T), a gap, or a new period of care (S) starts another.
 * 7. A temporary placement (T0-T4: holiday, hospital, respite) is merged into the placement it
 *    interrupts: the placement before it runs on through it, and is rejoined if the child returns.
 *
 * Placements still open at the end of the last return are open: their end is unknown (censored at
 * the extract date), which the calibration treats as such.
 */
import { SHORT_BREAK_LS, TEMPORARY_PLACES } from './spec903.ts';
import { collectionYearEnd } from './dates.ts';
import { byStartSameDayFirst } from './checks.ts';
import type { EpisodeRecord, ReadFile } from './records.ts';

export interface Placement {
  start: number;
  /** The last day, or null while open at the extract date. */
  end: number | null;
  place: string;
  provider: string;
  urn: string;
  /** Reason for the change of placement that began this one ('' for the first of a period of care). */
  reasonStart: string;
  /** How the last episode of the placement ceased: X1 (care went on in another placement) or why care ended. */
  recEnd: string;
  /** Legal status and category of need at the start. */
  ls: string;
  cin: string;
  /** Which period of care of the child this placement belongs to (0, 1, ...). */
  period: number;
}

export interface ChildHistory {
  child: string;
  /** Date of birth, or NaN when no Header gave one. */
  dob: number;
  sex: string;
  /** Date UASC status ceased (Infinity while still UASC), or null if never an unaccompanied asylum-seeking child. */
  uascUntil: number | null;
  placements: Placement[];
}

export interface MergeNotes {
  episodesRead: number;
  shortBreakEpisodes: number;
  shortBreakOnlyChildren: number;
  duplicatesAcrossYears: number;
  closedAtYearEnd: number;
  overlapsCut: number;
  sameDayDropped: number;
  continuationsJoined: number;
  temporaryMerged: number;
  episodesUsed: number;
}

export interface MergedData {
  children: ChildHistory[];
  /** The last day the data describe: the end of the latest collection year given. */
  extractDate: number;
  /** Collection years given, in order. */
  years: number[];
  notes: MergeNotes;
}

/** Merge the files of several returns (already read and checked) into children's placements. */
export function mergeReturns(files: readonly ReadFile[]): MergedData {
  const notes: MergeNotes = {
    episodesRead: 0,
    shortBreakEpisodes: 0,
    shortBreakOnlyChildren: 0,
    duplicatesAcrossYears: 0,
    closedAtYearEnd: 0,
    overlapsCut: 0,
    sameDayDropped: 0,
    continuationsJoined: 0,
    temporaryMerged: 0,
    episodesUsed: 0,
  };
  const dob = new Map<string, number>();
  const sex = new Map<string, string>();
  const uasc = new Map<string, number>();
  const byChild = new Map<string, Map<string, EpisodeRecord>>();
  const withShortBreaks = new Set<string>();
  const years = [...new Set(files.filter((f) => f.kind === 'Episodes').map((f) => f.year))].sort(
    (a, b) => a - b,
  );
  // Later years last, so their rows replace earlier years' copies.
  const episodeFiles = files
    .filter((f): f is Extract<ReadFile, { kind: 'Episodes' }> => f.kind === 'Episodes')
    .sort((a, b) => a.year - b.year);
  for (const f of files) {
    if (f.kind === 'Header')
      for (const r of f.records) {
        dob.set(r.child, r.dob);
        if (r.sex) sex.set(r.child, r.sex);
      }
    if (f.kind === 'UASC') for (const r of f.records) uasc.set(r.child, r.duc ?? Infinity);
  }
  for (const f of episodeFiles)
    for (const e of f.records) {
      notes.episodesRead++;
      if (SHORT_BREAK_LS.includes(e.ls)) {
        notes.shortBreakEpisodes++;
        withShortBreaks.add(e.child);
        continue;
      }
      let eps = byChild.get(e.child);
      if (!eps) byChild.set(e.child, (eps = new Map()));
      // Keyed by start and whether it ended that day: a same-day episode and the one after it
      // share a start date but are two episodes.
      const key = `${e.decom}${e.dec === e.decom ? ':same-day' : ''}`;
      if (eps.has(key)) notes.duplicatesAcrossYears++;
      eps.set(key, e);
    }
  for (const c of withShortBreaks) if (!byChild.has(c)) notes.shortBreakOnlyChildren++;

  const extractDate = years.length ? collectionYearEnd(years.at(-1)!) : 0;
  const children: ChildHistory[] = [];
  for (const [child, map] of byChild) {
    const eps = [...map.values()].sort(byStartSameDayFirst).map((e) => ({ ...e }));
    // 3. Open at a year end and not in the next return, which was given: ended then, reason unknown.
    for (const e of eps)
      // (A later return that was given and does not hold it, even with a year missing between.)
      if (e.dec === null && e.year < years.at(-1)!) {
        // In care on that 31 March (the return says so), gone by the next: care ended then, for a
        // reason unknown (REC ''), which the calibration reads as censored, not as a planned end.
        e.dec = collectionYearEnd(e.year) + 1;
        e.rec = '';
        notes.closedAtYearEnd++;
      }
    // 4, 5: overlaps cut; zero-length episodes followed the same day dropped.
    const kept: EpisodeRecord[] = [];
    for (let k = 0; k < eps.length; k++) {
      const e = eps[k]!;
      const next = eps[k + 1];
      if (next && (e.dec === null || e.dec > next.decom)) {
        e.dec = next.decom;
        e.rec = e.rec === '' || e.rec === undefined ? 'X1' : e.rec;
        notes.overlapsCut++;
      }
      if (next && e.dec === e.decom && next.decom === e.decom) {
        notes.sameDayDropped++;
        continue;
      }
      kept.push(e);
    }
    notes.episodesUsed += kept.length;
    children.push({
      child,
      dob: dob.get(child) ?? NaN,
      sex: sex.get(child) ?? '',
      uascUntil: uasc.has(child) ? uasc.get(child)! : null,
      placements: toPlacements(kept, notes),
    });
  }
  children.sort((a, b) => (a.child < b.child ? -1 : a.child > b.child ? 1 : 0));
  return { children, extractDate, years, notes };
}

/** 6, 7: a child's episodes, in order, as placements. */
function toPlacements(eps: readonly EpisodeRecord[], notes: MergeNotes): Placement[] {
  const out: Placement[] = [];
  let period = -1;
  let prev: EpisodeRecord | null = null;
  for (const e of eps) {
    const joined = prev !== null && prev.rec === 'X1' && prev.dec === e.decom;
    if (!joined) period++;
    const last = out.at(-1);
    if (joined && last && (e.rne === 'L' || e.rne === 'B' || e.rne === 'U')) {
      last.end = e.dec;
      last.recEnd = e.rec;
      notes.continuationsJoined++;
    } else if (joined && last && TEMPORARY_PLACES.includes(e.place) && last.period === period) {
      // Through a temporary placement the placement before it runs on.
      last.end = e.dec;
      last.recEnd = e.rec;
      notes.temporaryMerged++;
    } else if (
      joined &&
      last &&
      last.period === period &&
      TEMPORARY_PLACES.includes(prev!.place) &&
      last.place === e.place &&
      last.provider === e.provider &&
      last.urn === e.urn
    ) {
      // Back from a temporary placement to the same one: one placement throughout.
      last.end = e.dec;
      last.recEnd = e.rec;
      notes.temporaryMerged++;
    } else {
      out.push({
        start: e.decom,
        end: e.dec,
        place: e.place,
        provider: e.provider,
        urn: e.urn,
        reasonStart: joined ? e.reason : '',
        recEnd: e.rec,
        ls: e.ls,
        cin: e.cin,
        period,
      });
    }
    prev = e;
  }
  return out;
}
