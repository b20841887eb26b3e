// Lint rules. Beyond the recommended sets, this file holds the project's layering, the one
// table of which folder may import which (LAYERS), and enforces it for every folder of src/
// and for notebooks/, so that an upward import fails `npm test`. test/architecture.test.ts
// reads the same table to check the whole import graph (and that it has no circles).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * Each folder and the folders it may import from (itself always). Dependencies point one way:
 * engine, random, stats -> model -> scenario -> data -> experiment -> charts -> report -> output ->
 * lib -> cli, app, notebooks.
 */
/** The layers in order, each beside the ones it stands on (the three first stand on nothing). */
const ORDER = ['model', 'scenario', 'data', 'experiment', 'charts', 'report', 'output', 'lib'];
const below = (layer) => ['engine', 'random', 'stats', ...ORDER.slice(0, ORDER.indexOf(layer))];
const TOP = [...below('lib'), 'lib'];

export const LAYERS = {
  engine: [],
  random: [],
  stats: [],
  ...Object.fromEntries(ORDER.map((l) => [l, below(l)])),
  // lib: the library's entry points (package.json exports): everything a program needs, results
  // folders included (index.ts), and what runs in a browser (browser.ts). The command line, the
  // app (only output's pure files) and the notebooks are built on it.
  cli: TOP,
  app: TOP,
  notebooks: TOP,
};

/** Packages a folder must not import, and why (I/O, schema, rendering belong above it). */
const FILES = ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:child_process'];
const PACKAGE_BANS = {
  engine: [
    [...FILES, 'zod', 'yaml', 'vega*', '@resvg/*', 'simple-statistics'],
    'the engine is pure: no schema, I/O, charts or statistics',
  ],
  random: [
    [...FILES, 'zod', 'yaml', 'vega*', '@resvg/*'],
    'random streams are pure: no schema, I/O or charts',
  ],
  stats: [[...FILES, 'zod', 'yaml', 'vega*', '@resvg/*'], 'statistics are pure: no schema, I/O or charts'],
  model: [
    [...FILES, 'zod', 'yaml', 'vega*', '@resvg/*', 'simple-statistics'],
    'the care model is pure: no schema, I/O, charts or statistics',
  ],
  data: [
    [...FILES, 'vega*', '@resvg/*', 'exceljs'],
    'data/ reads a return from text and computes: files, spreadsheets and charts belong to output/',
  ],
  experiment: [
    [...FILES, 'vega*', '@resvg/*', 'csv-parse*'],
    'experiment/ computes: files, charts and CSV belong to output/',
  ],
  charts: [[...FILES, '@resvg/*'], 'charts are pure vega-lite specs: rendering and files belong to output/'],
  report: [[...FILES, '@resvg/*'], 'reports are pure strings: files belong to output/'],
  app: [
    [...FILES, 'node:*', 'piscina', '@resvg/*', 'exceljs', 'docx'],
    'the app runs in a browser: no Node modules (the simulation reaches it through experiment/batch and replicationSet)',
  ],
};

const ALL = Object.keys(LAYERS);

/** Randomness comes only from named streams. */
const NO_MATH_RANDOM = {
  object: 'Math',
  property: 'random',
  message: 'Use a named random stream (src/random): results must be reproducible.',
};

/** The no-restricted-imports patterns of a folder: the folders above it, and its banned packages. */
function restrictions(folder) {
  const allowed = new Set([folder, ...LAYERS[folder]]);
  const above = ALL.filter((f) => !allowed.has(f));
  const patterns = above.length
    ? [
        {
          group: above.flatMap((f) => [`**/${f}/*`, `**/${f}/**`]),
          message: `Dependencies point one way: ${folder}/ may import only from ${[...allowed].join(', ')} (see LAYERS in eslint.config.js).`,
        },
      ]
    : [];
  const bans = PACKAGE_BANS[folder];
  if (bans) patterns.push({ group: bans[0], message: `${bans[1]}.` });
  return patterns;
}

export default tseslint.config(
  { ignores: ['node_modules/', 'runs/', 'coverage/', 'scratch/', 'app-dist/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    // The command's plain-JavaScript start (bin.js) and build script run on Node.
    files: ['src/cli/*.js', 'src/cli/*.mjs'],
    languageOptions: { globals: { URL: 'readonly', process: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      'no-restricted-properties': ['error', NO_MATH_RANDOM],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The simulation's elementary functions come from @stdlib's ports of fdlibm, not the engine's
    // Math: V8 versions differ in the last bit of Math.exp, log and pow (Node 20 against a current
    // Chromium: one value in ten), and the browser app must give the command line's results.
    files: ['src/random/**', 'src/model/**', 'src/engine/**', 'src/scenario/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        NO_MATH_RANDOM,
        ...[
          'exp',
          'log',
          'pow',
          'log1p',
          'expm1',
          'sin',
          'cos',
          'tan',
          'atan',
          'atan2',
          'asin',
          'acos',
          'cbrt',
          'log2',
          'log10',
          'sinh',
          'cosh',
          'tanh',
        ].map((property) => ({
          object: 'Math',
          property,
          message: `Use @stdlib/math-base-special-* (fdlibm, the same bits in every JavaScript engine), not Math.${property}: results must not depend on the engine.`,
        })),
      ],
    },
  },
  ...ALL.map((folder) => ({
    files: [folder === 'notebooks' ? 'notebooks/**' : `src/${folder}/**`],
    rules: { 'no-restricted-imports': ['error', { patterns: restrictions(folder) }] },
  })),
);
