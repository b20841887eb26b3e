// LazyFifo: first in, first out over live entries; dead entries (state changed, or id reused with
// a new tag) are skipped; growth and compaction keep the order. Checked against a plain array model.
import { describe, expect, it } from 'vitest';
import { LazyFifo } from '../../src/engine/lazyFifo.ts';
import { createStream } from '../../src/random/streams.ts';

const WAITING = 1;

/** Ids of the live entries, oldest first, by walking head..end. */
function live(f: LazyFifo, state: Uint8Array, tags: Int32Array): number[] {
  const ids: number[] = [];
  for (let i = f.head; i < f.end; i++) if (f.isLive(i, state, WAITING, tags)) ids.push(f.idAt(i));
  return ids;
}

describe('LazyFifo', () => {
  it('takes ids in the order they were pushed', () => {
    const f = new LazyFifo(2);
    const state = new Uint8Array(5).fill(WAITING);
    const tags = new Int32Array(5);
    for (const id of [3, 1, 4, 0, 2]) f.push(id, 0);
    const out: number[] = [];
    for (let id; (id = f.takeLive(state, WAITING, tags)) >= 0;) out.push(id);
    expect(out).toEqual([3, 1, 4, 0, 2]);
    expect(f.takeLive(state, WAITING, tags)).toBe(-1);
  });

  it('skips entries whose id left the state or was reused under another tag', () => {
    const f = new LazyFifo();
    const state = Uint8Array.of(WAITING, WAITING, WAITING);
    const tags = Int32Array.of(10, 11, 12);
    f.push(0, 10);
    f.push(1, 11);
    f.push(2, 12);
    state[0] = 0; // left the list
    tags[1] = 21; // slot 1 now holds another entity, which is waiting but was never pushed
    expect(live(f, state, tags)).toEqual([2]);
    f.dropDeadHead(state, WAITING, tags);
    expect(f.idAt(f.head)).toBe(2);
    expect(f.takeLive(state, WAITING, tags)).toBe(2);
    expect(f.takeLive(state, WAITING, tags)).toBe(-1);
    expect(f.head).toBe(f.end);
  });

  it('a dead entry that becomes live again under the same tag is live (the caller bumps the tag to prevent it)', () => {
    const f = new LazyFifo();
    const state = Uint8Array.of(WAITING);
    const tags = Int32Array.of(7);
    f.push(0, 7);
    state[0] = 0;
    state[0] = WAITING;
    expect(f.takeLive(state, WAITING, tags)).toBe(0);
  });

  it('clear() forgets every entry', () => {
    const f = new LazyFifo();
    const state = Uint8Array.of(WAITING);
    const tags = Int32Array.of(0);
    f.push(0, 0);
    f.clear();
    expect(f.head).toBe(f.end);
    expect(f.takeLive(state, WAITING, tags)).toBe(-1);
  });

  it('agrees with a plain array model over random pushes, departures and takes (growth and compaction)', () => {
    const rng = createStream(1, 0, 'lazyFifo');
    const N = 50;
    const state = new Uint8Array(N);
    const tags = new Int32Array(N);
    const f = new LazyFifo(4);
    let model: { id: number; tag: number }[] = [];
    let serial = 0;
    for (let step = 0; step < 20_000; step++) {
      const u = rng.next();
      const id = Math.floor(rng.next() * N);
      if (u < 0.45) {
        if (state[id] !== WAITING) {
          // A new entity takes the slot: new tag, pushed.
          tags[id] = ++serial;
          state[id] = WAITING;
          f.push(id, tags[id]!);
          model.push({ id, tag: tags[id]! });
        }
      } else if (u < 0.7) {
        state[id] = 0; // leaves from anywhere
      } else {
        const got = f.takeLive(state, WAITING, tags);
        model = model.filter((e) => state[e.id] === WAITING && tags[e.id] === e.tag);
        const want = model.shift();
        expect(got).toBe(want ? want.id : -1);
        if (got >= 0) state[got] = 0;
      }
      if (step % 97 === 0) {
        const alive = model.filter((e) => state[e.id] === WAITING && tags[e.id] === e.tag).map((e) => e.id);
        expect(live(f, state, tags)).toEqual(alive);
      }
    }
  });
});
