/**
 * Parameter uncertainty: the numbers of a model whose true value we do not know, each with a
 * belief (a distribution) drawn once a replication.
 *
 * A replication then stands for one possible world (one set of true parameter values) and one
 * run of chance within it, so the spread of outcomes across replications carries both what we
 * do not know and what no one could know in advance (probabilistic sensitivity analysis, as
 * health economics does it: NICE's reference case; Briggs, Claxton and Sculpher, Decision
 * Modelling for Health Economic Evaluation, ch. 4).
 *
 * Common random numbers hold across scenarios: each draw comes from a stream of its own, keyed by
 * the draw's name (the number's path, or the name shared by numbers written once under a YAML
 * anchor: sharedDraws.ts), by inverse transform. So a base and a scenario see the same draw of
 * every parameter they share, a scenario that changes one parameter leaves the others' draws
 * alone, and a scenario that changes a belief moves its draw monotonically (the same quantile).
 */
import { quantile } from '../random/quantile.ts';
import type { Distribution } from '../random/distribution.ts';
import { createStream } from '../random/streams.ts';
import { fieldName } from './fieldName.ts';
import type { ModelFile } from './schema/model.ts';
import { beliefDistribution, type Belief } from './schema/primitives.ts';

type Key = string | number;

/** One uncertain number of a model. */
export interface UncertainParameter {
  /** Where it is in the model file. */
  readonly path: readonly Key[];
  /** `path` written out, e.g. `cohorts.ebd.referrals.perYear`. */
  readonly field: string;
  /** Its draw's name: numbers with the same name share one draw. */
  readonly draw: string;
  /** The central value, used with fixed parameters. */
  readonly value: number;
  readonly belief: Distribution;
  /** How the belief was stated: a distribution of its own, or the low/high range read as one. */
  readonly stated: 'belief' | 'range';
  /**
   * A joint sample's members in the order written (`uncertain: { type: sample }`): a draw takes
   * the member at the same position for every number sharing its draw name, which keeps the
   * correlation of, say, a fitted distribution's two parameters. Null for any other belief.
   */
  readonly sample: readonly number[] | null;
}

/** Sections whose `value`s are not parameters. */
const NOT_PARAMETERS = new Set(['history']);

/**
 * The uncertain numbers of a model, in the order they are written. Empty when the model states
 * no belief, or when it asks for fixed parameters.
 */
export function uncertainParameters(m: ModelFile, o: { ignoreFixed?: boolean } = {}): UncertainParameter[] {
  if (m.uncertainty?.fixed && !o.ignoreFixed) return [];
  const ranges = m.uncertainty?.ranges ?? 'none';
  const out: UncertainParameter[] = [];
  const walk = (v: unknown, path: Key[]) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, i]));
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.value === 'number' && !('type' in o)) {
      const p = o as { value: number; low?: number; high?: number; uncertain?: Belief; draw?: string };
      const stated: Belief | undefined =
        p.uncertain ??
        (ranges !== 'none' && p.low !== undefined && p.high !== undefined && p.low < p.high
          ? ranges
          : undefined);
      const belief = beliefDistribution(stated, p);
      if (belief !== null) {
        const field = fieldName(path);
        out.push({
          path,
          field,
          draw: p.draw ?? field,
          value: p.value,
          belief,
          stated: p.uncertain === undefined || typeof p.uncertain === 'string' ? 'range' : 'belief',
          sample:
            typeof p.uncertain === 'object' && p.uncertain !== null && p.uncertain.type === 'sample'
              ? p.uncertain.values
              : null,
        });
      }
      return;
    }
    for (const [k, x] of Object.entries(o)) {
      if (path.length === 0 && NOT_PARAMETERS.has(k)) continue;
      walk(x, [...path, k]);
    }
  };
  walk(m, []);
  return out;
}

/** The distinct draws of a list of parameters, in order of first use. */
export function drawNames(params: readonly UncertainParameter[]): string[] {
  return [...new Set(params.map((p) => p.draw))];
}

/** The stream a draw comes from. */
export const beliefStream = (draw: string): string => `belief/${draw}`;

/**
 * Each parameter's value in replication `rep`: one uniform per draw name, from its own stream,
 * turned into each parameter's value by its belief's inverse distribution function.
 */
export function drawParameters(
  params: readonly UncertainParameter[],
  seed: number,
  rep: number,
  into: Float64Array = new Float64Array(params.length),
): Float64Array {
  const u = new Map<string, number>();
  params.forEach((p, i) => {
    let x = u.get(p.draw);
    if (x === undefined) {
      x = createStream(seed, rep, beliefStream(p.draw)).next();
      u.set(p.draw, x);
    }
    into[i] =
      p.sample === null
        ? quantile(p.belief, x)
        : p.sample[Math.min(p.sample.length - 1, Math.floor(x * p.sample.length))]!;
  });
  return into;
}

/**
 * The model with each parameter set to its drawn value (provenance kept), the original untouched.
 * Only the objects on the way to a drawn number are copied (shallowly, once each); everything
 * else is shared with the original, which normalise only reads. A replication makes one of these,
 * so a deep copy of the whole model (its census and history included) would be garbage for
 * nothing.
 */
export function withDrawnValues(
  m: ModelFile,
  params: readonly UncertainParameter[],
  values: ArrayLike<number>,
): ModelFile {
  const copied = new Set<object>();
  const own = <T extends object>(o: T): T => {
    const c = (Array.isArray(o) ? [...o] : { ...o }) as T;
    copied.add(c);
    return c;
  };
  const root = own(m);
  params.forEach((p, i) => {
    let v = root as unknown as Record<Key, unknown>;
    for (const k of p.path) {
      let next = v[k] as Record<Key, unknown>;
      if (!copied.has(next)) {
        next = own(next);
        v[k] = next;
      }
      v = next;
    }
    v.value = values[i]!;
  });
  return root;
}

const num = (x: number) =>
  Number.isFinite(x) ? String(Number(x.toPrecision(4))) : x > 0 ? 'no upper limit' : 'no lower limit';

/** A belief in words: "triangular from 0.03 to 0.12, most likely 0.06". */
export function describeBelief(d: Distribution): string {
  switch (d.type) {
    case 'triangular':
      return `triangular from ${num(d.min)} to ${num(d.max)}, most likely ${num(d.mode)}`;
    case 'uniform':
      return `uniform from ${num(d.min)} to ${num(d.max)}`;
    case 'normal':
      return `normal, mean ${num(d.mean)}, sd ${num(d.sd)}${
        d.min === undefined && d.max === undefined
          ? ''
          : `, truncated to ${num(d.min ?? -Infinity)} to ${num(d.max ?? Infinity)}`
      }`;
    case 'lognormal':
      return `lognormal, mean ${num(d.mean)}, sd ${num(d.sd)}`;
    case 'gamma':
      return `gamma, mean ${num(d.shape * d.scale)}, sd ${num(Math.sqrt(d.shape) * d.scale)}`;
    case 'empirical':
      return `a sample of ${d.values.length} values from ${num(d.values[0]!)} to ${num(d.values.at(-1)!)}`;
    default:
      return d.type;
  }
}

/** One uncertain parameter as a results folder records it (manifest.json, the reports). */
export interface UncertainRecord {
  field: string;
  draw: string;
  value: number;
  stated: 'belief' | 'range';
  belief: Distribution;
  /** The belief in words. */
  description: string;
  /** Its 5th and 95th percentiles. */
  p5: number;
  p95: number;
}

/** The records of a model's uncertain parameters. */
export function uncertainRecords(params: readonly UncertainParameter[]): UncertainRecord[] {
  return params.map((p) => ({
    field: p.field,
    draw: p.draw,
    value: p.value,
    stated: p.stated,
    belief: p.belief,
    description: describeBelief(p.belief),
    p5: quantile(p.belief, 0.05),
    p95: quantile(p.belief, 0.95),
  }));
}
