import { describe, expect, it } from 'vitest';
import { PositionSet } from '../../src/engine/positionSet.ts';

describe('PositionSet', () => {
  it('finds the first member at or after a position as a sorted list would, through adds and deletes', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    for (const capacity of [1, 5, 32, 33, 1000, 1024, 1025, 3000, 40_000]) {
      const set = new PositionSet(capacity);
      const reference = new Set<number>();
      const firstFrom = (p: number) => {
        let best = -1;
        for (const m of reference) if (m >= p && (best < 0 || m < best)) best = m;
        return best;
      };
      for (let step = 0; step < 2000; step++) {
        const p = rand(capacity);
        // Sparse and dense phases: most positions empty, then most full.
        if (rand(100) < (step < 1000 ? 20 : 80)) {
          set.add(p);
          reference.add(p);
        } else {
          set.delete(p);
          reference.delete(p);
        }
        const q = rand(capacity + 2);
        expect(set.next(q), `capacity ${capacity}, step ${step}, from ${q}`).toBe(firstFrom(q));
        expect(set.has(p)).toBe(reference.has(p));
        expect(set.size).toBe(reference.size);
      }
      set.clear();
      expect([set.size, set.next(0)]).toEqual([0, -1]);
    }
  });
});
