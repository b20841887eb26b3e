/**
 * Load a model: read it and every file it `extends` through a reader (the file system on the
 * command line, the files a browser was given in the app), merge them, validate the result
 * as a whole (shape, then cross-field checks), and report every problem at its file and
 * line. Loading never throws for a bad model: it returns the errors, so the CLI can print
 * them all at once and exit non-zero. No I/O here: load.ts gives the file system's reader.
 *
 * Pipeline: reader + parseSource (YAML/JSON with positions) -> resolve `extends` chain ->
 * mergeModel -> zod shape check (modelFile) -> crossCheck -> ModelFile.
 */
import { crossCheck } from './crossChecks.ts';
import { dropShadowedMissing, toModelIssues, type ModelIssue } from './issues.ts';
import { fieldName } from './fieldName.ts';
import { uncertainParameters, withDrawnValues } from './beliefs.ts';
import { quantile } from '../random/quantile.ts';
import { mergeModel } from './merge.ts';
import { modelFile, type ModelFile } from './schema/model.ts';
import { nameSharedDraws } from './sharedDraws.ts';
import { locate, parseSource, SourceError, type ModelSource } from './source.ts';

/** A problem, placed in a file. */
export interface ModelError {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the field, e.g. `homes.oldPostOffice.beds`; empty for whole-file problems. */
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

export type LoadResult =
  | { ok: true; model: ModelFile; raw: Record<string, unknown>; chain: ModelSource[]; warnings: ModelError[] }
  | { ok: false; errors: ModelError[]; warnings: ModelError[] };

const MAX_EXTENDS_DEPTH = 20;

/**
 * Where a model's files come from: the file system, or files held in memory (a browser).
 * `read` throws a SourceError for a file it cannot give.
 */
export interface ModelReader {
  /** The text of a file. */
  read(file: string): string;
  /** The file `extends: <path>` names, from the file `from` (relative to its folder). */
  resolve(from: string, path: string): string;
  /** One name for each file however it is written, to detect a cycle of extends. */
  identity(file: string): string;
}

/** Read a file and the files it extends, most derived first. */
function readChain(file: string, reader: ModelReader): ModelSource[] {
  const chain: ModelSource[] = [];
  const seen = new Set<string>();
  let current = file;
  // Problems with an extended file are reported at the `extends:` line that names it.
  const atExtends = (message: string): SourceError => {
    const from = chain[chain.length - 1]!;
    const at = locate([from], ['extends']);
    return new SourceError(from.file, message, at.line, at.column);
  };
  for (;;) {
    const abs = reader.identity(current);
    if (seen.has(abs))
      throw atExtends(`extends: "${current}" is already in the chain: files extend each other in a cycle`);
    seen.add(abs);
    let src: ModelSource;
    try {
      src = parseSource(current, reader.read(current));
    } catch (e) {
      if (e instanceof SourceError && chain.length > 0 && e.line === undefined)
        throw atExtends(`extends: ${current}: ${e.message}`);
      throw e;
    }
    if (chain.length > 0 && !('caresim' in (src.data as Record<string, unknown>)))
      throw atExtends(`extends: "${current}" is not a caresim model file (it has no "caresim:" line)`);
    nameSharedDraws(src);
    chain.push(src);
    const ext = (src.data as Record<string, unknown>).extends;
    if (ext === undefined) return chain;
    if (typeof ext !== 'string' || ext.length === 0)
      throw atExtends('extends: expected the path of another model file');
    if (chain.length > MAX_EXTENDS_DEPTH)
      throw atExtends(`extends: a chain deeper than ${MAX_EXTENDS_DEPTH} files`);
    // Only model files: by name here, by content (a `caresim:` line) once read; nothing of a file
    // that is not a model is ever shown.
    if (!/\.(ya?ml|json)$/i.test(ext))
      throw atExtends(
        `extends: "${ext}" is not a model file (a model file's name ends .yaml, .yml or .json)`,
      );
    try {
      current = reader.resolve(current, ext);
    } catch (e) {
      throw atExtends(`extends: ${(e as Error).message}`);
    }
  }
}

/**
 * Load and validate a model file (and what it extends) through a reader.
 * @param file name of the model or scenario file, as the reader knows it
 * @returns the validated model with defaults filled in, or every error found
 */
export function loadModelFrom(file: string, reader: ModelReader): LoadResult {
  let chain: ModelSource[];
  try {
    chain = readChain(file, reader);
  } catch (e) {
    if (e instanceof SourceError) {
      return {
        ok: false,
        errors: [
          { file: e.file, line: e.line, column: e.column, field: '', message: e.message, severity: 'error' },
        ],
        warnings: [],
      };
    }
    throw e;
  }
  // Merge from the root model outwards; `extends` is a property of a file, not of the model.
  let merged: unknown = {};
  for (const src of [...chain].reverse()) {
    const { extends: _ext, ...rest } = src.data as Record<string, unknown>;
    merged = mergeModel(merged, rest);
  }
  // Top-level keys starting "x-" hold YAML anchors for reuse (as in docker-compose files);
  // they are not part of the model.
  const raw = Object.fromEntries(
    Object.entries(merged as Record<string, unknown>).filter(([k]) => !k.startsWith('x-')),
  );
  const place = (issue: ModelIssue): ModelError => {
    const at = locate(chain, issue.path, issue.atKey);
    return { ...at, field: fieldName(issue.path), message: issue.message, severity: issue.severity };
  };

  const parsed = modelFile.safeParse(raw);
  if (!parsed.success) {
    const issues = dropShadowedMissing(parsed.error.issues.flatMap((i) => toModelIssues(i, raw, modelFile)));
    return { ok: false, errors: sortByPlace(dedupe(issues.map(place))), warnings: [] };
  }
  const checked = sortByPlace(crossCheck(parsed.data).map(place));
  const errors = checked.filter((e) => e.severity === 'error');
  const warnings = checked.filter((e) => e.severity === 'warning');
  if (errors.length > 0) return { ok: false, errors, warnings };
  const ranges = rangeBeliefProblems(parsed.data).map(place);
  if (ranges.length > 0) return { ok: false, errors: sortByPlace(ranges), warnings };
  return { ok: true, model: parsed.data, raw, chain, warnings };
}

/**
 * Where `uncertainty.ranges` reads every low/high pair as a belief, each number must be able to
 * take every value between its low and high: a whole number cannot (a draw of 2.4 beds), nor a
 * number whose range crosses what it allows. The schema checks beliefs stated one by one; this
 * checks the ranges read as beliefs, by validating the model once with every such number at a
 * value inside its range (whole numbers fail there) and once at each end.
 */
function rangeBeliefProblems(m: ModelFile): ModelIssue[] {
  const params = uncertainParameters(m, { ignoreFixed: true }).filter((p) => p.stated === 'range');
  if (params.length === 0) return [];
  const issues: ModelIssue[] = [];
  const seen = new Set<string>();
  for (const u of [0.37, 0, 1]) {
    const probe = withDrawnValues(
      m,
      params,
      params.map((p) => quantile(p.belief, u)),
    );
    const r = modelFile.safeParse(probe);
    if (r.success) continue;
    for (const i of r.error.issues) {
      const path = i.path.filter((k): k is string | number => typeof k !== 'symbol');
      const p = params.find((q) => fieldName(q.path) === fieldName(path.slice(0, q.path.length)));
      if (!p || seen.has(p.field)) continue;
      seen.add(p.field);
      issues.push({
        path: [...p.path, 'uncertain'],
        atKey: false,
        severity: 'error',
        message: `uncertainty.ranges reads this number's low and high as a ${m.uncertainty?.ranges} belief, but it cannot take ${Number(quantile(p.belief, u).toPrecision(6))} (${u > 0 && u < 1 ? 'a value inside its range: it may be a whole number, which cannot be drawn' : i.message}): write uncertain: false beside it, or narrow its range`,
      });
    }
  }
  return issues;
}

function sortByPlace(errors: ModelError[]): ModelError[] {
  return errors.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

function dedupe(errors: ModelError[]): ModelError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.file}|${e.field}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One line per problem: `file:line:col  field: message`. */
export function formatModelError(e: ModelError): string {
  const where =
    e.line === undefined ? e.file : `${e.file}:${e.line}${e.column === undefined ? '' : `:${e.column}`}`;
  const tag = e.severity === 'warning' ? 'warning: ' : '';
  return e.field === '' ? `${where}  ${tag}${e.message}` : `${where}  ${tag}${e.field}: ${e.message}`;
}

/**
 * Validate a model given as data (a sweep's modified copy of a model as written): the same
 * shape and cross-field checks as a file, with errors named by field (there is no line).
 */
export function validateModelData(
  raw: unknown,
): { ok: true; model: ModelFile } | { ok: false; errors: string[] } {
  const parsed = modelFile.safeParse(raw);
  if (!parsed.success) {
    const issues = dropShadowedMissing(parsed.error.issues.flatMap((i) => toModelIssues(i, raw, modelFile)));
    return { ok: false, errors: issues.map((i) => `${fieldName(i.path)}: ${i.message}`) };
  }
  const errors = crossCheck(parsed.data).filter((i) => i.severity === 'error');
  if (errors.length > 0)
    return { ok: false, errors: errors.map((i) => `${fieldName(i.path)}: ${i.message}`) };
  return { ok: true, model: parsed.data };
}
