// Shared helpers for the model tests: building a Replication from a model file (or a variant of one
// edited in the test), reading series out of the monthly result matrix, and the replication
// statistics from which every tolerance is taken.
//
// Tolerances: a quantity estimated by R independent replications is compared with its expected
// value within Z = 4 standard errors, the standard error being the sample standard deviation of the
// R per-replication values over sqrt(R). For a correct model each such check fails with probability
// about 6e-5 (two-sided normal tail beyond 4 sd); the seeds are fixed, so the tests are deterministic.

import { expect } from 'vitest';
import { loadModel, formatModelError } from '../../src/scenario/load.ts';
import { normalise, type NormaliseOptions } from '../../src/scenario/normalise.ts';
import { modelFile } from '../../src/scenario/schema/model.ts';
import { Replication } from '../../src/model/replication.ts';
import { crossCheck } from '../../src/scenario/crossChecks.ts';

/** Standard errors allowed between a replication mean and its expected value. */
export const Z = 4;

export const LOSS = 'models/verification/loss-system.yaml';
export const ERLANG_C = 'models/verification/erlang-c.yaml';
export const INFINITE = 'models/verification/infinite-beds.json';
export const BASELINE = 'models/leicestershire.yaml';
export const DO_NOTHING = 'models/scenarios/do-nothing.yaml';
export const TWO_MORE_HOMES = 'models/scenarios/two-more-homes.yaml';
export const DOUBLE_ART = 'models/scenarios/double-art.yaml';

/** The merged data of a model file, as plain objects (edited by tests into variants). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawModel = Record<string, any>;

/** A model file, loaded and validated; throws with every error if it is not valid. */
function loaded(file: string) {
  const r = loadModel(file);
  if (!r.ok) throw new Error(`${file}:\n${r.errors.map(formatModelError).join('\n')}`);
  return r;
}

/** A simulator for a model file (with `extends` resolved), e.g. `simulator(LOSS, { years: 5 })`. */
export function simulator(file: string, options: NormaliseOptions = {}): Replication {
  return new Replication(normalise(loaded(file).model, options));
}

/** A deep copy of a model file's merged raw data, to edit into a variant. */
export function rawModel(file: string): RawModel {
  return structuredClone(loaded(file).raw);
}

/**
 * A simulator for an edited model: shape-checked by the schema and cross-checked like a file, so a
 * variant that a strategist could not write fails here rather than giving a meaningless answer.
 */
export function simulatorOf(raw: RawModel, options: NormaliseOptions = {}): Replication {
  const parsed = modelFile.safeParse(raw);
  if (!parsed.success) throw new Error(`variant does not parse: ${parsed.error.message}`);
  const errors = crossCheck(parsed.data).filter((i) => i.severity === 'error');
  if (errors.length > 0)
    throw new Error(`variant fails cross-checks: ${errors.map((e) => `${e.path.join('.')}: ${e.message}`)}`);
  return new Replication(normalise(parsed.data, options));
}

/** Index of a series by name; throws if the scenario has no such series. */
export function rowOf(sim: Replication, name: string): number {
  const i = sim.metrics.defs.findIndex((d) => d.name === name);
  if (i < 0) throw new Error(`no series "${name}"`);
  return i;
}

/** The monthly values of a series. */
export function monthly(sim: Replication, out: Float64Array, name: string): Float64Array {
  const M = sim.metrics.months;
  const i = rowOf(sim, name);
  return out.slice(i * M, (i + 1) * M);
}

/** Sum of a series over the reported horizon ('sum' series: counts, £). */
export function total(sim: Replication, out: Float64Array, name: string): number {
  let x = 0;
  for (const v of monthly(sim, out, name)) x += v;
  return x;
}

/** Time average of a 'mean' series over the reported horizon: months weighted by their days. */
export function timeMean(sim: Replication, out: Float64Array, name: string): number {
  const b = sim.s.calendar.monthBreaks;
  const v = monthly(sim, out, name);
  let area = 0;
  for (let k = 0; k < v.length; k++) area += v[k]! * (b[k + 1]! - b[k]!);
  return area / b[v.length]!;
}

export interface Estimate {
  /** Mean over replications. */
  mean: number;
  /** Standard error of that mean: sample standard deviation / sqrt(R). */
  se: number;
  n: number;
}

/** Mean and standard error of per-replication values. */
export function estimate(xs: readonly number[]): Estimate {
  const n = xs.length;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let s2 = 0;
  for (const x of xs) s2 += (x - m) * (x - m);
  return { mean: m, se: Math.sqrt(s2 / (n - 1) / n), n };
}

/** Per-replication values of f over replications 0..R-1 of one simulator. */
export function replicate(
  sim: Replication,
  seed: number,
  R: number,
  f: (out: Float64Array, rep: number) => number,
): number[] {
  const xs: number[] = [];
  for (let rep = 0; rep < R; rep++) xs.push(f(sim.run(seed, rep), rep));
  return xs;
}

/** "2.345 ± 0.012 (R = 200)" for messages. */
export function show(e: Estimate, digits = 4): string {
  return `${e.mean.toFixed(digits)} ± ${e.se.toFixed(digits)} (1 SE, R = ${e.n})`;
}

/**
 * Assert that `expected` lies within Z standard errors of the replication mean, with a message
 * that shows both (vitest's toBeCloseTo only takes decimal places, which would be a guessed tolerance).
 */
export function expectWithin(e: Estimate, expected: number, what: string): void {
  const off = Math.abs(e.mean - expected);
  expect(
    off,
    `${what}: simulated ${show(e)}, expected ${expected.toFixed(6)} (${(off / e.se).toFixed(1)} SE off)`,
  ).toBeLessThanOrEqual(Z * e.se);
}
