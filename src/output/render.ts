/**
 * Rendering a vega-lite spec headless: compile to vega, draw to SVG with vega's own SVG
 * renderer (no browser, no canvas), then rasterise the SVG to PNG with resvg, loading only
 * the shipped font files (no system fonts, nothing downloaded).
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';
import { FONT_FAMILY } from '../charts/style.ts';
import { FONT_FILES } from './font.ts';

// Without a canvas, vega guesses a text's width as 0.8 x font size per character, which is far
// too wide for this font: legends cut labels short and every SVG grows blank space on the
// right. Measure with the font itself instead (advance widths from the shipped TrueType files),
// so the SVG's layout matches what resvg and browsers draw.
const loadFont = (file: string) => {
  const b = readFileSync(file);
  return opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const regular = loadFont(FONT_FILES[0]!);
const bold = loadFont(FONT_FILES[1]!);
const widthCache = new Map<string, number>();
interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}
(
  vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }
).textMetrics.width = (item, text) => {
  const t = String(text ?? item.text ?? '');
  const size = item.fontSize ?? 11;
  const isBold =
    item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
  const key = `${isBold ? 'b' : 'r'}${size}|${t}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    // Sum of each character's advance width: no shaping (this font's contextual substitutions
    // are beyond opentype.js 1.x, and a width estimate needs none).
    const font = isBold ? bold : regular;
    let units = 0;
    for (const ch of t) units += font.charToGlyph(ch).advanceWidth ?? font.unitsPerEm / 2;
    w = (units * size) / font.unitsPerEm;
    widthCache.set(key, w);
  }
  return w;
};

export interface Rendered {
  svg: string;
  png: Uint8Array;
}

/**
 * Render a spec to SVG and to PNG at `scale` times its size.
 * @throws Error if the spec does not compile
 */
export async function renderChart(spec: vl.TopLevelSpec, scale = 2): Promise<Rendered> {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
  })
    .render()
    .asPng();
  return { svg, png };
}
