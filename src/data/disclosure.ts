/**
 * Disclosure control for anything derived directly from children's records (data summaries, the
 * calibration report, a back-test's actual counts): a count of 1 to threshold-1 children is not
 * shown, as councils do before publishing statistics about looked-after children. Zero is shown
 * (it discloses nothing about anyone). The threshold is stated beside every table that uses it.
 */

/** The default: counts below 5 are suppressed. */
export const DEFAULT_SUPPRESS_BELOW = 5;

/** A count as it may be shown: the number, or null where it is suppressed. */
export function shownCount(n: number, below: number): number | null {
  return n > 0 && n < below ? null : n;
}

/** A count as text: "12", or "<5" where suppressed. */
export function countText(n: number, below: number): string {
  const s = shownCount(n, below);
  return s === null ? `<${below}` : String(s);
}

/** The sentence that says so, for every output that suppresses. */
export function suppressionNote(below: number): string {
  return below <= 1
    ? 'No counts are suppressed (--suppress-below 1): this output shows counts of single children and is not for publication.'
    : `Counts of 1 to ${below - 1} children are shown as "<${below}" (disclosure control; --suppress-below to change).`;
}
