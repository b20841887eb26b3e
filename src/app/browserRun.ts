/**
 * Run a model's replications in the browser, on one Web Worker per core, and gather them into
 * the same replication set the command line builds: results by replication index, so neither
 * the number of workers nor the order batches finish in changes a result. Cancelling
 * terminates the workers at once.
 */
import {
  type BatchResult,
  type BatchTask,
  type PreparedModel,
  batchesOf,
  gatheredSet,
  type ReplicationSet,
} from '../lib/browser.ts';
import RunWorker from './worker.ts?worker&inline';

export interface BrowserRunOptions {
  model: PreparedModel;
  seed: number;
  replications: number;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function runInBrowser(o: BrowserRunOptions): Promise<ReplicationSet> {
  const reps = Array.from({ length: o.replications }, (_, i) => i);
  const workers = Math.max(1, Math.min(o.workers ?? navigator.hardwareConcurrency ?? 2, reps.length));
  const batches = batchesOf(reps, workers);
  const byRep = new Map<number, Float64Array>();
  let events = 0;
  let done = 0;
  const pool = Array.from({ length: workers }, () => new RunWorker());
  const stop = () => pool.forEach((w) => w.terminate());
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let running = 0;
      o.signal?.addEventListener('abort', () => reject(new Error('run cancelled')), { once: true });
      const feed = (w: Worker) => {
        if (o.signal?.aborted) return;
        if (next >= batches.length) {
          if (running === 0) resolve();
          return;
        }
        const task: BatchTask = {
          model: o.model.model,
          ...(o.model.years === undefined ? {} : { years: o.model.years }),
          hash: o.model.hash,
          seed: o.seed,
          reps: batches[next++]!,
        };
        running++;
        w.postMessage(task);
      };
      for (const w of pool) {
        w.onmessage = (e: MessageEvent<BatchResult>) => {
          const r = e.data;
          r.reps.forEach((rep, i) => byRep.set(rep, r.values.slice(i * r.cells, (i + 1) * r.cells)));
          events += r.events;
          done += r.reps.length;
          running--;
          o.onProgress?.(done, reps.length);
          feed(w);
        };
        w.onerror = (e) => reject(new Error(e.message));
        feed(w);
      }
    });
  } finally {
    stop();
  }
  return gatheredSet(o.model, o.seed, reps, byRep, events, workers);
}
