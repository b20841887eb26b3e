/**
 * Replications' monthly matrices kept in a file as they arrive (experiment/matrices.ts), so that a
 * run's memory does not grow with its replications: 10,000 replications of the baseline are 1.2 GB
 * of matrices, which stay on disk (and in the operating system's file cache while memory allows)
 * and are read back a replication, or a block of series, at a time.
 *
 * The files live in the run's partial folder, so an interrupted or failed run removes them with
 * it; `removeAll` deletes them before the folder is committed. Layout: float64 in the machine's
 * order (little-endian on every platform Node supports), replication after replication, in order:
 * the layout of a shard's raw file.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MatrixStore, StoreFactory } from '../experiment/matrices.ts';

const BYTES = Float64Array.BYTES_PER_ELEMENT;

/** A store of `count` matrices of `cells` cells in a new file at `path`. */
function fileStore(path: string, count: number, cells: number): MatrixStore & { close(): void } {
  const fd = openSync(path, 'w+');
  let open = true;
  const read = (k: number, from: number, to: number, into: Float64Array) => {
    // After the run, its matrices are gone with the file: say so rather than read whatever file
    // the descriptor's number belongs to by then.
    if (!open)
      throw new Error(
        `the replications' monthly matrices were in ${path}, removed when the results folder was written; the results are in its files`,
      );
    const bytes = new Uint8Array(into.buffer, into.byteOffset, (to - from) * BYTES);
    let done = 0;
    while (done < bytes.length) {
      const n = readSync(fd, bytes, done, bytes.length - done, (k * cells + from) * BYTES + done);
      if (n === 0) throw new Error(`${path}: replication ${k} was never written`);
      done += n;
    }
  };
  return {
    count,
    cells,
    put: (k, values) => {
      const bytes = new Uint8Array(values.buffer, values.byteOffset, cells * BYTES);
      let done = 0;
      while (done < bytes.length)
        done += writeSync(fd, bytes, done, bytes.length - done, k * cells * BYTES + done);
    },
    read,
    at: (k) => {
      const m = new Float64Array(cells);
      read(k, 0, cells, m);
      return m;
    },
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** Stores in files in `folder` (one per call of the factory), and their removal. */
export function fileStores(folder: string): { factory: StoreFactory; removeAll(): void } {
  const made: { path: string; close(): void }[] = [];
  return {
    factory: (count, cells) => {
      const path = join(folder, `.matrices-${made.length}.f64`);
      const store = fileStore(path, count, cells);
      made.push({ path, close: store.close });
      return store;
    },
    removeAll: () => {
      for (const { path, close } of made.splice(0)) {
        close();
        rmSync(path, { force: true });
      }
    },
  };
}
