import { describe, expect, it } from 'vitest';
import { SortedIds } from '../../src/engine/sortedIds.ts';

describe('SortedIds', () => {
  it('keeps ids in the order given, with ties broken as the order says, through adds and deletes', () => {
    let seed = 3;
    const rand = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    const key = Array.from({ length: 500 }, () => rand(20)); // many ties
    const before = (a: number, b: number) => (key[a] !== key[b] ? key[a]! > key[b]! : a < b);
    const list = new SortedIds(before);
    const reference = new Set<number>();
    for (let step = 0; step < 3000; step++) {
      const id = rand(500);
      if (reference.has(id)) {
        list.delete(id);
        reference.delete(id);
      } else {
        list.add(id);
        reference.add(id);
      }
      if (step % 100 === 0) {
        const want = [...reference].sort((a, b) => (before(a, b) ? -1 : 1));
        expect(Array.from({ length: list.size }, (_, k) => list.at(k))).toEqual(want);
      }
    }
    expect(() =>
      list.delete(reference.size === 500 ? -1 : [...Array(500).keys()].find((i) => !reference.has(i))!),
    ).toThrow(/not where its order puts it/);
  });
});
