/**
 * The optional per-child event trace, shared by the parts of the care model.
 *
 * Why a part of its own: every part (homes, the assessment unit, the ART, the journey) reports
 * events, and each would otherwise need the sink and the child store to turn a slot into the
 * child's serial number. The sink is switched per replication; with none, a report costs one
 * comparison and builds no string.
 */
import type { ChildStore } from './children.ts';

/**
 * Optional per-child event trace, for debugging and for explaining the model. `child` is the
 * child's serial number in the replication (census children first, then referrals in order;
 * -1 for an event of no child, such as a home opening).
 */
export type TraceSink = (day: number, child: number, event: string, detail: string) => void;

export class Tracer {
  /** The sink of the current replication (null: no trace). */
  sink: TraceSink | null = null;
  private readonly ch: ChildStore;

  constructor(ch: ChildStore) {
    this.ch = ch;
  }

  /** Whether a trace is being taken (to skip building a detail string). */
  get on(): boolean {
    return this.sink !== null;
  }

  /**
   * Report an event of child `id` (a slot; -1 for none) on day t. Kept tiny, so that V8 inlines
   * it everywhere without spending the caller's inlining budget (the work is in `emit`).
   */
  event(t: number, id: number, event: string, detail: string): void {
    if (this.sink !== null) this.emit(t, id, event, detail);
  }

  private emit(t: number, id: number, event: string, detail: string): void {
    this.sink!(t, id < 0 ? id : this.ch.serial[id]!, event, detail);
  }
}
