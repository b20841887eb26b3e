/**
 * Text that fits its chart: widths measured with the chart font's own advance widths (Source
 * Sans 3, as output/render.ts measures them for vega's layout), so that titles and subtitles wrap
 * whole at the chart's width, onto two lines or more, rather than running off the page or being
 * cut. The widths are a table here, not read from the font file, since charts/ reads no files.
 */
import { WIDTH } from './style.ts';

/** The characters whose widths the tables give, in order. */
const CHARS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~£…–—×’‘“”·≥≤±−';

// Advance widths in thousandths of an em, from SourceSans3_400Regular.ttf and SourceSans3_700Bold.ttf.
const REGULAR = [
  200, 289, 426, 497, 497, 824, 609, 249, 303, 303, 418, 497, 249, 311, 249, 350, 497, 497, 497, 497, 497,
  497, 497, 497, 497, 497, 249, 249, 497, 497, 497, 425, 847, 543, 588, 571, 615, 527, 494, 617, 652, 263,
  479, 579, 486, 727, 647, 664, 566, 664, 569, 534, 536, 645, 515, 786, 513, 476, 539, 303, 350, 303, 497,
  500, 542, 504, 553, 456, 555, 496, 292, 504, 544, 246, 247, 495, 255, 829, 547, 542, 555, 555, 347, 419,
  338, 544, 467, 719, 446, 467, 425, 303, 241, 303, 497, 497, 948, 480, 800, 497, 249, 249, 426, 426, 249,
  497, 497, 497, 497,
];
const BOLD = [
  200, 340, 537, 528, 528, 857, 667, 300, 344, 344, 457, 528, 300, 332, 300, 339, 528, 528, 528, 528, 528,
  528, 528, 528, 528, 528, 300, 300, 528, 528, 528, 463, 902, 573, 605, 582, 635, 548, 524, 638, 674, 301,
  509, 614, 518, 762, 665, 684, 596, 684, 613, 556, 556, 665, 556, 813, 567, 525, 541, 344, 339, 344, 528,
  500, 555, 527, 573, 468, 573, 518, 341, 534, 571, 276, 278, 548, 286, 857, 572, 555, 573, 573, 398, 443,
  383, 568, 523, 776, 514, 521, 460, 344, 268, 344, 528, 528, 978, 480, 800, 528, 300, 300, 537, 537, 300,
  528, 528, 528, 528,
];
const index = new Map([...CHARS].map((c, i) => [c, i]));

/** The width in CSS pixels of `text` in the chart font at `fontSize`, bold or regular. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const i = index.get(ch === '\u00a0' ? ' ' : ch);
    // A character outside the table: a wide letter's width, so that an estimate errs long.
    units += i === undefined ? 600 : table[i]!;
  }
  return (units * fontSize) / 1000;
}

/**
 * `text` in lines no wider than `maxWidth`, broken at spaces (a single word wider than the line
 * keeps a line to itself, whole), as few lines as that takes, of about even widths (no word left
 * alone on the last line).
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines = greedy(text, maxWidth, fontSize, bold);
  if (lines.length < 2) return lines;
  // The narrowest width that still takes no more lines: even lines.
  let [lo, hi] = [maxWidth / lines.length, maxWidth];
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    if (greedy(text, mid, fontSize, bold).length <= lines.length) hi = mid;
    else lo = mid;
  }
  return greedy(text, hi, fontSize, bold);
}

function greedy(text: string, maxWidth: number, fontSize: number, bold: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Title and subtitle sizes (style.ts CONFIG.title): the title bold. */
export const TITLE_SIZE = 16;
export const SUBTITLE_SIZE = 12;

type Lines = string | readonly string[];
const asLines = (t: Lines): string[] => (typeof t === 'string' ? [t] : [...t]);

/**
 * Lines fitted to `width`. A line that goes on with the next (the next starts in lower case or
 * with a bracket: one sentence broken by hand) is one paragraph with it; a paragraph whose lines
 * all fit is kept as written, and one with a line too long is wrapped afresh at spaces.
 */
export function fitLines(lines: readonly string[], width: number, fontSize: number, bold = false): string[] {
  const paragraphs: string[][] = [];
  for (const line of lines) {
    const last = paragraphs[paragraphs.length - 1];
    if (last && /^[a-z(]/.test(line)) last.push(line);
    else paragraphs.push([line]);
  }
  return paragraphs.flatMap((p) =>
    p.every((l) => textWidth(l, fontSize, bold) <= width)
      ? p
      : wrapText(p.map((l) => l.trim()).join(' '), width, fontSize, bold),
  );
}

/**
 * A chart title whose every line fits `width` (the chart's, 640 px), wrapped at spaces rather
 * than cut (fitLines). One line stays a string.
 */
export function fitTitle<T extends { text: Lines; subtitle?: Lines }>(
  title: T,
  width: number = WIDTH,
): T & { text: string | string[]; subtitle?: string | string[] } {
  const wrap = (t: Lines, size: number, bold: boolean) => {
    const lines = fitLines(asLines(t), width, size, bold);
    return lines.length === 1 ? lines[0]! : lines;
  };
  return {
    ...title,
    text: wrap(title.text, TITLE_SIZE, true),
    ...(title.subtitle === undefined ? {} : { subtitle: wrap(title.subtitle, SUBTITLE_SIZE, false) }),
  };
}
