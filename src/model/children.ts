/**
 * Children as integer ids into typed arrays (structure of arrays): a replication creates a
 * few thousand children and touches their fields on every event, so fields live in flat
 * typed arrays that grow by doubling and are reused across replications (reset() keeps the
 * memory). No object is allocated per child.
 *
 * An id is a SLOT, reused once its child has left (release()), so the arrays grow with the
 * number of children in care at once, not with the horizon. Each child also has a serial
 * number, unique within the replication (census children first, then referrals in order): it
 * names the child in the trace, and lazily-deleted list entries carry it so that an entry
 * left behind by a departed child is never taken for the slot's next child.
 */

/** Where a child is. */
export const AT_NONE = 0; // not yet referred, or left
export const AT_WAITING = 1; // waiting for a local bed
export const AT_ASSESSMENT = 2;
export const AT_LOCAL = 3;
export const AT_OUT_OF_COUNTY = 4;

/** The child's relation to the ART. */
export const ART_NONE = 0;
export const ART_WAITING = 1;
export const ART_SUPPORTED = 2;

const INITIAL = 256;

export class ChildStore {
  /** Slots used so far in this replication (in use, or free for reuse). */
  count = 0;
  /** Serial number of each slot's child (the last child, once the slot is free). */
  serial = new Int32Array(INITIAL);
  private nextSerial = 0;
  private free = new Int32Array(INITIAL);
  private freeCount = 0;
  cohort = new Int32Array(INITIAL);
  /** Cohort the child was first referred in, and the index of that arrival (keys its own random stream). */
  originCohort = new Int32Array(INITIAL);
  originIndex = new Int32Array(INITIAL);
  /** 1 for children of the initial census (their own stream is keyed differently). */
  fromCensus = new Uint8Array(INITIAL);
  at = new Uint8Array(INITIAL);
  home = new Int32Array(INITIAL);
  /** Epoch of the child's placement events (lazy cancellation: bump to cancel). */
  epoch = new Int32Array(INITIAL);
  /** Birth day (days from the start), NaN when the cohort has no ageing. */
  birthDay = new Float64Array(INITIAL);
  /** Day the child's need for residential care ends, while placed. */
  needEnd = new Float64Array(INITIAL);
  /**
   * Days of need left while not placed (waiting, in assessment, between placements): the need
   * counts down only in a placement, as a service time starts when service starts.
   */
  needLeft = new Float64Array(INITIAL);
  /** Latent uniform of the external price: a dearer cohort maps it to a dearer price. */
  priceU = new Float64Array(INITIAL);
  /** External rate, £ a day at base prices times its vintage factor (set when placed out of county). */
  pricePerDay = new Float64Array(INITIAL);
  /** Day whose market price a census child's external placement keeps (vintage pricing); NaN: the day placed. */
  vintageDay = new Float64Array(INITIAL);
  /** Extra cost of the child's needs in a local home, £ a day at base prices (set when placed locally). */
  localExtra = new Float64Array(INITIAL);
  /** Latent uniform of how long the child's onward placement is paid for after a step-down. */
  onwardU = new Float64Array(INITIAL);
  singleOccupancy = new Uint8Array(INITIAL);
  /** 1 after an assessment, until the next placement ends. */
  assessed = new Uint8Array(INITIAL);
  /** Competing-risk breakdown: remaining Exp(1) budget, current hazard, and when they were last brought up to date. */
  hazardBudget = new Float64Array(INITIAL);
  hazardRate = new Float64Array(INITIAL);
  hazardSince = new Float64Array(INITIAL);
  /** Step-down: latent uniforms for destination, availability and delay, drawn at referral. */
  stepU = new Float64Array(INITIAL * 3);
  /** 1 while placed and waiting for an onward place; the destination index. */
  awaitingOnward = new Uint8Array(INITIAL);
  onwardDestination = new Int32Array(INITIAL);
  onwardSince = new Float64Array(INITIAL);
  /** Day the current placement, wait or assessment began. */
  since = new Float64Array(INITIAL);
  artState = new Uint8Array(INITIAL);
  artEpoch = new Int32Array(INITIAL);
  artSince = new Float64Array(INITIAL);
  /** Latent uniforms of the child's ART support duration and referral patience. */
  artDurationU = new Float64Array(INITIAL);
  artPatienceU = new Float64Array(INITIAL);
  /** A home the child is not placed in again: where a placement of theirs broke down (-1: none). */
  avoidHome = new Int32Array(INITIAL);
  /** Position in the out-of-county list (-1 when not out of county), for O(1) removal. */
  oocSlot = new Int32Array(INITIAL);
  /** When the child joined the waiting list, as a count of joins: first come, first served across cohorts. */
  waitSeq = new Float64Array(INITIAL);
  /**
   * A waiting child's external price per day at base prices (its cohort's, which does not change
   * while it waits), drawn once at joining: a freed bed offered "dearest first" compares it for
   * every waiting child, and drawing it each time (a lognormal's quantile) was most of the cost.
   */
  waitPrice = new Float64Array(INITIAL);

  /** Forget every child, keeping the memory. */
  reset(): void {
    this.count = 0;
    this.nextSerial = 0;
    this.freeCount = 0;
  }

  /** The child in slot id has left: the slot may be given to a later child. */
  release(id: number): void {
    this.free[this.freeCount++] = id;
  }

  /** Children created so far in this replication (the next serial number). */
  get created(): number {
    return this.nextSerial;
  }

  /**
   * Make room for one more child and return its id. Only the fields that are read before the
   * model first writes them are cleared here; newChild() writes every attribute a child is
   * born with, and the placement fields are written when a placement starts. Epochs are never
   * reset: a reused slot's epochs carry on from its last child's, so an event that child left
   * in the calendar is stale for the next (the calendar is emptied between replications).
   */
  add(): number {
    let id: number;
    if (this.freeCount > 0) id = this.free[--this.freeCount]!;
    else {
      if (this.count === this.cohort.length) this.grow();
      id = this.count++;
    }
    this.serial[id] = this.nextSerial++;
    this.at[id] = AT_NONE;
    this.home[id] = -1;
    this.assessed[id] = 0;
    this.awaitingOnward[id] = 0;
    this.artState[id] = ART_NONE;
    this.avoidHome[id] = -1;
    this.oocSlot[id] = -1;
    this.vintageDay[id] = NaN;
    return id;
  }

  private grow(): void {
    const n = this.cohort.length * 2;
    const g = <T extends Int32Array | Uint8Array | Int8Array | Float64Array>(a: T, size = n): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.serial = g(this.serial);
    this.free = g(this.free);
    this.cohort = g(this.cohort);
    this.originCohort = g(this.originCohort);
    this.originIndex = g(this.originIndex);
    this.fromCensus = g(this.fromCensus);
    this.at = g(this.at);
    this.home = g(this.home);
    this.epoch = g(this.epoch);
    this.birthDay = g(this.birthDay);
    this.needEnd = g(this.needEnd);
    this.needLeft = g(this.needLeft);
    this.priceU = g(this.priceU);
    this.pricePerDay = g(this.pricePerDay);
    this.vintageDay = g(this.vintageDay);
    this.localExtra = g(this.localExtra);
    this.onwardU = g(this.onwardU);
    this.singleOccupancy = g(this.singleOccupancy);
    this.assessed = g(this.assessed);
    this.hazardBudget = g(this.hazardBudget);
    this.hazardRate = g(this.hazardRate);
    this.hazardSince = g(this.hazardSince);
    this.stepU = g(this.stepU, n * 3);
    this.awaitingOnward = g(this.awaitingOnward);
    this.onwardDestination = g(this.onwardDestination);
    this.onwardSince = g(this.onwardSince);
    this.since = g(this.since);
    this.artState = g(this.artState);
    this.artEpoch = g(this.artEpoch);
    this.artSince = g(this.artSince);
    this.artDurationU = g(this.artDurationU);
    this.artPatienceU = g(this.artPatienceU);
    this.oocSlot = g(this.oocSlot);
    this.avoidHome = g(this.avoidHome);
    this.waitSeq = g(this.waitSeq);
    this.waitPrice = g(this.waitPrice);
  }
}
