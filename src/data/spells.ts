/**
 * Residential spells and the cohort time within them: what the model calls a child's need for
 * residential care, read from placements.
 *
 * A spell is an unbroken run of residential placements in one period of care (a move from one
 * home to another, a breakdown included, does not end it; a step-down to foster care does). A
 * spell's time belongs to the cohort whose rule holds at its start, until the cohort's age limit:
 * there the model refers the child on to another cohort (whose time then begins, not as a new
 * referral) or ends the placement. So a segment of cohort time ends as planned (the need ended:
 * a step-down or leaving care), at an age limit (censored: the model applies the limit itself), or
 * not at all by the end of the data (censored).
 */
import { birthday } from './dates.ts';
import type { ChildHistory, MergedData, Placement } from './placements.ts';

export interface Spell {
  child: ChildHistory;
  start: number;
  /** Last day, or null while open at the extract date. */
  end: number | null;
  placements: Placement[];
  /** The placement that followed the spell in the same period of care, if any. */
  next: Placement | null;
}

export type SegmentEnd = 'planned' | 'ageLimit' | 'open' | 'unknown';

export interface Segment {
  spell: Spell;
  cohort: number;
  start: number;
  /** Last day (the age-limit birthday for 'ageLimit'), or null while open. */
  end: number | null;
  ended: SegmentEnd;
  /** Whether the segment began a spell (a referral), rather than following an age limit. */
  referral: boolean;
}

/** Every residential spell of every child, in order. */
export function residentialSpells(m: MergedData, residential: readonly string[]): Spell[] {
  const spells: Spell[] = [];
  for (const child of m.children) {
    let cur: Spell | null = null;
    for (const p of child.placements) {
      const isRes = residential.includes(p.place);
      const continues =
        cur !== null && cur.end !== null && cur.end === p.start && cur.placements.at(-1)!.period === p.period;
      if (isRes && continues) {
        cur!.placements.push(p);
        cur!.end = p.end;
        continue;
      }
      if (cur !== null && continues && cur.next === null) cur.next = p;
      if (cur !== null) spells.push(cur);
      cur = isRes ? { child, start: p.start, end: p.end, placements: [p], next: null } : null;
    }
    if (cur !== null) spells.push(cur);
  }
  return spells;
}

/** How close to an age-limit birthday a spell's end counts as ending at the limit. */
export const AGE_LIMIT_TOLERANCE_DAYS = 7;

/** A cohort's age limit as the calibration needs it: the age, and the cohort it refers on to (-1: leaves). */
export interface AgeLimit {
  age: number;
  referTo: number;
}

/**
 * Split spells into cohort segments.
 * @param cohortOf the cohort a spell begins in (-1: none of the model's cohorts)
 * @param limits each cohort's age limit, or null
 */
export function cohortSegments(
  spells: readonly Spell[],
  cohortOf: (s: Spell) => number,
  limits: readonly (AgeLimit | null)[],
): Segment[] {
  const out: Segment[] = [];
  for (const spell of spells) {
    let c = cohortOf(spell);
    if (c < 0) continue;
    let t = spell.start;
    let referral = true;
    const dob = spell.child.dob;
    for (let guard = 0; guard < 10; guard++) {
      const lim = limits[c];
      const limitDay = lim && !Number.isNaN(dob) ? birthday(dob, lim.age) : Infinity;
      if (limitDay <= t && lim && lim.referTo >= 0 && referral) {
        // Past the limit at the start: the spell belongs to the cohort the limit refers on to.
        c = lim.referTo;
        continue;
      }
      // A spell that ends within a week of a limit that ends care ended because of it: a council
      // records the day of leaving a day or two either side of the birthday. (A limit that refers
      // the child on ends nothing: a spell ending before it ended for its own reason.)
      const tolerance = lim && lim.referTo < 0 ? AGE_LIMIT_TOLERANCE_DAYS : 0;
      if (spell.end === null ? limitDay < Infinity : limitDay - tolerance <= spell.end) {
        const at = spell.end === null ? limitDay : Math.min(limitDay, spell.end);
        if (at > t) out.push({ spell, cohort: c, start: t, end: at, ended: 'ageLimit', referral });
        if (spell.end !== null && spell.end <= limitDay) break;
        if (!lim || lim.referTo < 0) break;
        c = lim.referTo;
        t = Math.max(t, limitDay);
        referral = false;
        continue;
      }
      // An end the data do not explain (an episode missing from the next return) is not a planned end.
      const ended: SegmentEnd =
        spell.end === null ? 'open' : spell.placements.at(-1)!.recEnd === '' ? 'unknown' : 'planned';
      out.push({ spell, cohort: c, start: t, end: spell.end, ended, referral });
      break;
    }
  }
  return out;
}
