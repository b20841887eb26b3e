// The same results in any time zone and locale (issue 16): dates are the model's calendar, not
// the machine's clock, and numbers are written without the locale's separators.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './process.ts';

describe('a run on machines set up differently', () => {
  it('writes byte-identical results in UTC and in Auckland with a German locale', async () => {
    const root = mkdtempSync(join(tmpdir(), 'caresim-env-'));
    const args = (out: string) => [
      'run',
      'models/leicestershire.yaml',
      '--reps',
      '4',
      '--no-charts',
      '-q',
      '--out',
      join(root, out),
    ];
    const [utc, nz] = await Promise.all([
      cli(args('utc'), 300_000, { TZ: 'UTC', LANG: 'en_GB.UTF-8', LC_ALL: 'en_GB.UTF-8' }),
      cli(args('nz'), 300_000, { TZ: 'Pacific/Auckland', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' }),
    ]);
    expect(utc.code, utc.stderr).toBe(0);
    expect(nz.code, nz.stderr).toBe(0);
    for (const f of ['summary.json', 'periods.csv', 'years.csv', 'replications.csv', 'history.json'])
      expect(readFileSync(join(root, 'nz', f), 'utf8'), f).toBe(readFileSync(join(root, 'utc', f), 'utf8'));
  }, 300_000);
});
