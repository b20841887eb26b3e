/**
 * Every notebook runs with its one documented command and writes its summary and figures
 * (with very few replications here: the point is that they run, not their numbers).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const NOTEBOOKS: Record<string, { headings: string[]; figures: string[] }> = {
  'properties-2021': {
    headings: [
      '# The four properties of the March 2021 report',
      '| Property 1: under-16 home',
      '| Property 4: assessment unit',
    ],
    figures: ['under16-home/charts/payback.png', 'family-centre/report.html'],
  },
  'plan-vs-do-nothing': {
    headings: [
      '## Will the plan save £2.5m a year by March 2028?',
      '## Which numbers the decision hangs on',
      '## One at a time',
      '## What the answer rests on',
    ],
    figures: ['compare/charts/target-year-saving.png', 'sensitivity/charts/tornado.png'],
  },
  'history-check': {
    headings: ['# The history check', '| Cost of external residential placements | 2017/18 |'],
    figures: ['history.csv'],
  },
  'structural-choices': {
    headings: [
      '# The structural choices behind the plan-against-do-nothing answer',
      '| Who is offered a local bed that frees or opens |',
      '| Doing nothing | MISTLE carries on',
    ],
    figures: ['choices.csv'],
  },
  'scaling-choices': {
    headings: [
      '# Scaling choices against the March 2025 plan',
      '## What do two more homes buy?',
      '## What does selling spare places to neighbours bring?',
    ],
    figures: ['more-homes/charts/payback.png', 'sell-places/report.md'],
  },
};

// Written to a temporary folder, so the test never overwrites a user's notebook results.
const OUT = mkdtempSync(join(tmpdir(), 'caresim-notebooks-'));

describe('notebooks', () => {
  it.each(Object.keys(NOTEBOOKS))(
    '%s runs and writes its summary and figures',
    async (name) => {
      const { stderr } = await run('npm', ['run', '-s', 'notebook', '--', name], {
        env: { ...process.env, REPS: '3', SENS_REPS: '2', CARESIM_NOTEBOOK_OUT: OUT },
        timeout: 240_000,
      });
      // It says what it is doing, shows progress (plain lines off a terminal) and how long each step took.
      expect(stderr).toMatch(/^[A-Z].+\.\.\.$/m);
      expect(stderr).toMatch(/^(replications|runs) \d+\/\d+, [\d.]+ a second/m);
      expect(stderr).toMatch(/^ {2}done in [\d.]+ s$/m);
      const dir = join(OUT, name);
      const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
      for (const h of NOTEBOOKS[name]!.headings) expect(summary, h).toContain(h);
      for (const f of NOTEBOOKS[name]!.figures) expect(existsSync(join(dir, f)), f).toBe(true);
    },
    240_000,
  );

  it('plan-vs-do-nothing, with replications enough, says what the decision hangs on, with EVPPI and thresholds', async () => {
    const out = mkdtempSync(join(tmpdir(), 'caresim-notebook-psa-'));
    await run('npm', ['run', '-s', 'notebook', '--', 'plan-vs-do-nothing'], {
      env: { ...process.env, REPS: '40', SENS_REPS: '2', CARESIM_NOTEBOOK_OUT: out },
      timeout: 240_000,
    });
    const dir = join(out, 'plan-vs-do-nothing');
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toMatch(/it does in \d+% of replications \(simulation error \d+% to \d+%\)/);
    expect(summary).toMatch(/ranges from .+ to .+ in nine simulated futures of ten/);
    expect(summary).toContain('| Parameter | Drawn (5th to 95th percentile) | Share of the spread');
    expect(summary).toMatch(/What knowing them is worth/);
    expect(summary).toContain('expected value of partial perfect information');
    for (const f of [
      'compare/charts/hangs-on.png',
      'compare/charts/thresholds.png',
      'compare/compare-psa.csv',
    ])
      expect(existsSync(join(dir, f)), f).toBe(true);
  }, 240_000);

  it('refuses an unknown notebook, listing the others', async () => {
    await expect(run('npm', ['run', '-s', 'notebook', '--', 'no-such-notebook'])).rejects.toMatchObject({
      stderr: expect.stringContaining('plan-vs-do-nothing'),
    });
  });
});
