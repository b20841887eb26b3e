#!/usr/bin/env node
// The `caresim` command. It runs the compiled JavaScript in dist/ (src/cli/build.mjs, built on
// install and before the tests; dist/current.json names the current build) when that is as new as
// every source file it was built from, and the TypeScript source through tsx otherwise: an edited
// checkout never runs yesterday's code, it only starts more slowly until `npm run build`.
// CARESIM_FROM_SOURCE=1 always runs the source.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../../', import.meta.url);

/** The current build's folder, if it is as new as its sources; else null. */
function currentBuild() {
  if (process.env.CARESIM_FROM_SOURCE === '1') return null;
  try {
    const { dir, sources } = JSON.parse(readFileSync(new URL('dist/current.json', root), 'utf8'));
    for (const [file, mtime] of Object.entries(sources))
      if (statSync(new URL(file, root)).mtimeMs !== mtime) return null;
    return new URL(`dist/${dir}/`, root);
  } catch {
    return null; // not built, or a source file moved: the source is the truth
  }
}

const build = currentBuild();
if (build) {
  await import(new URL('main.js', build).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
