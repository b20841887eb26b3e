// A model whose size no run can bear, though each of its numbers is plausible alone (issue 16):
// refused with the estimate unless run.allowLarge says it is meant.
import { describe, expect, it } from 'vitest';
import { loadModel, validateModelData } from '../../src/scenario/load.ts';
import { setNumber } from '../../src/scenario/paths.ts';

describe('the size of a run', () => {
  it('is estimated and refused past what a run can bear, and allowed when the file says so', () => {
    const county = loadModel('models/synthetic/county.yaml');
    if (!county.ok) throw new Error('the synthetic county does not load');
    let raw: unknown = setNumber(county.raw, 'time.years', 100);
    for (const c of ['under16', 'sixteenPlus'])
      raw = setNumber(raw, `cohorts.${c}.referrals.perYear`, 99_999);
    const refused = validateModelData(raw);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.errors.join('\n')).toMatch(
      /this model asks for about [\d,]+ referrals in a replication, .* more than a run can bear/,
    );
    const allowed = validateModelData({ ...(raw as object), run: { allowLarge: true } });
    expect(allowed.ok).toBe(true);
  });
});
