/**
 * The look every chart shares, so that they can be pasted into a committee paper as they
 * are: one font (shipped with caresim, so rendering never depends on the machine), a
 * colour-blind-safe palette (Okabe & Ito), money as £1.2m, financial years as 2025/26, and a
 * source line naming the caresim version, model, replications and seed.
 */

/** Okabe-Ito palette (Okabe & Ito 2008), safe for the common forms of colour blindness. */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
] as const;
export const MAIN = PALETTE[0];

export const FONT_FAMILY = 'Source Sans 3';

/** Chart size in CSS pixels (the PNG is rendered at twice this). */
export const WIDTH = 640;
export const HEIGHT = 300;

/** Shared vega-lite config: font, sizes, light grid, no chart border. */
export const CONFIG = {
  font: FONT_FAMILY,
  background: 'white',
  view: { stroke: null },
  title: { fontSize: 16, subtitleFontSize: 12, subtitleColor: '#444', anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
  // Legends above the plot in columns, so that labels are not cut and the source line stays last.
  legend: {
    labelFontSize: 11,
    titleFontSize: 12,
    orient: 'top',
    columns: 2,
    labelLimit: 1000,
    symbolType: 'square',
  },
} as const;

/** What a chart was made from: printed under every chart. */
export interface Source {
  caresim: string;
  model: string;
  replications: number;
  seed: number;
}

export function sourceLine(s: Source): string {
  return `Source: caresim ${s.caresim}, model "${s.model}", ${s.replications} replications, seed ${s.seed}.`;
}

/** A share of replications as a percentage that never rounds a few to none, or most to all. */
export function percent(p: number): string {
  const pc = Math.round(p * 100);
  if (pc === 0 && p > 0) return 'under 1%';
  if (pc === 100 && p < 1) return 'over 99%';
  return `${pc}%`;
}
