/**
 * A Web Worker that runs batches of replications: the same runBatch the command line's worker
 * threads run, so a replication gives the same numbers wherever it runs. Its matrix comes back
 * transferred, not copied.
 */
import { runBatch, type BatchTask } from '../lib/browser.ts';

self.onmessage = (e: MessageEvent<BatchTask>) => {
  const result = runBatch(e.data);
  self.postMessage(result, { transfer: [result.values.buffer] });
};
