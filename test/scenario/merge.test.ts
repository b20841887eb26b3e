import { describe, expect, it } from 'vitest';
import { mergeModel } from '../../src/scenario/merge.ts';

describe('mergeModel (scenario overrides)', () => {
  it('merges maps key by key and keeps what the override does not name', () => {
    const base = { homes: { a: { beds: 3, opens: '2024-01-01' }, b: { beds: 2 } } };
    expect(mergeModel(base, { homes: { a: { beds: 4 }, c: { beds: 1 } } })).toEqual({
      homes: { a: { beds: 4, opens: '2024-01-01' }, b: { beds: 2 }, c: { beds: 1 } },
    });
  });

  it('removes a key given null', () => {
    expect(mergeModel({ homes: { a: 1, b: 2 }, art: { x: 1 } }, { homes: { a: null }, art: null })).toEqual({
      homes: { b: 2 },
    });
  });

  it('replaces lists whole', () => {
    expect(mergeModel({ cohorts: ['a', 'b'] }, { cohorts: ['c'] })).toEqual({ cohorts: ['c'] });
  });

  it('replaces a distribution whole rather than mixing its parameters', () => {
    const base = { stay: { type: 'exponential', mean: 40, unit: 'days' } };
    expect(mergeModel(base, { stay: { type: 'gamma', shape: 2, scale: 20, unit: 'days' } })).toEqual({
      stay: { type: 'gamma', shape: 2, scale: 20, unit: 'days' },
    });
  });

  it('replaces a number with provenance whole, so an old source never sticks to a new assumption', () => {
    const base = { beds: { value: 3, source: '001 ¶19' } };
    const over = { beds: { value: 4, assumption: 'A fourth bed is added in this scenario.' } };
    expect(mergeModel(base, over)).toEqual(over);
  });

  it('does not change its inputs', () => {
    const base = { a: { b: 1 } };
    const over = { a: { c: 2 } };
    mergeModel(base, over);
    expect(base).toEqual({ a: { b: 1 } });
    expect(over).toEqual({ a: { c: 2 } });
  });
});
