// The browser app (src/app): `npm run app` serves it on localhost, `npm run app:build` writes a
// static folder (app-dist/) that works from any static host, with relative paths throughout.
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

// caresim's version, from the one place it is written (package.json), for the charts' source line.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  root: 'src/app',
  base: './',
  define: { __CARESIM_VERSION__: JSON.stringify(version) },
  // csv-parse's Node build uses Buffer; its browser build is the same parser without it.
  resolve: { alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' } },
  build: { outDir: '../../app-dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
});
