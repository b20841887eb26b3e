// Lint rules. Beyond the recommended sets, this file enforces the layering the
// project depends on: the engine and the care model never import zod, the file
// system, charts or statistics libraries, so they stay pure and fast.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const pureLayerBans = {
  patterns: [
    {
      group: ['zod', 'yaml', 'node:fs', 'node:fs/*', 'fs', 'vega*', 'simple-statistics'],
      message: 'engine/ and model/ stay pure: no schema, I/O, charts or statistics here.',
    },
    {
      group: ['**/scenario/schema*', '**/scenario/load*', '**/experiment/*', '**/cli/*'],
      message: 'Dependencies point one way: cli -> experiment -> model -> engine.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'runs/', 'coverage/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use a named random stream (src/random): results must be reproducible.',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**', 'src/random/**', 'src/model/**'],
    rules: { 'no-restricted-imports': ['error', pureLayerBans] },
  },
  {
    files: ['src/engine/**', 'src/random/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...pureLayerBans.patterns,
            { group: ['**/model/*'], message: 'The engine knows nothing of the care model.' },
          ],
        },
      ],
    },
  },
);
