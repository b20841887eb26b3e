// The browser app (src/app): `npm run app` serves it on localhost, `npm run app:build` writes a
// static folder (app-dist/) that works from any static host, with relative paths throughout.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/app',
  base: './',
  // csv-parse's Node build uses Buffer; its browser build is the same parser without it.
  resolve: { alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' } },
  build: { outDir: '../../app-dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
});
