/**
 * Shared by the notebooks: load models (stopping with their errors if invalid), and give each
 * notebook a fresh output folder under runs/notebooks/ (generated, not committed).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatModelError, loadModel } from '../src/scenario/load.ts';
import type { ModelFile } from '../src/scenario/schema/model.ts';
import { makeProgress } from '../src/output/progress.ts';

export function load(file: string): { model: ModelFile; raw: unknown } {
  const r = loadModel(file);
  if (!r.ok) {
    for (const e of r.errors) console.error(formatModelError(e));
    throw new Error(`${file} is not a valid model`);
  }
  return { model: r.model, raw: r.raw };
}

/**
 * runs/notebooks/<name>/ (or under CARESIM_NOTEBOOK_OUT), emptied: a notebook regenerates
 * everything it writes.
 */
export function outputFolder(name: string): string {
  const dir = join(process.env.CARESIM_NOTEBOOK_OUT ?? join('runs', 'notebooks'), name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const pct = (p: number) => `${Math.round(p * 100)}%`;

/**
 * Say what the notebook is doing, then do it with progress on standard error (a bar on a
 * terminal, a line every few seconds otherwise), and say how long it took.
 * @param what e.g. "Comparing the plan with doing nothing, 200 replications"
 */
export async function doing<T>(
  what: string,
  work: (onProgress: (done: number, total: number) => void) => Promise<T>,
  unit = 'replications',
): Promise<T> {
  const started = Date.now();
  console.error(`${what}...`);
  const progress = makeProgress(process.env.CARESIM_QUIET === '1', unit);
  try {
    return await work(progress.update);
  } finally {
    progress.stop();
    console.error(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
