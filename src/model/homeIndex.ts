/**
 * Which homes can take a child of each cohort now, kept up to date as homes fill, empty, open,
 * close, offer beds and re-register, so that matching a child does not ask every home.
 *
 * Why: asking each home the cohort's registrations allow made a placement's cost grow with the
 * homes (3,000 homes of 3 beds, England's children's homes: 12x the cost per event of 8 homes, 20x
 * when matching to the fewest free beds). Here each cohort keeps its homes, by their place in the
 * cohort's list (Homes.mayTake, the order the model lists them, which breaks ties), in sets of
 * positions (engine/positionSet.ts): the homes with a bed free, or, when the matching policy
 * compares free beds, the homes with exactly f beds free, for each f, and the free counts present.
 * The first home in list order, or the first with the fewest or most free beds, is then a few word
 * reads, and a change of one home touches only the cohorts it is registered for.
 *
 * What a set cannot know is left to the caller: the home a child's placement just broke down in
 * (skipped here by taking the next), and a child who must live alone (Homes asks each home then:
 * rare, and it depends on the home's occupancy, not only its free beds).
 */
import { PositionSet } from '../engine/positionSet.ts';
import { MATCH_LISTED, MATCH_MOST_FREE, type Scenario } from './scenario.ts';

/** The state of the homes the index reads (the arrays Homes owns). */
export interface HomeState {
  readonly isOpen: Uint8Array;
  readonly blocked: Uint8Array;
  readonly occupancy: Int32Array;
  readonly beds: Float64Array;
  /** The cohorts each home's registration in force accepts (replaced on re-registration). */
  readonly accepts: Uint8Array[];
}

/** The most homes one cohort may go to that are still asked one by one (see HomeIndex.applies). */
export const INDEX_FROM_HOMES = 16;

export class HomeIndex {
  /** Per cohort: each home's position in the cohort's list (-1: never registered for it). */
  private readonly positionOf: Int32Array[];
  /** Per home: the cohorts whose lists hold it. */
  private readonly cohortsOf: Int32Array[];
  /** Per cohort, per position: free beds if the home can take the cohort now (0: cannot). */
  private readonly key: Int32Array[];
  /** Per cohort: the homes with a bed free (policy "listed"). */
  private readonly withRoom: PositionSet[];
  /**
   * Per cohort (policies comparing free beds): bucket b holds the homes with f free beds, b = f - 1
   * for the fewest first, b = maxFree - f for the most first; `buckets` says which are non-empty.
   */
  private readonly byFree: PositionSet[][];
  private readonly buckets: PositionSet[];
  private readonly maxFree: Int32Array;
  /** Per cohort: free beds in the homes that can take it, and open homes whose registration accepts it. */
  readonly freeBeds: Float64Array;
  private readonly openFor: Int32Array;
  private readonly openForAlone: Int32Array;
  /** Per cohort, per position: 1 if the home is open and its registration accepts the cohort. */
  private readonly openKey: Uint8Array[];
  private readonly mostFirst: boolean;
  private readonly listed: boolean;

  constructor(
    private readonly s: Scenario,
    private readonly mayTake: readonly Int32Array[],
    private readonly st: HomeState,
  ) {
    const H = s.homes.length;
    const C = mayTake.length;
    this.listed = s.policies.matching === MATCH_LISTED;
    this.mostFirst = s.policies.matching === MATCH_MOST_FREE;
    this.positionOf = mayTake.map((homes) => {
      const at = new Int32Array(H).fill(-1);
      homes.forEach((h, p) => (at[h] = p));
      return at;
    });
    this.cohortsOf = s.homes.map((_, h) =>
      Int32Array.from(
        this.positionOf.flatMap((at, c) => (at[h]! >= 0 ? [c] : [])),
        (c) => c,
      ),
    );
    this.key = mayTake.map((homes) => new Int32Array(homes.length));
    this.openKey = mayTake.map((homes) => new Uint8Array(homes.length));
    this.withRoom = mayTake.map((homes) => new PositionSet(homes.length));
    this.maxFree = Int32Array.from(mayTake, (homes) =>
      homes.reduce((most, h) => Math.max(most, s.homes[h]!.beds), 0),
    );
    this.byFree = this.listed
      ? []
      : mayTake.map((homes, c) =>
          Array.from({ length: this.maxFree[c]! }, () => new PositionSet(homes.length)),
        );
    this.buckets = this.listed ? [] : mayTake.map((_, c) => new PositionSet(this.maxFree[c]!));
    this.freeBeds = new Float64Array(C);
    this.openFor = new Int32Array(C);
    this.openForAlone = new Int32Array(C);
  }

  /**
   * Whether to keep the index: when some cohort may go to more than INDEX_FROM_HOMES homes (below
   * that, asking each home costs less than keeping the index up to date at every placement: 10% of
   * the loss system's time), and every home's beds, and beds at opening, are whole numbers (a free
   * count is then a bucket). Otherwise Homes asks each home, as it did before the index; the answers are the same.
   */
  static applies(s: Scenario, mayTake: readonly Int32Array[]): boolean {
    return (
      mayTake.some((homes) => homes.length > INDEX_FROM_HOMES) &&
      // Beds offered are the home's beds, or its beds at opening plus whole beds of its ramp: a
      // number drawn for either (a belief's range) may not be whole.
      s.homes.every((h) => Number.isInteger(h.beds) && h.beds >= 0 && Number.isInteger(h.bedsAtOpening))
    );
  }

  /** No home can take anyone (every home closed and empty). */
  reset(): void {
    for (let c = 0; c < this.key.length; c++) {
      this.key[c]!.fill(0);
      this.openKey[c]!.fill(0);
      this.withRoom[c]!.clear();
      if (!this.listed) {
        for (const b of this.byFree[c]!) b.clear();
        this.buckets[c]!.clear();
      }
    }
    this.freeBeds.fill(0);
    this.openFor.fill(0);
    this.openForAlone.fill(0);
  }

  /** Home h's occupancy, beds, blocking, opening or registration may have changed. */
  update(h: number): void {
    const st = this.st;
    const open = st.isOpen[h] === 1;
    const free = st.beds[h]! - st.occupancy[h]!;
    const room = open && st.blocked[h] === 0 && free > 0;
    const cohorts = this.cohortsOf[h]!;
    for (let k = 0; k < cohorts.length; k++) {
      const c = cohorts[k]!;
      const p = this.positionOf[c]![h]!;
      const accepts = st.accepts[h]![c] === 1;
      const openKey = open && accepts ? 1 : 0;
      if (openKey !== this.openKey[c]![p]) {
        this.openKey[c]![p] = openKey;
        this.openFor[c]! += openKey ? 1 : -1;
        if (this.s.homes[h]!.singleOccupancyAllowed) this.openForAlone[c]! += openKey ? 1 : -1;
      }
      const key = room && accepts ? free : 0;
      const was = this.key[c]![p]!;
      if (key === was) continue;
      this.key[c]![p] = key;
      this.freeBeds[c]! += key - was;
      if (this.listed) {
        if (key > 0) this.withRoom[c]!.add(p);
        else this.withRoom[c]!.delete(p);
        continue;
      }
      if (was > 0) {
        const b = this.bucketOf(c, was);
        const set = this.byFree[c]![b]!;
        set.delete(p);
        if (set.size === 0) this.buckets[c]!.delete(b);
      }
      if (key > 0) {
        const b = this.bucketOf(c, key);
        this.byFree[c]![b]!.add(p);
        this.buckets[c]!.add(b);
      }
    }
  }

  private bucketOf(c: number, free: number): number {
    return this.mostFirst ? this.maxFree[c]! - free : free - 1;
  }

  /**
   * The home the matching policy picks for a child of cohort c who may not go back to home
   * `avoid` (-1: none), and who need not live alone; -1 if none can take the child.
   */
  first(c: number, avoid: number): number {
    const homes = this.mayTake[c]!;
    if (this.listed) {
      const set = this.withRoom[c]!;
      let p = set.next(0);
      if (p >= 0 && homes[p] === avoid) p = set.next(p + 1);
      return p >= 0 ? homes[p]! : -1;
    }
    const buckets = this.buckets[c]!;
    for (let b = buckets.next(0); b >= 0; b = buckets.next(b + 1)) {
      const set = this.byFree[c]![b]!;
      let p = set.next(0);
      if (p >= 0 && homes[p] === avoid) p = set.next(p + 1);
      if (p >= 0) return homes[p]!;
    }
    return -1;
  }

  /** Free beds in the homes that can take a child of cohort c, leaving out home `avoid`. */
  freeBedsFor(c: number, avoid: number): number {
    const p = avoid >= 0 ? this.positionOf[c]![avoid]! : -1;
    return this.freeBeds[c]! - (p >= 0 ? this.key[c]![p]! : 0);
  }

  /**
   * Whether some open home's registration accepts cohort c, other than home `avoid` (-1: none);
   * `alone`: among the homes that can take a child who must live alone.
   */
  anyOpenFor(c: number, avoid: number, alone: boolean): boolean {
    let n = alone ? this.openForAlone[c]! : this.openFor[c]!;
    const p = avoid >= 0 ? this.positionOf[c]![avoid]! : -1;
    if (p >= 0 && this.openKey[c]![p] && (!alone || this.s.homes[avoid]!.singleOccupancyAllowed)) n--;
    return n > 0;
  }
}
