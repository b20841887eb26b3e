/**
 * Rendering a vega-lite spec headless: compile to vega, draw to SVG with vega's own SVG
 * renderer (no browser, no canvas), then rasterise the SVG to PNG with resvg, loading only
 * the shipped font files (no system fonts, nothing downloaded).
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { FONT_FAMILY, FONT_FILES } from './style.ts';

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
