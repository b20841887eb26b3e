// The event calendar: a binary min-heap of pending events, and the simulation clock.
//
// Ordering key (time, priority, sequence). Events at the same time run lower priority number first, then in
// insertion order (FIFO by a sequence counter), so same-day order is defined by the model (for example
// "release a bed before admitting", simmer's PRIORITY_RELEASE) and never by heap accidents.
//
// Clock: `time` is the time of the event most recently popped. Pushing an event earlier than that throws,
// because it would rewrite the past (causality).
//
// Performance: events are not objects. Each event occupies a numbered SLOT in five growable typed arrays
// (structure of arrays: priority, sequence, kind, entity, tag), and the heap itself is an Int32Array of slot
// numbers beside a Float64Array of their times in heap order. Sifting compares contiguous times with no
// indirection and moves one integer and one double per level instead of six fields; priority and sequence
// are looked up only when two times tie. Freed slots go on a stack and are reused. pop() writes the top
// event into fields of the queue itself, so a run allocates nothing per event and leaves nothing for the
// garbage collector. Sifting moves a "hole" rather than swapping. Capacity doubles when full; clear() keeps
// the arrays for the next replication.
//
// LAZY CANCELLATION. The queue has no remove(): finding an event in a heap is O(n). Instead each event
// carries an integer `tag`, and a model that may cancel an entity's pending event keeps an epoch per entity:
//
//   const epoch = new Int32Array(maxChildren);            // one per entity
//   queue.push(t, PRIORITY_END, STAY_ENDS, child, epoch[child]);
//   epoch[child]++;                                       // cancel: the queued event is now stale
//   while (queue.pop()) {
//     if (queue.tag !== epoch[queue.entity]) continue;    // stale: dropped when it surfaces
//     switch (queue.kind) { ... }
//   }
//
// Stale events cost one pop each, which is cheaper than any heap removal for the small calendars (tens of
// events) of this model.

/** Default number of event slots allocated up front; the calendar doubles when it runs out. */
const DEFAULT_CAPACITY = 64;

/** A binary-heap event calendar keyed by (time, priority, insertion order), allocation-free after warm-up. */
export class EventQueue {
  // Event fields by slot number (the time is kept in heap order instead, see heapTimes).
  private priorities: Int32Array;
  // Float64 rather than Uint32: an exact integer counter up to 2^53, so a very long replication can never
  // wrap around and break FIFO order.
  private sequences: Float64Array;
  private kinds: Int32Array;
  private entities: Int32Array;
  private tags: Int32Array;
  /** heap[0 .. count-1]: slot numbers in heap order (the slot of the next event at heap[0]). */
  private heap: Int32Array;
  /**
   * heapTimes[i]: the time of the event at heap[i]. Kept beside the heap rather than by slot, so sifting
   * compares contiguous times with no indirection; priority and sequence are looked up only on a tie.
   */
  private heapTimes: Float64Array;
  /** freeSlots[0 .. freeCount-1]: a stack of unused slot numbers. */
  private freeSlots: Int32Array;
  private freeCount = 0;
  private count = 0;
  private nextSequence = 0;
  private poppedTime = 0;
  private poppedPriority = 0;
  private poppedKind = 0;
  private poppedEntity = 0;
  private poppedTag = 0;

  /**
   * @param initialCapacity number of events held before the first growth (a positive integer).
   * @param startTime initial clock, in days.
   * @throws {RangeError} if initialCapacity is not a positive integer or startTime is not finite.
   * @example
   * const queue = new EventQueue();
   * queue.push(3.5, 0, ARRIVAL, 0, 0);
   */
  constructor(initialCapacity = DEFAULT_CAPACITY, startTime = 0) {
    if (!Number.isInteger(initialCapacity) || initialCapacity < 1) {
      throw new RangeError(`initial capacity must be a positive integer, got ${initialCapacity}`);
    }
    this.heapTimes = new Float64Array(initialCapacity);
    this.priorities = new Int32Array(initialCapacity);
    this.sequences = new Float64Array(initialCapacity);
    this.kinds = new Int32Array(initialCapacity);
    this.entities = new Int32Array(initialCapacity);
    this.tags = new Int32Array(initialCapacity);
    this.heap = new Int32Array(initialCapacity);
    this.freeSlots = new Int32Array(initialCapacity);
    this.clear(startTime);
  }

  /** Number of pending events (stale ones included until they are popped). */
  get size(): number {
    return this.count;
  }

  /** Number of events the arrays hold before the next doubling. */
  get capacity(): number {
    return this.heap.length;
  }

  /** The clock: time in days of the event last popped (the start time before any pop). */
  get time(): number {
    return this.poppedTime;
  }

  /** Priority of the event last popped. */
  get priority(): number {
    return this.poppedPriority;
  }

  /** Kind (the model's event type code) of the event last popped. */
  get kind(): number {
    return this.poppedKind;
  }

  /** Entity index of the event last popped. */
  get entity(): number {
    return this.poppedEntity;
  }

  /** Tag (epoch, for lazy cancellation) of the event last popped. */
  get tag(): number {
    return this.poppedTag;
  }

  /**
   * Schedule an event. O(log n); allocates only when the calendar doubles.
   * @param time when it happens, in days; not earlier than the clock (Infinity is accepted: never).
   * @param priority order among events at the same time, lower first (an int32; name them as constants).
   * @param kind event type code, an int32, dispatched by the model's switch.
   * @param entity index of the entity concerned (child, home, ...), an int32.
   * @param tag epoch for lazy cancellation (see the module comment), an int32; 0 if unused.
   * @throws {RangeError} if time is NaN or earlier than the clock, or an integer argument is not an int32.
   * @example
   * queue.push(queue.time + stayDays, PRIORITY_RELEASE, DISCHARGE, child, epoch[child]);
   */
  push(time: number, priority: number, kind: number, entity: number, tag: number): void {
    // One comparison rejects both NaN (every comparison with NaN is false) and the past.
    if (!(time >= this.poppedTime)) {
      throw new RangeError(`cannot schedule an event at ${time}: the clock is already at ${this.poppedTime}`);
    }
    // `x | 0` is x exactly when x is an int32: four cheap checks instead of silent truncation by Int32Array.
    if ((priority | 0) !== priority || (kind | 0) !== kind || (entity | 0) !== entity || (tag | 0) !== tag) {
      throw new RangeError(
        `priority, kind, entity and tag must be 32-bit integers, got ${priority}, ${kind}, ${entity}, ${tag}`,
      );
    }
    if (this.freeCount === 0) {
      this.grow();
    }
    const slot = this.freeSlots[--this.freeCount];
    const priorities = this.priorities;
    priorities[slot] = priority;
    this.sequences[slot] = this.nextSequence++;
    this.kinds[slot] = kind;
    this.entities[slot] = entity;
    this.tags[slot] = tag;
    // Sift up. The new event has the largest sequence number, so on a (time, priority) tie the parent
    // already comes first and we can stop: no sequence comparison needed on the way up.
    const heap = this.heap;
    const heapTimes = this.heapTimes;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = heapTimes[parent];
      if (parentTime < time || (parentTime === time && priorities[heap[parent]] <= priority)) {
        break;
      }
      heap[i] = heap[parent];
      heapTimes[i] = parentTime;
      i = parent;
    }
    heap[i] = slot;
    heapTimes[i] = time;
  }

  /**
   * Time of the next event without removing it.
   * @returns time in days, or Infinity if the calendar is empty.
   * @example
   * while (queue.peekTime() <= horizon && queue.pop()) { ... }
   */
  peekTime(): number {
    return this.count > 0 ? this.heapTimes[0] : Infinity;
  }

  /**
   * Remove the next event and expose it as `time`, `priority`, `kind`, `entity` and `tag`; the clock
   * advances to its time. O(log n), allocation-free.
   * @returns false (and changes nothing) if the calendar is empty.
   * @example
   * while (queue.pop()) {
   *   switch (queue.kind) { case ARRIVAL: arrive(queue.entity); break; }
   * }
   */
  pop(): boolean {
    if (this.count === 0) {
      return false;
    }
    const heap = this.heap;
    const heapTimes = this.heapTimes;
    const priorities = this.priorities;
    const top = heap[0];
    this.poppedTime = heapTimes[0];
    this.poppedPriority = priorities[top];
    this.poppedKind = this.kinds[top];
    this.poppedEntity = this.entities[top];
    this.poppedTag = this.tags[top];
    this.freeSlots[this.freeCount++] = top;
    const n = --this.count;
    if (n === 0) {
      return true;
    }
    // Sift the last event down from the root, moving the hole rather than swapping. Times are read
    // from heapTimes (heap order, contiguous); priority and sequence only on a tie of times.
    const last = heap[n];
    const time = heapTimes[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) {
        break;
      }
      let childTime = heapTimes[child];
      const right = child + 1;
      if (right < n) {
        const rightTime = heapTimes[right];
        if (rightTime < childTime || (rightTime === childTime && this.before(heap[right], heap[child]))) {
          child = right;
          childTime = rightTime;
        }
      }
      if (childTime > time || (childTime === time && !this.before(heap[child], last))) {
        break;
      }
      heap[i] = heap[child];
      heapTimes[i] = childTime;
      i = child;
    }
    heap[i] = last;
    heapTimes[i] = time;
    return true;
  }

  /** Whether slot a runs before slot b at the same time: lower priority, then earlier sequence. */
  private before(a: number, b: number): boolean {
    const pa = this.priorities[a];
    const pb = this.priorities[b];
    return pa < pb || (pa === pb && this.sequences[a] < this.sequences[b]);
  }

  /**
   * Empty the calendar for the next replication, keeping the allocated arrays. Resets the clock to
   * `startTime`, the sequence counter to 0 and the popped fields to 0. O(capacity).
   * @param startTime the new clock, in days.
   * @throws {RangeError} if startTime is not finite.
   * @example
   * for (let rep = 0; rep < reps; rep++) { queue.clear(); runReplication(queue, rep); }
   */
  clear(startTime = 0): void {
    if (!Number.isFinite(startTime)) {
      throw new RangeError(`start time must be finite, got ${startTime}`);
    }
    const capacity = this.heap.length;
    // Slot 0 on top of the stack, so a fresh calendar fills its slots in order (memory locality).
    for (let i = 0; i < capacity; i++) {
      this.freeSlots[i] = capacity - 1 - i;
    }
    this.freeCount = capacity;
    this.count = 0;
    this.nextSequence = 0;
    this.poppedTime = startTime;
    this.poppedPriority = 0;
    this.poppedKind = 0;
    this.poppedEntity = 0;
    this.poppedTag = 0;
  }

  /** Double every array, keeping the heap. Called only when every slot is in use. Amortised O(1). */
  private grow(): void {
    const old = this.heap.length;
    const capacity = 2 * old;
    const heapTimes = new Float64Array(capacity);
    heapTimes.set(this.heapTimes);
    this.heapTimes = heapTimes;
    const priorities = new Int32Array(capacity);
    priorities.set(this.priorities);
    this.priorities = priorities;
    const sequences = new Float64Array(capacity);
    sequences.set(this.sequences);
    this.sequences = sequences;
    const kinds = new Int32Array(capacity);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const entities = new Int32Array(capacity);
    entities.set(this.entities);
    this.entities = entities;
    const tags = new Int32Array(capacity);
    tags.set(this.tags);
    this.tags = tags;
    const heap = new Int32Array(capacity);
    heap.set(this.heap);
    this.heap = heap;
    // All old slots are in use, so the free stack is exactly the new slots, lowest on top.
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < old; i++) {
      this.freeSlots[i] = capacity - 1 - i;
    }
    this.freeCount = old;
  }
}
