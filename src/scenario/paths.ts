/**
 * Numeric fields of a model addressed by path, for sweeps and sensitivity analysis:
 * `art.capacity`, `homes.csHome2.beds`, `cohorts.under16.referrals.growth.otherwise`,
 * `cohorts.ebd.pathway.stay.mean`. A path reaches a number written bare or as
 * `{ value, ... }`; setting it keeps the provenance object and changes only its value (the
 * provenance then describes the base value, which the sweep records beside the new one).
 */
import { didYouMean } from './issues.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Split `a.b[2].c` into keys; a key of digits alone is a list index too (`art.capacity.1.children`),
 * which needs no quoting in a shell, where `[1]` is a pattern.
 */
export function parsePath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((\[\d+\])*)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === ''))
      throw new Error(`"${path}" is not a field path like homes.csHome2.beds`);
    if (m[1] !== '') keys.push(/^\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(idx[1]));
  }
  return keys;
}

/**
 * The number at `path` in a model as written.
 * @throws Error naming the first key that does not exist (with a suggestion), or if the field is not a number
 */
export function getNumber(model: unknown, path: string): number {
  const holder = walk(model, path);
  const v = holder.container[holder.key];
  if (typeof v === 'number') return v;
  if (isObj(v) && typeof v.value === 'number') return v.value;
  throw new Error(`${path}: not a number (found ${v === undefined ? 'nothing' : typeof v})`);
}

/**
 * The value at `path` in a model as written, whatever it is.
 * @throws Error naming the first key that does not exist (with a suggestion)
 */
export function getValue(model: unknown, path: string): unknown {
  const holder = walk(model, path);
  return holder.container[holder.key];
}

/**
 * A copy of the model with the number at `path` set to `value` (provenance objects keep their
 * fields). The caller validates the result like any model.
 * @throws Error as getNumber
 */
export function setNumber<T>(model: T, path: string, value: number): T {
  const copy = structuredClone(model);
  const holder = walk(copy, path);
  const v = holder.container[holder.key];
  if (typeof v === 'number') holder.container[holder.key] = value;
  else if (isObj(v) && typeof v.value === 'number') v.value = value;
  else throw new Error(`${path}: not a number (found ${v === undefined ? 'nothing' : typeof v})`);
  return copy;
}

function walk(
  model: unknown,
  path: string,
): { container: Record<string | number, unknown>; key: string | number } {
  const keys = parsePath(path);
  let cur: unknown = model;
  for (let i = 0; i < keys.length - 1; i++) {
    cur = step(cur, keys[i]!, keys.slice(0, i + 1), path);
    // A number with provenance is reached through its object: `beds` means `beds.value`.
  }
  const last = keys[keys.length - 1]!;
  if (!isObj(cur) && !Array.isArray(cur))
    throw new Error(`${path}: ${keys.slice(0, -1).join('.')} is not a section`);
  const container = cur as Record<string | number, unknown>;
  if (!(last in container)) {
    const options = Object.keys(container);
    throw new Error(
      `${path}: no field "${String(last)}"${didYouMean(String(last), options)} (there: ${options.join(', ')})`,
    );
  }
  return { container, key: last };
}

function step(cur: unknown, key: string | number, sofar: (string | number)[], path: string): unknown {
  if (Array.isArray(cur) && typeof key === 'number') {
    if (key >= cur.length)
      throw new Error(`${path}: ${sofar.slice(0, -1).join('.')} has only ${cur.length} entries`);
    return cur[key];
  }
  if (!isObj(cur)) throw new Error(`${path}: ${sofar.slice(0, -1).join('.')} is not a section`);
  if (!(String(key) in cur)) {
    const options = Object.keys(cur);
    throw new Error(
      `${path}: no field "${String(key)}"${didYouMean(String(key), options)} (there: ${options.join(', ')})`,
    );
  }
  return cur[String(key)];
}
