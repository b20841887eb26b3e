// Results at fixed seeds are byte-identical to those recorded in fingerprints.json (see take.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { takeFingerprints, type Fingerprints } from './take.ts';

const recorded = JSON.parse(
  readFileSync(new URL('./fingerprints.json', import.meta.url), 'utf8'),
) as Fingerprints;

describe('results fingerprints at fixed seeds', () => {
  it('are those recorded for every shipped model, a comparison, a sweep and a sensitivity analysis', async () => {
    const now = await takeFingerprints();
    expect(Object.keys(now)).toEqual(Object.keys(recorded));
    for (const [name, files] of Object.entries(recorded)) expect(now[name], name).toEqual(files);
  }, 300_000);
});
