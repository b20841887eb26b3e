/** A results folder on disk, as the command line reads and writes it (see folder.ts). */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Folder } from './folder.ts';

export function diskFolder(dir: string): Folder {
  const at = (file: string) => join(dir, file);
  return {
    name: dir,
    path: at,
    has: (file) => existsSync(at(file)),
    text: (file) => readFileSync(at(file), 'utf8'),
    bytes: (file) => readFileSync(at(file)),
    write: (file, content) => {
      mkdirSync(dirname(at(file)), { recursive: true });
      writeFileSync(at(file), content);
    },
    list: () =>
      (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
        .filter((d) => d.isFile())
        .map((d) => relative(dir, join(d.parentPath, d.name))),
  };
}
