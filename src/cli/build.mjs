// Compile the `caresim` command to JavaScript in dist/ (run by npm's `prepare` on install and before
// the tests). Plain JavaScript so it needs nothing compiled itself.
//
//   node src/cli/build.mjs           a new build in dist/b-<time>-<pid>/, made current by
//                                    dist/current.json, unless the current one is up to date
//   node src/cli/build.mjs OUTDIR    a build in OUTDIR, with OUTDIR/sources.json (for the tests)
//
// Why a bundle: run through tsx, a command spent most of its first second compiling TypeScript and
// resolving a few hundred small CommonJS files (@stdlib's functions are a package each); one bundle of
// our code and the packages on the start-up path loads in a fraction of that. Dynamic imports stay
// separate chunks, so a command still loads only what it uses.
//
// Why a folder per build: a running command loads its chart and report chunks, and its worker
// threads their entry, only when it needs them, from its own build's folder; a build made meanwhile
// (npm test's, say) goes to a folder of its own and never removes or changes the files of one in use.
// Builds older than a day, other than the current one, are removed.
//
// What stays outside the bundle, loaded from node_modules as before:
// - packages with native code or their own worker files (@resvg/resvg-js, piscina);
// - the chart, report and spreadsheet packages (vega, docx, exceljs, ...): loaded only when a folder
//   gets charts or reports, and large enough that bundling them would lengthen every build for nothing.
//
// current.json records, for every source file in the bundle (and package-lock.json and this script),
// its modification time before the build read it, so that src/cli/bin.js can tell a bundle older
// than the code and run the source through tsx instead. A file changed while the build ran is
// recorded as changed.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const KEEP_MS = 24 * 60 * 60 * 1000;
const ALSO_TRACKED = ['package-lock.json', 'src/cli/build.mjs'];

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

const mtime = (file) => {
  try {
    return statSync(join(ROOT, file)).mtimeMs;
  } catch {
    return -1;
  }
};

/** Every file under src/, by path from the root, with its modification time now. */
function sourceTimes() {
  const times = {};
  for (const entry of readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const file = join(entry.parentPath, entry.name).slice(ROOT.length);
      times[file] = mtime(file);
    }
  for (const file of ALSO_TRACKED) times[file] = mtime(file);
  return times;
}

/** Whether the current build was made from the files as they are now. */
function currentIsUpToDate() {
  try {
    const current = JSON.parse(readFileSync(join(DIST, 'current.json'), 'utf8'));
    if (!existsSync(join(DIST, current.dir, 'main.js'))) return false;
    return Object.entries(current.sources).every(([file, t]) => mtime(file) === t);
  } catch {
    return false;
  }
}

async function bundle(outdir) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/cli/main.ts', worker: 'src/experiment/worker.ts' },
    outdir,
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
    metafile: true,
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.inputs).filter((f) => f.startsWith('src/'));
}

/** The sources a build read, with their times before it (-1: changed while it ran). */
function recorded(inputs, before) {
  const sources = {};
  for (const file of [...inputs, ...ALSO_TRACKED]) {
    const t = before[file] ?? -1;
    sources[file] = mtime(file) === t ? t : -1;
  }
  return sources;
}

const outArg = process.argv[2];
if (outArg !== undefined) {
  const before = sourceTimes();
  rmSync(outArg, { recursive: true, force: true });
  const inputs = await bundle(outArg);
  if (inputs === null) throw new Error('esbuild is not installed (npm ci installs it)');
  writeFileSync(join(outArg, 'sources.json'), JSON.stringify(recorded(inputs, before), null, 1));
} else if (!currentIsUpToDate()) {
  const before = sourceTimes();
  const dir = `b-${Date.now()}-${process.pid}`;
  mkdirSync(DIST, { recursive: true });
  const inputs = await bundle(join(DIST, dir));
  if (inputs === null) {
    // An install without development packages (npm ci --omit=dev): the command runs the source.
    console.error('caresim: esbuild is not installed, so the command runs from its TypeScript source');
    process.exit(0);
  }
  const next = join(DIST, `current.json.${process.pid}`);
  writeFileSync(next, JSON.stringify({ dir, sources: recorded(inputs, before) }, null, 1));
  renameSync(next, join(DIST, 'current.json'));
  for (const old of readdirSync(DIST))
    if (old.startsWith('b-') && old !== dir && Date.now() - statSync(join(DIST, old)).mtimeMs > KEEP_MS)
      rmSync(join(DIST, old), { recursive: true, force: true });
}
