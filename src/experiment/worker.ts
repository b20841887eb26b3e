/**
 * Worker-thread entry: runs one batch. Its Float64Array comes back by structured clone (a
 * memory copy of a few megabytes at most, negligible beside the simulation).
 */
import { runBatch, type BatchTask } from './batch.ts';

export default function work(task: BatchTask) {
  return runBatch(task);
}
