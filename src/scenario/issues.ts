/**
 * Turn zod's validation issues into model-file errors a strategist can act on: the path
 * of the field, what was expected and what was found, and "did you mean" for a misspelt
 * key or option. Locating an error in a file (its line) is `locate.ts`'s job.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { describeInput } from './schema/primitives.ts';

export type Path = ReadonlyArray<string | number>;

/** One problem found in a model file. */
export interface ModelIssue {
  path: Path;
  message: string;
  severity: 'error' | 'warning';
  /** For an unknown key: point at the key itself rather than its value. */
  atKey?: boolean;
}

/** Suggest the nearest of `options` to `word` when it is close enough to be a likely typo. */
export function didYouMean(word: string, options: readonly string[]): string {
  if (options.length === 0) return '';
  const best = closest(word, options as string[]);
  const limit = Math.max(2, Math.floor(best.length / 3));
  const lowerMatch = best.toLowerCase() === word.toLowerCase();
  return lowerMatch || distance(word.toLowerCase(), best.toLowerCase()) <= limit
    ? `; did you mean "${best}"?`
    : '';
}

/** Read the value at `path` in raw data (undefined when absent). */
export function valueAt(data: unknown, path: Path): unknown {
  let cur: unknown = data;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

type AnySchema = z.core.$ZodType;

/**
 * Keys an object schema allows at `path`, following the data through optional, default,
 * record, array and discriminated-union wrappers. Used only to suggest a key.
 */
export function allowedKeysAt(schema: AnySchema, data: unknown, path: Path): string[] {
  let s: AnySchema | undefined = schema;
  let d: unknown = data;
  for (const key of path) {
    s = s && unwrapFor(s, d);
    if (!s) return [];
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') s = (def.shape as Record<string, AnySchema>)[String(key)];
    else if (def.type === 'record') s = def.valueType as AnySchema;
    else if (def.type === 'array') s = def.element as AnySchema;
    else return [];
    d = valueAt(d, [key]);
  }
  s = s && unwrapFor(s, d);
  if (!s || s._zod.def.type !== 'object') return [];
  return Object.keys((s._zod.def as unknown as { shape: Record<string, unknown> }).shape);
}

type Def = Record<string, unknown> & { type: string };

/** The concrete schemas a schema may stand for (through optional, default, pipe and union). */
function candidates(x: AnySchema, depth = 0): AnySchema[] {
  const def = x._zod.def as unknown as Def;
  if (depth > 20) return [x];
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault')
    return candidates(def.innerType as AnySchema, depth + 1);
  if (def.type === 'pipe') return candidates(def.in as AnySchema, depth + 1);
  if (def.type === 'union') return (def.options as AnySchema[]).flatMap((o) => candidates(o, depth + 1));
  return [x];
}

/** The candidate that fits data best: the array for a list; for an object, the one sharing most keys (or the discriminator). */
function unwrapFor(x: AnySchema, data: unknown): AnySchema | undefined {
  const all = candidates(x);
  if (all.length === 1) return all[0];
  if (Array.isArray(data)) return all.find((c) => c._zod.def.type === 'array');
  const objects = all.filter((c) => c._zod.def.type === 'object' || c._zod.def.type === 'record');
  if (data === null || typeof data !== 'object') return objects[0];
  const keys = Object.keys(data);
  const score = (c: AnySchema) => {
    if (c._zod.def.type !== 'object') return 0;
    const shape = (c._zod.def as unknown as { shape: Record<string, AnySchema> }).shape;
    let n = 0;
    for (const k of keys) {
      if (!(k in shape)) continue;
      const lit = (shape[k]!._zod.def as unknown as { values?: unknown[] }).values;
      n += lit ? (lit.includes((data as Record<string, unknown>)[k]) ? 100 : -100) : 1;
    }
    return n;
  };
  return objects.reduce<AnySchema | undefined>(
    (best, c) => (best === undefined || score(c) > score(best) ? c : best),
    undefined,
  );
}

/**
 * Drop "required field is missing" where a misspelt key next to it was meant for that field:
 * `childen: 12` already says "unknown field "childen"; did you mean "children"?".
 */
export function dropShadowedMissing(issues: ModelIssue[]): ModelIssue[] {
  const meant = new Set<string>();
  for (const i of issues) {
    const m = /^unknown field "[^"]*"; did you mean "([^"]+)"\?/.exec(i.message);
    if (m) meant.add(JSON.stringify([...i.path.slice(0, -1), m[1]]));
  }
  return issues.filter(
    (i) => !(i.message.startsWith('required field is missing') && meant.has(JSON.stringify(i.path))),
  );
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  string: 'text',
  object: 'a section (key: value pairs)',
  array: 'a list',
  boolean: 'true or false',
  int: 'a whole number',
};

type Issue = z.core.$ZodIssue;

/**
 * Whether a union branch's issues say "the value is not of this kind at all" (rather than
 * "it is this kind, with a mistake inside"): a wrong type or literal at the branch's root,
 * or a nested union none of whose branches fit.
 */
function isKindMismatch(errs: readonly Issue[]): boolean {
  return (
    errs.length > 0 &&
    errs.every(
      (e) =>
        e.path.length === 0 &&
        (e.code === 'invalid_type' ||
          e.code === 'invalid_value' ||
          (e.code === 'invalid_union' && !('note' in e) && e.errors.every((b) => isKindMismatch(b)))),
    )
  );
}

/**
 * How badly a branch's shape fits the input: unknown keys weigh heavily (the input has fields
 * of another branch), missing keys lightly (the author may simply have left one out).
 * Nested unions count by their best-fitting branch.
 */
function misfit(errs: readonly Issue[]): number {
  let score = 0;
  for (const e of errs) {
    if (e.code === 'unrecognized_keys') score += 10 * e.keys.length;
    else if (
      e.code === 'invalid_type' &&
      e.path.length === 1 &&
      (e as { input?: unknown }).input === undefined
    )
      score += 1;
    else if (e.code === 'invalid_union' && e.path.length === 0 && !('note' in e)) {
      const fitting = e.errors.filter((b) => !isKindMismatch(b));
      score += fitting.length === 0 ? 1000 : Math.min(...fitting.map(misfit));
    }
  }
  return score;
}

/** Pick, from a failed union, the branch the author evidently meant, and report its issues. */
function unionIssues(issue: z.core.$ZodIssueInvalidUnion, root: unknown, schema: AnySchema): ModelIssue[] {
  const branches = issue.errors;
  const found = valueAt(root, issue.path as Path);
  const prefix = (e: Issue) => ({ ...e, path: [...issue.path, ...e.path] }) as Issue;
  const meant = branches.filter((b) => !isKindMismatch(b));
  if (meant.length >= 1) {
    const best = meant.reduce((a, b) => (misfit(b) < misfit(a) ? b : a));
    return best.flatMap((e) => toModelIssues(prefix(e), root, schema));
  }
  if (found === undefined) {
    return [
      {
        path: issue.path as Path,
        message: `required field is missing (expected ${expectedWords(branches).join(' or ')})`,
        severity: 'error',
      },
    ];
  }
  // The input is of a kind one branch takes, with a wrong value (an enum or literal typo).
  const wrongValue = branches.find((b) => b.length === 1 && b[0]!.code === 'invalid_value');
  if (wrongValue && typeof found !== 'object') return toModelIssues(prefix(wrongValue[0]!), root, schema);
  const custom = branches.map((b) => b[0]?.message).find((m) => m !== undefined && !m.startsWith('Invalid'));
  const words = expectedWords(branches);
  const message =
    words.length > 1
      ? `expected ${words.join(' or ')}, found ${describeInput(found)}`
      : (custom ?? `expected ${words[0]}, found ${describeInput(found)}`);
  return [{ path: issue.path as Path, message, severity: 'error' }];
}

/** What a failed union would have accepted, in words ("a number", "a list"...). */
function expectedWords(branches: readonly (readonly Issue[])[]): string[] {
  const words: string[] = [];
  for (const b of branches) {
    const e = b[0];
    if (e === undefined) continue;
    if (e.code === 'invalid_type') words.push(TYPE_WORDS[e.expected] ?? e.expected);
    else if (e.code === 'invalid_value') words.push(e.values.map((v) => `"${String(v)}"`).join(' or '));
    else if (e.code === 'invalid_union') words.push(...expectedWords(e.errors));
  }
  let unique = [...new Set(words)];
  // A parameter is a number or { value, source }: saying "a number" is what the author needs.
  const numeric = unique.find((w) => w === 'a number' || w === 'a whole number');
  if (numeric && unique.includes(TYPE_WORDS.object!)) unique = unique.filter((w) => w !== TYPE_WORDS.object);
  return unique;
}

/**
 * Translate one zod issue into model issues (an unknown-keys issue becomes one per key).
 * @param root the raw data that was validated (to report what was found)
 * @param schema the schema it was validated against (to suggest keys)
 */
export function toModelIssues(issue: z.core.$ZodIssue, root: unknown, schema: AnySchema): ModelIssue[] {
  const path = issue.path as Path;
  const found = valueAt(root, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, root, path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        atKey: true,
        severity: 'error' as const,
        message: `unknown field "${key}"${didYouMean(key, allowed)}${
          allowed.length > 0 && allowed.length <= 12 ? ` (allowed here: ${allowed.join(', ')})` : ''
        }`,
      }));
    }
    case 'invalid_union': {
      if ('note' in issue && issue.note === 'No matching discriminator') {
        const options = ((issue as unknown as { options?: unknown[] }).options ?? []).map(String);
        const given = valueAt(root, path);
        const message =
          given === undefined
            ? `missing "type": expected one of ${options.join(', ')}`
            : `unknown type ${describeInput(given)}: expected one of ${options.join(', ')}${didYouMean(String(given), options)}`;
        return [{ path, message, severity: 'error' }];
      }
      return unionIssues(issue, root, schema);
    }
    case 'invalid_type': {
      if (found === undefined) {
        const what = TYPE_WORDS[issue.expected] ?? issue.expected;
        return [{ path, message: `required field is missing (expected ${what})`, severity: 'error' }];
      }
      const custom = !issue.message.startsWith('Invalid input');
      const what = TYPE_WORDS[issue.expected] ?? issue.expected;
      return [
        {
          path,
          message: custom ? issue.message : `expected ${what}, found ${describeInput(found)}`,
          severity: 'error',
        },
      ];
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      if (options.length === 1 && !issue.message.startsWith('Invalid'))
        return [{ path, message: issue.message, severity: 'error' }];
      const message = `expected one of ${options.join(', ')}, found ${describeInput(found)}${
        typeof found === 'string' ? didYouMean(found, options) : ''
      }`;
      return [{ path, message, severity: 'error' }];
    }
    case 'invalid_key': {
      const key = path[path.length - 1];
      const inner = issue.issues[0]?.message ?? 'invalid name';
      return [
        { path, atKey: true, message: `"${String(key)}" is not a valid name: ${inner}`, severity: 'error' },
      ];
    }
    default:
      return [{ path, message: issue.message, severity: 'error' }];
  }
}
