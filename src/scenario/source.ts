/**
 * A model file as text: parsed with source positions kept, so any error can be reported
 * at its file and line. YAML is the format strategists edit; JSON is valid YAML 1.2 and
 * goes through the same parser, so both get the same positions and duplicate-key checks.
 */
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Path } from './issues.ts';

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
 * Read and parse one model file.
 * @throws SourceError listing the first syntax problem (unreadable file, bad YAML, duplicate key)
 */
export function readSource(file: string): ModelSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SourceError(
      file,
      code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(e)})`,
    );
  }
  const lines = new LineCounter();
  // uniqueKeys: a key written twice (two homes with one id) is an error, not a silent overwrite.
  // merge: YAML merge keys (`<<: *defaults`), the docker-compose idiom for sharing fields.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  const first = doc.errors[0];
  if (first) {
    const { message, offset } = explainYamlError(first.code, first.message, first.pos[0], text);
    const pos = lines.linePos(offset);
    throw new SourceError(file, `YAML syntax: ${message}`, pos.line, pos.col);
  }
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

/** How deep `path` reaches into this source's document (0 = not at all). */
function depthIn(src: ModelSource, path: Path): number {
  let node: unknown = src.doc.contents;
  let depth = 0;
  for (const key of path) {
    if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
    const next = (node as unknown as { get: (k: unknown, keepScalar: boolean) => unknown }).get(key, true);
    if (next === undefined) break;
    node = next;
    depth++;
  }
  return depth;
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
 * Which file of an `extends` chain an issue belongs to, and where in it: the file that
 * writes the deepest part of the path, preferring the most derived file on a tie (the
 * scenario, whose change most likely caused it).
 * @param chain the files, most derived first
 */
export function locate(chain: readonly ModelSource[], path: Path, atKey = false): Located {
  let best = chain[0]!;
  let bestDepth = -1;
  for (const src of chain) {
    const d = depthIn(src, path);
    // A file that writes a whole value here (a distribution, a number with provenance, a
    // list, a scalar) replaced whatever its bases had below it: the problem is in this file.
    if (d > 0 && d < path.length && replacesWhole(valueAtPath(src.data, path.slice(0, d))))
      return place(src, path, atKey);
    if (d > bestDepth) {
      best = src;
      bestDepth = d;
    }
  }
  return place(best, path, atKey);
}

function place(src: ModelSource, path: Path, atKey: boolean): Located {
  return { file: src.file, ...position(src, path, atKey) };
}

function valueAtPath(data: unknown, path: Path): unknown {
  let cur = data;
  for (const k of path)
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[k] : undefined;
  return cur;
}

function replacesWhole(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return true;
  return 'type' in v || 'value' in v;
}
