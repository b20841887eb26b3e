/**
 * docs/assumptions.md quotes what each structural choice of the baseline moves: it must be what
 * `npm run notebook -- structural-choices` computes (the same replications and seed, so the same
 * numbers). A change of model that moves them fails here until the page says so.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The baseline sentence and the table's rows, as trimmed cells. */
function quoted(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('The baseline:') || (l.startsWith('|') && !/^\|[-| ]+\|$/.test(l.trim())))
    .map((l) =>
      l.startsWith('|')
        ? l
            .trim()
            .slice(1, -1)
            .split('|')
            .map((c) => c.trim())
        : [l.trim()],
    );
}

describe('docs/assumptions.md', () => {
  it('quotes the structural choices as the notebook computes them', async () => {
    const out = mkdtempSync(join(tmpdir(), 'caresim-choices-'));
    await run('npm', ['run', '-s', 'notebook', '--', 'structural-choices'], {
      env: { ...process.env, REPS: '200', CARESIM_NOTEBOOK_OUT: out },
      timeout: 600_000,
    });
    const computed = quoted(readFileSync(join(out, 'structural-choices', 'summary.md'), 'utf8'));
    const page = readFileSync('docs/assumptions.md', 'utf8');
    const section = /<!-- structural-choices:start -->([\s\S]*?)<!-- structural-choices:end -->/.exec(page);
    expect(section, 'markers in docs/assumptions.md').not.toBeNull();
    expect(quoted(section![1]!)).toEqual(computed);
    expect(computed.length).toBeGreaterThan(10);
  }, 600_000);
});
