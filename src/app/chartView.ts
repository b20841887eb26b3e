/**
 * A report's chart drawn live in the page: the same vega-lite spec the results folder's SVG and
 * PNG come from, rendered as SVG with the tooltips the specs define (a month's percentiles, a
 * year's cost in words), and the chart's "how to read this" beneath it.
 */
import { compile } from 'vega-lite';
import { parse, View } from 'vega';
import { Handler } from 'vega-tooltip';
import type { ChartDefinition } from '../charts/runCharts.ts';
import { howToRead } from '../charts/howToRead.ts';

const tooltips = new Handler({ theme: 'light' });

export interface DrawnChart {
  view: View;
  /** The chart as the results folder has it: SVG without tooltips, and PNG at twice the size. */
  files(): Promise<{ svg: string; png: Uint8Array }>;
}

/** Draw a chart into a new figure appended to `into`. */
export async function drawChart(c: ChartDefinition, into: HTMLElement): Promise<DrawnChart> {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  const id = `chart-${c.name}`;
  const holder = document.createElement('div');
  holder.setAttribute('role', 'img');
  holder.setAttribute('aria-label', c.title);
  const caption = document.createElement('figcaption');
  const how = howToRead(c.name);
  caption.append(
    Object.assign(document.createElement('strong'), { textContent: 'How to read this. ' }),
    how ?? '',
  );
  caption.id = `${id}-how`;
  holder.setAttribute('aria-describedby', caption.id);
  figure.append(holder, caption);
  into.append(figure);
  const view = new View(parse(compile(c.spec as never).spec), {
    renderer: 'svg',
    container: holder,
    hover: true,
  });
  view.tooltip(tooltips.call);
  await view.runAsync();
  // The chart is one image to assistive technology, named by its title and described by its
  // "how to read this" (the findings say its numbers in words): vega's marks, some of them
  // without names (a zero line, a label), are hidden from it.
  holder.querySelector('svg')?.setAttribute('aria-hidden', 'true');
  return {
    view,
    async files() {
      const still = new View(parse(compile(c.spec as never).spec), { renderer: 'none' });
      const svg = await still.toSVG();
      const url = await still.toImageURL('png', 2);
      still.finalize();
      const png = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (ch) => ch.charCodeAt(0));
      return { svg, png };
    },
  };
}
