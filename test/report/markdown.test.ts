// report.md carries text from the model (its name, labels): Markdown passes HTML through, so that
// text must arrive as text, not as a script (issue 16), as report.html's already does.
import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown } from '../../src/report/runReport.ts';
import type { ReportDoc } from '../../src/report/blocks.ts';

const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
const doc: ReportDoc = {
  title: `${hostile}: simulation results`,
  subtitle: hostile,
  blocks: [
    { kind: 'lead', text: hostile },
    { kind: 'h2', text: hostile },
    { kind: 'p', text: hostile },
    { kind: 'list', items: [hostile] },
    { kind: 'table', header: [hostile], rows: [[hostile]] },
    { kind: 'chart', chart: { name: 'c', title: `${hostile} [x]`, svg: '<svg/>', png: 'charts/c.png' } },
  ],
};

describe('a report of a model with markup in its name', () => {
  it('writes the markup as text in report.md and report.html', () => {
    for (const out of [renderMarkdown(doc), renderHtml(doc, '')]) {
      expect(out).not.toContain('<script>alert');
      expect(out).not.toContain('<img src=x');
      expect(out).toContain('&lt;script&gt;alert');
    }
  });
});
