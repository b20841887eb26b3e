/**
 * Load a model file from the file system: loadFrom.ts does the work through a reader; this
 * gives it the reader that reads files relative to the working folder.
 */
import { readFileSync } from 'node:fs';
import { delimiter, dirname, relative, resolve, sep } from 'node:path';
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

/** Whether `file` lies in the folder `root` or below it. */
const inside = (root: string, file: string) =>
  file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Files on disk, named relative to the working folder for readable messages. `extends` reaches
 * only files in the working folder's tree, the top model file's folder or the one above it, and
 * folders given (`also`: the base of a calibration, say) or named in
 * CARESIM_EXTENDS_FROM (separated as PATH is): a model cannot be made to read any file on the
 * machine.
 * @param top the model file loaded, whose folder `extends` may also reach
 */
export function readerFor(top?: string, also: readonly string[] = []): ModelReader {
  // The top file's folder, and the folder above it (a scenario in models/scenarios extends
  // ../leicestershire.yaml), unless that is the file system's root.
  const own = top === undefined ? [] : [dirname(resolve(top))];
  const above = own.map((d) => dirname(d)).filter((d) => dirname(d) !== d);
  const roots = [
    process.cwd(),
    ...own,
    ...above,
    ...also.map((d) => resolve(d)),
    ...(process.env.CARESIM_EXTENDS_FROM ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((d) => resolve(d)),
  ];
  return {
    read(file) {
      try {
        return readFileSync(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new SourceError(
          file,
          code === 'ENOENT'
            ? 'file not found'
            : code === 'EACCES' || code === 'EPERM'
              ? 'not allowed to read it (permission denied)'
              : code === 'EISDIR'
                ? 'a folder, not a model file'
                : `cannot read the file (${code ?? String(e)})`,
        );
      }
    },
    resolve(from, path) {
      const next = resolve(dirname(from), path);
      if (!roots.some((r) => inside(r, next)))
        throw new Error(
          `"${path}" is outside the folders a model may extend from (${roots.join(', ')}): move it beside the model, or name its folder in CARESIM_EXTENDS_FROM`,
        );
      return relative(process.cwd(), next) || next;
    },
    identity: (file) => resolve(file),
  };
}

/** Files on disk, extending only within the working folder's tree (see readerFor). */
export const fileReader: ModelReader = readerFor();

/**
 * Load and validate a model file (and what it extends).
 * @param file path of the model or scenario file
 * @returns the validated model with defaults filled in, or every error found
 */
export function loadModel(file: string, alsoFrom: readonly string[] = []): LoadResult {
  return loadModelFrom(file, readerFor(file, alsoFrom));
}
