import { describe, expect, it } from 'vitest';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';

describe('YAML features a strategist may use', () => {
  it('merge keys (<<: *anchor) share fields between entries', () => {
    const r = loadModel('test/fixtures/good/merge-key.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
    expect(r.model.homes.home!.label).toBe('The one home');
  });

  it('top-level x- keys hold anchors and are not part of the model', () => {
    const r = loadModel('models/leicestershire.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
    expect(Object.keys(r.raw).some((k) => k.startsWith('x-'))).toBe(false);
    // The anchored growth table is shared by the cohorts that use *growth.
    expect(r.model.cohorts.under16!.referrals.growth).toEqual(r.model.cohorts.ebd!.referrals.growth);
  });
});
