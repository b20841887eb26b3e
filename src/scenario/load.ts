/**
 * Load a model file from the file system: loadFrom.ts does the work through a reader; this
 * gives it the reader that reads files relative to the working folder.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { loadModelFrom, type LoadResult, type ModelReader } from './loadFrom.ts';
import { SourceError } from './source.ts';

export {
  formatModelError,
  validateModelData,
  type LoadResult,
  type ModelError,
  type ModelReader,
} from './loadFrom.ts';
export { fieldName } from './fieldName.ts';

/** Files on disk, named relative to the working folder for readable messages. */
export const fileReader: ModelReader = {
  read(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new SourceError(
        file,
        code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(e)})`,
      );
    }
  },
  resolve(from, path) {
    const next = resolve(dirname(from), path);
    return relative(process.cwd(), next) || next;
  },
  identity: (file) => resolve(file),
};

/**
 * Load and validate a model file (and what it extends).
 * @param file path of the model or scenario file
 * @returns the validated model with defaults filled in, or every error found
 */
export function loadModel(file: string): LoadResult {
  return loadModelFrom(file, fileReader);
}
