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

  it('refuses a run whose monthly results would not fit in memory, saying how big and what to do', async () => {
    const r = await cli(['run', 'models/leicestershire.yaml', '--reps', '1000000', '--no-charts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /1,000,000 replications of this model hold about [\d.]+ GB of monthly results in memory/,
    );
    expect(r.stderr).toContain('then caresim merge');
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
      /^Sweep: 1,000,000 points x 200 replications = 200,000,000 replications, about /m,
    );
    expect(r.stderr).toContain('run it again with --yes to start it');
  }, 120_000);
});
