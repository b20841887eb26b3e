/**
 * The model files shipped with caresim, bundled into the app as text, and a reader that loads
 * a model and what it `extends` from them (and from files the user opens), as the command line
 * loads them from disk: the same parser, the same checks, the same messages.
 */
import type { ModelReader } from '../lib/browser.ts';
import { SourceError } from '../scenario/source.ts';

const bundled = import.meta.glob('../../models/**/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Every shipped model file by its path from the caresim folder ("models/leicestershire.yaml"). */
export const SHIPPED: ReadonlyMap<string, string> = new Map(
  Object.entries(bundled).map(([k, text]) => [k.replace(/^(\.\.\/)+/, ''), text]),
);

/**
 * The models a strategist starts from: the baseline, then its scenarios, then the synthetic
 * county (the base the data guide calibrates a council's own 903 returns onto).
 */
export const STARTING_MODELS = [
  'models/leicestershire.yaml',
  ...[...SHIPPED.keys()].filter((f) => f.startsWith('models/scenarios/')).sort(),
  'models/synthetic/county.yaml',
].filter((f) => SHIPPED.has(f));

/** A reader over the shipped files and any the user has opened (by name, in memory only). */
export function memoryReader(extra: ReadonlyMap<string, string> = new Map()): ModelReader {
  return {
    read(file) {
      const text = extra.get(file) ?? SHIPPED.get(file);
      if (text === undefined) throw new SourceError(file, 'file not found');
      return text;
    },
    // Paths resolve as on disk: relative to the folder of the file that names them.
    resolve: (from, path) => new URL(path, `file:///${from}`).pathname.slice(1),
    identity: (file) => file,
  };
}
