// Limits the command line keeps (issue 16): a horizon no longer than a model file may ask for,
// no more workers than cores, and a sweep that says how big it is and asks before a long one.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cli } from './process.ts';

describe('the command line refuses what it cannot do well', () => {
  it('refuses a horizon past 100 years, as a model file would', async () => {
    const r = await cli(['run', 'models/leicestershire.yaml', '--years', '1000', '--no-charts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--years must be a whole number from 1 to 100');
  }, 120_000);

  it('refuses more workers than the machine has cores', async () => {
    const r = await cli([
      'run',
      'models/leicestershire.yaml',
      '--workers',
      String(availableParallelism() + 1),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--workers must be a whole number from 1 to ${availableParallelism()}`);
  }, 120_000);

  it('refuses a run whose monthly results would not fit on the disk they go to, saying how big and what to do', async () => {
    // A run keeps its matrices in a file while it lasts (memory flat in replications): 100 million
    // replications of the baseline are about 11 TB, more than any disk this runs on.
    const r = await cli(['run', 'models/leicestershire.yaml', '--reps', '100000000', '--no-charts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /100,000,000 replications of this model need about [\d.]+ GB of disk for their monthly results while the run lasts, more than the [\d.]+ GB free where the results go \(runs\)/,
    );
    expect(r.stderr).toContain('then caresim merge');
  }, 120_000);

  it('refuses a comparison whose monthly results would not fit in memory', async () => {
    const r = await cli([
      'compare',
      'models/scenarios/do-nothing.yaml',
      'models/leicestershire.yaml',
      '--reps',
      '1000000',
      '--no-charts',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /1,000,000 replications of these 2 models hold about [\d.]+ GB of monthly results in memory/,
    );
  }, 120_000);

  it('says how many points a sweep has and how long, and will not start a long one without --yes', async () => {
    const r = await cli([
      'sweep',
      'models/leicestershire.yaml',
      '--vary',
      'homes.csHome2.beds=1:1000:1',
      '--vary',
      'art.capacity.1.children=1:1000:1',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^Sweep: 1,000,000 points x 200 replications = 200,000,000 replications, about .* \(from \d+ replications timed here\)\.$/m,
    );
    expect(r.stderr).toContain('run it again with --yes to start it');
  }, 120_000);
});
