/**
 * A model file as text: parsed with source positions kept, so any error can be reported
 * at its file and line. YAML is the format strategists edit; JSON is valid YAML 1.2 and
 * goes through the same parser, so both get the same positions and duplicate-key checks.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Path } from './issues.ts';
import { isAtomic, isPlainObject, mergeModel } from './merge.ts';

export interface ModelSource {
  /** Path as given (relative paths stay relative, for readable messages). */
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  data: unknown;
}

export interface Located {
  file: string;
  line?: number;
  column?: number;
}

export class SourceError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/**
 * Parse the text of one model file.
 * @param file its name, for messages and positions
 * @throws SourceError listing the first syntax problem (bad YAML, duplicate key, not a mapping)
 */
export function parseSource(file: string, text: string): ModelSource {
  tooBig(file, text);
  const lines = new LineCounter();
  // uniqueKeys: a key written twice (two homes with one id) is an error, not a silent overwrite.
  // merge: YAML merge keys (`<<: *defaults`), the docker-compose idiom for sharing fields.
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  } catch (e) {
    if (e instanceof RangeError) throw new SourceError(file, tooDeep('thousands of'));
    throw e;
  }
  const first = doc.errors[0];
  // The parser's own stack gave out: a file nested thousands deep, said as such.
  if (first && /Maximum call stack/.test(first.message)) throw new SourceError(file, tooDeep('thousands of'));
  if (first) {
    const { message, offset } = explainYamlError(first.code, first.message, first.pos[0], text);
    const pos = lines.linePos(offset);
    throw new SourceError(file, `YAML syntax: ${message}`, pos.line, pos.col);
  }
  tooDeepIn(file, doc, lines);
  reservedKeys(file, doc, lines);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch (e) {
    throw aliasError(file, text, lines, e);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SourceError(file, 'expected a model: key: value pairs at the top level', 1, 1);
  }
  return { file, doc, lines, data };
}

/** The largest model file read: the shipped ones are under 100 kB; a calibrated one a few hundred. */
export const MAX_MODEL_BYTES = 5_000_000;
/** The deepest nesting read: a model nests a dozen levels at most. */
export const MAX_MODEL_DEPTH = 64;

/** The most keys a model file holds: the shipped ones about a thousand, a calibrated one a few thousand. */
export const MAX_MODEL_KEYS = 50_000;

/**
 * Refuse, before parsing, a file too large to be a model: parsing one takes seconds to minutes
 * and gigabytes (checking a mapping's keys are unique grows as the square of their number), and
 * says nothing useful.
 * @throws SourceError naming the file
 */
function tooBig(file: string, text: string): void {
  if (text.length > MAX_MODEL_BYTES)
    throw new SourceError(
      file,
      `${(text.length / 1e6).toFixed(1)} MB: a model file is at most ${MAX_MODEL_BYTES / 1e6} MB (the shipped ones are under 0.1 MB): is this a model file?`,
    );
  let colons = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1))
    if (++colons > MAX_MODEL_KEYS)
      throw new SourceError(
        file,
        `more than ${MAX_MODEL_KEYS.toLocaleString('en-GB')} keys: a model file has a few thousand at most: is this a model file?`,
      );
}

/** The message for a file nested deeper than a model is. */
const tooDeep = (depth: number | string) =>
  `nested ${depth} levels deep: a model file nests at most ${MAX_MODEL_DEPTH} (a model needs a dozen): is this a model file?`;

/**
 * Refuse a parsed file nested deeper than a model: walked without recursion, so that depth
 * itself cannot exhaust the stack here.
 * @throws SourceError at the line where the nesting goes too deep
 */
function tooDeepIn(file: string, doc: Document.Parsed, lines: LineCounter): void {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!node || typeof node !== 'object' || !('items' in node)) continue;
    if (depth > MAX_MODEL_DEPTH) {
      const at = lines.linePos((node as { range?: [number] }).range?.[0] ?? 0);
      throw new SourceError(file, tooDeep(`more than ${MAX_MODEL_DEPTH}`), at.line, at.col);
    }
    for (const item of (node as { items: unknown[] }).items) {
      if (isPair(item)) stack.push({ node: item.value, depth: depth + 1 });
      else stack.push({ node: item, depth: depth + 1 });
    }
  }
}

/** Keys JavaScript reserves for objects' machinery, which a parsed file must not set. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** @throws SourceError at the first key a model file may not use */
function reservedKeys(file: string, doc: Document.Parsed, lines: LineCounter): void {
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !RESERVED_KEYS.has(String(pair.key.value))) return;
      const at = lines.linePos(pair.key.range?.[0] ?? 0);
      throw new SourceError(
        file,
        `"${String(pair.key.value)}" is not a key a model file may use (JavaScript reserves it)`,
        at.line,
        at.col,
      );
    },
  });
}

/**
 * The yaml library reports where it noticed a problem, in its own words. Say it in a
 * strategist's words, and point at where the mistake is: an unclosed bracket is noticed on
 * a later line, an over-indented key at the end of the line above it.
 */
function explainYamlError(
  code: string,
  message: string,
  offset: number,
  text: string,
): { message: string; offset: number } {
  const firstLine = message.split('\n')[0]!;
  if (code === 'DUPLICATE_KEY') return { message: 'a key is written twice: names must be unique', offset };
  if (/Flow (sequence|mapping)/.test(firstLine) || code === 'MISSING_CHAR') {
    // Walk back to the last unclosed "[" or "{" before the point of detection.
    let depth = 0;
    for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
      const c = text[i];
      if (c === ']' || c === '}') depth++;
      else if (c === '[' || c === '{') {
        if (depth === 0) {
          const closer = c === '[' ? ']' : '}';
          return {
            message: `a "${c}" is not closed: it must end with a ${closer} on the same line (${firstLine})`,
            offset: i,
          };
        }
        depth--;
      }
    }
  }
  if (/Nested mappings are not allowed in compact mappings|BAD_INDENT|indent/i.test(firstLine + code)) {
    const next = text.indexOf('\n', offset);
    return {
      message: `wrong indentation: a key is indented more or less than the keys beside it; keys of one section line up (${firstLine})`,
      offset:
        next >= 0 && /Nested mappings/.test(firstLine)
          ? next + 1 + (text.slice(next + 1).search(/\S/) >>> 0)
          : offset,
    };
  }
  return { message: firstLine, offset };
}

/** An alias (`*name`) that cannot be resolved, or too many of them: say which, and where. */
function aliasError(file: string, text: string, lines: LineCounter, e: unknown): SourceError {
  const msg = e instanceof Error ? e.message : String(e);
  const name = /alias[^:]*: (\S+)/i.exec(msg)?.[1];
  if (/Excessive alias count/i.test(msg)) {
    return new SourceError(
      file,
      'YAML syntax: too many aliases (*name): more than 1000 expansions, which looks like a mistake or an attack',
    );
  }
  if (name) {
    // The first use of the alias outside a comment.
    const use = new RegExp(`^[^#\\n]*?\\*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'm').exec(text);
    const at = use ? use.index + use[0].length - name.length - 1 : -1;
    const pos = at >= 0 ? lines.linePos(at) : undefined;
    return new SourceError(
      file,
      `YAML syntax: alias *${name} has no anchor: write &${name} on an earlier value first`,
      pos?.line,
      pos?.col,
    );
  }
  return new SourceError(file, `YAML syntax: ${msg.split('\n')[0]}`);
}

function position(
  src: ModelSource,
  path: Path,
  atKey: boolean,
): { line: number; column: number } | undefined {
  // Walk as far as the path exists; an absent field is reported at its parent.
  let node: Node | null | undefined = src.doc.contents as Node | null;
  let keyNode: Node | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key),
      );
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
    } else if (node && 'items' in node && typeof key === 'number') {
      const item = (node as { items: unknown[] }).items[key];
      if (item === undefined) break;
      keyNode = undefined;
      node = item as Node;
    } else break;
  }
  // A block section's value starts on the line after its key: point at the key, which is
  // what the author wrote and where a missing field belongs.
  const isCollection = node !== null && node !== undefined && 'items' in node;
  const target = (atKey || isCollection) && keyNode ? keyNode : (node ?? keyNode);
  const range = target?.range;
  if (!range) return undefined;
  const p = src.lines.linePos(range[0]);
  return { line: p.line, column: p.col };
}

/**
 * Which file of an `extends` chain an issue belongs to, and where in it: the file the value
 * at `path` comes from, found by replaying the merge (merge.ts) along the path from the root
 * model outwards. The last file to write the path itself, to delete it (or an ancestor) with
 * null, or to replace one of its ancestors whole owns it: a value replaced whole is a
 * distribution (`type`) or a number with provenance (`value`), a list, a scalar, or an object
 * where the files before it had none. So a mistake inside a number or distribution that a
 * scenario replaces is the scenario's, even where its base writes the same path deeper; and
 * a field missing from an object is the business of the file that created that object.
 * An issue of the whole file is placed in the most derived file.
 * @param chain the files, most derived first
 */
export function locate(chain: readonly ModelSource[], path: Path, atKey = false): Located {
  if (path.length === 0) return place(chain[0]!, path, atKey);
  // The top-level object is created by the root model: a missing top-level field is its.
  let owner = chain[chain.length - 1]!;
  let merged: unknown = {};
  for (const src of [...chain].reverse()) {
    if (writes(src.data, merged, path)) owner = src;
    merged = mergeModel(merged, src.data);
  }
  return place(owner, path, atKey);
}

/**
 * Whether a file whose data is `data`, merged over `before` (the files it extends, merged),
 * determines the value at `path`, or its absence.
 */
function writes(data: unknown, before: unknown, path: Path): boolean {
  let mine = data;
  let theirs = before;
  for (let k = 0; k < path.length; k++) {
    if (!isPlainObject(mine)) return false;
    mine = mine[path[k]!];
    theirs = isPlainObject(theirs) ? theirs[path[k]!] : undefined;
    if (mine === undefined) return false; // not written here: the value comes from before
    if (mine === null || k === path.length - 1) return true; // deleted, or written
    // Replaced whole: lists, scalars, distributions and numbers with provenance, and any
    // object that had nothing to merge into.
    if (!isPlainObject(mine) || isAtomic(mine) || !isPlainObject(theirs)) return true;
  }
  return false;
}

function place(src: ModelSource, path: Path, atKey: boolean): Located {
  return { file: src.file, ...position(src, path, atKey) };
}
