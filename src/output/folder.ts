/**
 * A results folder as its files, wherever they are: on disk for the command line (diskFolder.ts)
 * or in memory in the browser app, so that the manifest, the reports and the workbook are read
 * and written by one set of functions for both.
 */

export interface Folder {
  /** The folder as a message names it: its path on disk, or the name the app gave it. */
  readonly name: string;
  /** A file of the folder as a message names it. */
  path(file: string): string;
  has(file: string): boolean;
  /** @throws Error naming the file if it is not there */
  text(file: string): string;
  /** @throws Error naming the file if it is not there */
  bytes(file: string): Uint8Array;
  /** Write a file (`charts/x.svg` makes `charts/`). */
  write(file: string, content: string | Uint8Array): void;
  /** Every file, by its path within the folder (`charts/x.svg`), in the order written. */
  list(): string[];
}

/** `YYYYMMDD-HHMMSS` (UTC) of a start time: the end of a results folder's default name. */
export const folderStamp = (started: Date): string =>
  started.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** A folder held in memory (the app's results, or a results folder the user opened). */
export function memoryFolder(name: string, files: Iterable<[string, string | Uint8Array]> = []): Folder {
  const held = new Map(files);
  const get = (file: string) => {
    const c = held.get(file);
    if (c === undefined) throw new Error(`${name}/${file}: not in the folder`);
    return c;
  };
  return {
    name,
    path: (file) => `${name}/${file}`,
    has: (file) => held.has(file),
    text: (file) => {
      const c = get(file);
      return typeof c === 'string' ? c : new TextDecoder().decode(c);
    },
    bytes: (file) => {
      const c = get(file);
      return typeof c === 'string' ? new TextEncoder().encode(c) : c;
    },
    write: (file, content) => void held.set(file, content),
    list: () => [...held.keys()],
  };
}

/**
 * A file of the folder read by `parse` (JSON.parse, a CSV parser), its failure named by the file:
 * "runs/x/summary.json: not readable (Unexpected token ...)", not a bare parser message.
 */
export function readWith<T>(folder: Folder, file: string, parse: (text: string) => T): T {
  if (!folder.has(file)) throw new Error(`${folder.path(file)}: missing (not a complete results folder)`);
  let text: string;
  try {
    text = folder.text(file);
  } catch (e) {
    throw new Error(`${folder.path(file)}: cannot be read (${(e as Error).message})`, { cause: e });
  }
  try {
    return parse(text);
  } catch (e) {
    throw new Error(
      `${folder.path(file)}: damaged or not written by caresim (${(e as Error).message}); run the command that made it again`,
      { cause: e },
    );
  }
}

/** The width and height of a PNG, from its header. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
