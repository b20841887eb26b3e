/**
 * A model made ready to run, once: the validated model file (plain data, which crosses to a
 * worker thread), the horizon it runs over, and its normalised scenario, from which every later
 * step (runs, comparisons, tables, manifests) reads the facts it needs (calendar, financial
 * years, target year, retained value, streams). Nothing downstream normalises again.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { streamNames } from '../model/replication.ts';
import type { Scenario } from '../model/scenario.ts';
import {
  beliefStream,
  drawNames,
  uncertainParameters,
  uncertainRecords,
  type UncertainParameter,
  type UncertainRecord,
} from '../scenario/beliefs.ts';
import { normalise } from '../scenario/normalise.ts';
import type { ModelFile } from '../scenario/schema/model.ts';

export interface PreparedModel {
  readonly model: ModelFile;
  /** The horizon in years, when it overrides the model file's. */
  readonly years: number | undefined;
  /** Its normalised scenario at the central values of every parameter. */
  readonly scenario: Scenario;
  /** The parameters drawn once a replication from their beliefs (empty with fixed parameters). */
  readonly uncertain: readonly UncertainParameter[];
  /** sha256 of the model and horizon: the cache key of a worker's simulator, and the manifest's model hash. */
  readonly hash: string;
}

/** A stable hash of a model and horizon. */
export function modelHash(model: ModelFile, years?: number): string {
  // @noble/hashes rather than node:crypto: the same sha256 in a browser, where the app runs models.
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify({ model, years: years ?? null }))));
}

/** Normalise a validated model for a horizon (its own when `years` is undefined). */
export function prepare(model: ModelFile, years?: number): PreparedModel {
  return {
    model,
    years,
    scenario: normalise(model, years === undefined ? {} : { years }),
    uncertain: uncertainParameters(model),
    hash: modelHash(model, years),
  };
}

/** The horizon a prepared model runs over, in years. */
export function horizonYears(p: PreparedModel): number {
  const y = p.model.time.years;
  return p.years ?? (typeof y === 'number' ? y : y.value);
}

/** The random streams a replication of this model uses, by name (for the manifest). */
export const streamsOf = (p: PreparedModel): string[] => [
  ...streamNames(p.scenario),
  ...drawNames(p.uncertain).map(beliefStream),
];

/**
 * The uncertain parameters of one or more models, as the manifest records them: each distinct
 * (field, belief) once, so a comparison lists a belief a scenario changes beside the base's.
 */
export function uncertainOf(...ps: readonly PreparedModel[]): UncertainRecord[] {
  const seen = new Map<string, UncertainRecord>();
  for (const p of ps)
    for (const r of uncertainRecords(p.uncertain)) seen.set(JSON.stringify([r.field, r.belief]), r);
  return [...seen.values()];
}

/** Retained value of the homes and assessment unit (£): what the assets are worth at the end. */
export function retainedValue(s: Scenario): number {
  let v = 0;
  for (const h of s.homes) v += h.retainedValue;
  if (s.assessment) v += s.assessment.retainedValue;
  return v;
}

/** Whether a path holds a retained value (homes.<id>.costs.retainedValue, assessment.retainedValue: normalise reads these). */
const isRetainedValue = (path: readonly (string | number)[]): boolean =>
  (path.length === 4 && path[0] === 'homes' && path[2] === 'costs' && path[3] === 'retainedValue') ||
  (path.length === 2 && path[0] === 'assessment' && path[1] === 'retainedValue');

/**
 * Retained value (£) in one replication: the central values' sum, moved by the replication's
 * draws of any retained value that is uncertain.
 * @param draws the replication's draws of `p.uncertain` (ReplicationSet.draws)
 */
export function retainedValueIn(p: PreparedModel, draws: ArrayLike<number>): number {
  let v = retainedValue(p.scenario);
  p.uncertain.forEach((u, i) => {
    if (isRetainedValue(u.path)) v += draws[i]! - u.value;
  });
  return v;
}
