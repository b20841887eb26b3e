// Compile the `caresim` command to JavaScript in dist/ (run by npm's `prepare` on install and before
// the tests). Plain JavaScript so it needs nothing compiled itself. Run: node src/cli/build.mjs [outdir]
//
// Why a bundle: run through tsx, a command spent most of its first second compiling TypeScript and
// resolving a few hundred small CommonJS files (@stdlib's functions are a package each); one bundle of
// our code and the packages on the start-up path loads in a fraction of that. Dynamic imports stay
// separate chunks, so a command still loads only what it uses.
//
// What stays outside the bundle, loaded from node_modules as before:
// - packages with native code or their own worker files (@resvg/resvg-js, piscina);
// - the chart, report and spreadsheet packages (vega, docx, exceljs, ...): loaded only when a folder
//   gets charts or reports, and large enough that bundling them would lengthen every build for nothing.
//
// dist/sources.json records the modification time of every source file in the bundle, so that
// src/cli/bin.js can tell a bundle older than the code and run the source through tsx instead.
import { statSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Another folder may be named (the tests build one of their own, leaving dist/ to the command).
const OUT = process.argv[2] ?? `${ROOT}dist`;

const EXTERNAL = [
  '@resvg/resvg-js',
  'piscina',
  'tsx',
  'vega',
  'vega-lite',
  'vega-tooltip',
  'exceljs',
  'docx',
  'jszip',
  'opentype.js',
];

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { main: 'src/cli/main.ts', worker: 'src/experiment/worker.ts' },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Packages written as CommonJS call require(); in an ES module bundle it has to be made.
  banner: {
    js: "import { createRequire as __caresimRequire } from 'node:module'; const require = __caresimRequire(import.meta.url);",
  },
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});

const sources = {};
for (const input of Object.keys(result.metafile.inputs))
  if (input.startsWith('src/')) sources[input] = statSync(`${ROOT}${input}`).mtimeMs;
writeFileSync(`${OUT}/sources.json`, JSON.stringify(sources, null, 1));
