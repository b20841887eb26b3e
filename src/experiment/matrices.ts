/**
 * The monthly result matrices of a set of replications, wherever they are kept: in memory (the
 * browser app, comparisons, sweeps) or in a file the command line writes as replications arrive
 * (output/fileMatrices.ts), so that a run's memory does not grow with its replications.
 *
 * Everything downstream reads them through this interface: one replication at a time (`at`), or a
 * range of rows of each (`read`, for summarising a few series of every replication in one pass).
 * No I/O here: a store on disk is made by the layer that may do I/O and handed in as a factory.
 */

export interface Matrices {
  /** Replications held, by position: 0 is the set's first replication. */
  readonly count: number;
  /** Cells of each matrix (series x months). */
  readonly cells: number;
  /** Replication k's matrix: a fresh copy from a store on disk; the stored array in memory (do not write to it). */
  at(k: number): Float64Array;
  /** Cells [from, to) of replication k's matrix, into the start of `into`. */
  read(k: number, from: number, to: number, into: Float64Array): void;
}

/** Matrices being filled as replications arrive, in any order. */
export interface MatrixStore extends Matrices {
  /** Replication k's matrix (copied: the caller may reuse `values`). */
  put(k: number, values: Float64Array): void;
}

/** Makes the store for `count` replications of `cells` cells each. */
export type StoreFactory = (count: number, cells: number) => MatrixStore;

/** Matrices held in memory, one array each. */
export function memoryStore(count: number, cells: number): MatrixStore {
  const list: Float64Array[] = new Array<Float64Array>(count);
  return {
    count,
    cells,
    put: (k, values) => void (list[k] = values.slice(0, cells)),
    at: (k) => list[k]!,
    read: (k, from, to, into) => into.set(list[k]!.subarray(from, to)),
  };
}

/** Matrices already in memory (a list of arrays of `cells` each). */
export function matricesOf(list: readonly Float64Array[], cells: number): Matrices {
  return {
    count: list.length,
    cells,
    at: (k) => list[k]!,
    read: (k, from, to, into) => into.set(list[k]!.subarray(from, to)),
  };
}

/** a's replications followed by b's (sequential stopping adds batches). */
export function concatMatrices(a: Matrices, b: Matrices): Matrices {
  const pick = <T>(k: number, f: (m: Matrices, k: number) => T) =>
    k < a.count ? f(a, k) : f(b, k - a.count);
  return {
    count: a.count + b.count,
    cells: a.cells,
    at: (k) => pick(k, (m, j) => m.at(j)),
    read: (k, from, to, into) => pick(k, (m, j) => m.read(j, from, to, into)),
  };
}

/** Every matrix as an array, in order (in memory: for the few who keep them all). */
export function allMatrices(m: Matrices): Float64Array[] {
  return Array.from({ length: m.count }, (_, k) => m.at(k));
}
