// The structure holds: every import in src/ and notebooks/ points down the table of layers in
// eslint.config.js (LAYERS), and no file imports itself through others (no import circles).
// Lint checks each import as it is written; this checks the graph as a whole.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../eslint.config.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|mjs|js)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** The project files a file imports (static, dynamic and type-only imports, and re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
  return specs.map((s) => relative(ROOT, resolve(dirname(join(ROOT, file)), s)));
}

/** The layer of a file: its folder under src/, or notebooks. */
const layerOf = (file: string) => (file.startsWith('notebooks/') ? 'notebooks' : file.split('/')[1]!);

const files = [...sources('src'), ...sources('notebooks')];
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Every cycle's files (strongly connected components of more than one file, or a self-import). */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('the structure of src/', () => {
  it('has a layer in the table for every folder', () => {
    const folders = new Set(files.map(layerOf));
    for (const f of folders) expect(Object.keys(LAYERS), `src/${f}/ is in no layer`).toContain(f);
  });

  it('imports only downwards', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph)
      for (const target of imports) {
        if (!target.startsWith('src/')) continue;
        const from = layerOf(file);
        const to = layerOf(target);
        if (to !== from && !(LAYERS as Record<string, string[]>)[from]!.includes(to))
          upward.push(`${file} -> ${target}`);
      }
    expect(upward).toEqual([]);
  });

  it('has no import circles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a circle and an upward import when there is one (the checks can fail)', () => {
    const g = new Map([
      ['src/model/a.ts', ['src/model/b.ts']],
      ['src/model/b.ts', ['src/model/a.ts']],
    ]);
    expect(cycles(g)).toEqual([['src/model/a.ts', 'src/model/b.ts']]);
    expect((LAYERS as Record<string, string[]>).experiment).not.toContain('output');
    expect(importsOf('src/cli/run.ts')).toContain('src/output/runFolder.ts');
  });
});
