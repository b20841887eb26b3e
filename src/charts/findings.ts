/**
 * Small pieces of the words charts use to state their findings in their titles ("Children out
 * of county fall by a fifth as the local homes open"), computed from the data each chart gets.
 */
import { financialYearOf, fyLabel, monthName, parseDate } from '../engine/calendar.ts';

/**
 * The financial year of a month "2026-02": "2025/26" (the calendar's rule; a chart of monthly
 * series knows no model, so financial years start in April unless told).
 */
export function financialYearOfMonth(month: string, startMonth = 4): string {
  return fyLabel(financialYearOf(parseDate(`${month}-01`), startMonth));
}

/** "June 2018" from "2018-06". */
export function monthYear(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${monthName(m)} ${y}`;
}

/** A count of children or placements as people say it: whole from 10 up, else one decimal. */
export function count(x: number): string {
  const a = Math.abs(x);
  if (a >= 9.95) return String(Math.round(x));
  return String(Number(x.toFixed(1)));
}

/** A share in words when it is close to a simple fraction ("a fifth"), else a percentage. */
export function fractionWords(p: number): string {
  const words: [number, string][] = [
    [0.1, 'a tenth'],
    [0.2, 'a fifth'],
    [0.25, 'a quarter'],
    [1 / 3, 'a third'],
    [0.5, 'a half'],
    [2 / 3, 'two-thirds'],
    [0.75, 'three-quarters'],
  ];
  for (const [v, w] of words) if (Math.abs(p - v) <= 0.025) return w;
  return `${Math.round(p * 100)}%`;
}

/** A label within a sentence: "Out-of-county placements" as "out-of-county placements", "ART" kept. */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/**
 * A model's name short enough for a title: the part before a bracketed gloss ("Do nothing (every
 * placement external, MISTLE continues)" is "Do nothing"), in quotes, its spaces no-break
 * ones so that a wrapped title does not split it.
 */
export function shortName(name: string): string {
  const cut = name.replace(/\s*\(.*\)\s*$/, '').trim();
  const short = cut.length >= 3 ? cut : name;
  // Kept on one line of a wrapped title when it is short enough to be (no-break spaces).
  return `"${short.length <= 48 ? short.replace(/ /g, '\u00a0') : short}"`;
}

/** "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

export const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
