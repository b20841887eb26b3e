/**
 * The summary `caresim data check` prints for a clean set of returns, in plain words, with small
 * counts suppressed (data/disclosure.ts) and every merging choice counted.
 */
import { countText, suppressionNote } from '../data/disclosure.ts';
import { collectionYearLabel, PLACE_LABELS, PROVIDER_LABELS } from '../data/spec903.ts';
import { ukDate } from '../data/dates.ts';
import type { MergeNotes } from '../data/placements.ts';
import type { DataSummary } from '../data/summary.ts';
import { textTable } from './textTable.ts';

export function formatDataSummary(s: DataSummary, notes: MergeNotes, below: number): string {
  const c = (n: number) => countText(n, below);
  const years = s.years.map(collectionYearLabel);
  const lines = [
    `${c(s.children)} children, ${c(s.episodes)} episodes (${c(s.placements)} placements once joined), ${years.length} collection year${years.length === 1 ? '' : 's'}: ${years.join(', ')}.`,
    '',
    'Residential placements by type and provider:',
    textTable(
      ['placement type', 'provider', 'placements'],
      s.residentialByType.map((r) => [
        `${r.place} ${PLACE_LABELS[r.place] ?? ''}`.trim(),
        r.provider ? `${r.provider} ${PROVIDER_LABELS[r.provider] ?? ''}`.trim() : '(none)',
        c(r.placements),
      ]),
    ),
    '',
    'Children in residential care at the end of each collection year:',
    textTable(
      ['on', 'own provision', 'external', 'all'],
      s.onYearEnd.map((y) => [ukDate(y.date), c(y.own), c(y.external), c(y.own + y.external)]),
    ),
    `${c(s.openAtExtract)} residential placements are still open at the end of the data; their length is unknown (censored).`,
    '',
    'How the years were merged (docs/data.md):',
    ...mergeLines(notes, c).map((l) => `  ${l}`),
    '',
    suppressionNote(below),
  ];
  return lines.join('\n');
}

function mergeLines(n: MergeNotes, c: (n: number) => string): string[] {
  return [
    `${c(n.episodesRead)} episode rows read; ${c(n.episodesUsed)} used.`,
    `${c(n.shortBreakEpisodes)} short-break episodes (legal status V3, V4) left out${n.shortBreakOnlyChildren ? `, and so ${c(n.shortBreakOnlyChildren)} children who had only short breaks` : ''}.`,
    `${c(n.duplicatesAcrossYears)} episodes appeared in two returns (open at a year end): the later return's row kept.`,
    `${c(n.closedAtYearEnd)} episodes open at a year end were missing from the next return: taken to end on that 31 March.`,
    `${c(n.overlapsCut)} overlapping episodes cut at the next one's start; ${c(n.sameDayDropped)} same-day episodes dropped.`,
    `${c(n.continuationsJoined)} changes of legal status only, or of placement with the same carer, joined to the placement before.`,
    `${c(n.temporaryMerged)} temporary placements (T0-T4) merged into the placement around them.`,
  ];
}
