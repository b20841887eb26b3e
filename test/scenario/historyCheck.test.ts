/**
 * The history check is kept true: the README's table is exactly what `npm run notebook --
 * history-check` computes (same replications and seeds, so the same numbers), and no documented
 * figure is inconsistent without a stated reason. A change of model that moves a figure fails here
 * until the README says so.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The rows of the first Markdown table in `text` (between the markers, if given), as trimmed cells. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[-| ]+\|$/.test(l.trim()))
    .map((l) =>
      l
        .trim()
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
}

describe('the history check', () => {
  it('in the README is the one the history-check notebook computes, and every inconsistency says why', async () => {
    const out = mkdtempSync(join(tmpdir(), 'caresim-history-'));
    await run('npm', ['run', '-s', 'notebook', '--', 'history-check'], {
      env: { ...process.env, REPS: '200', CARESIM_NOTEBOOK_OUT: out },
      timeout: 240_000,
    });
    const computed = tableRows(readFileSync(join(out, 'history-check', 'summary.md'), 'utf8'));
    const readme = readFileSync('README.md', 'utf8');
    const section = /<!-- history-check:start -->([\s\S]*?)<!-- history-check:end -->/.exec(readme);
    expect(section, 'README history-check markers').not.toBeNull();
    expect(tableRows(section![1]!)).toEqual(computed);
    expect(computed.length).toBeGreaterThan(12);
    for (const [figure, , , , , verdict] of computed.slice(1)) {
      // Consistent, or a stated reason after the verdict.
      expect(verdict, figure).toMatch(/^(consistent|(not consistent|cannot be checked): .{20,})/);
    }
    // The figures the documents give most plainly are reproduced, not explained away, and the table
    // says which only show the fit (calibrated) and which the model was not fitted to.
    for (const figure of [
      'Cost of external residential placements',
      'Children in external residential placements',
      'Average weekly price of an external residential placement in payment',
      'Costs avoided had the March 2020 proposal been in place (ART, assessment beds, three homes)',
    ])
      expect(computed.find((r) => r[0] === figure)?.[5], figure).toMatch(/^consistent/);
    const evidence = computed.slice(1).map((r) => r[4]!);
    expect(evidence.some((e) => e.startsWith('independent'))).toBe(true);
    expect(evidence.some((e) => e.startsWith('calibrated'))).toBe(true);
  }, 240_000);
});
