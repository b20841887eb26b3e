/**
 * What built a results folder: caresim's version (from package.json) and the git commit of the
 * checkout, so a manifest says exactly which code produced the numbers.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRNG_ALGORITHM } from '../random/streams.ts';
import { RESULTS_FORMAT } from './summaryFile.ts';
import type { Manifest } from './manifest.ts';

/** caresim's own folder: the nearest holding package.json (src/output/ from source, dist/ compiled). */
const ROOT = (() => {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
})();

let version: string | undefined;

/** caresim's version, from package.json. */
export function caresimVersion(): string {
  version ??= (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** The git commit of the caresim checkout, with "-dirty" if it has uncommitted changes; null outside git. */
export function gitCommit(): string | null {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  try {
    const head = git('rev-parse', 'HEAD');
    return git('status', '--porcelain', '--untracked-files=no') === '' ? head : `${head}-dirty`;
  } catch {
    return null;
  }
}

/** The fields every manifest has, for this process now. */
export function buildFacts(): Pick<
  Manifest,
  'format' | 'caresim' | 'gitCommit' | 'node' | 'platform' | 'prng'
> {
  return {
    format: RESULTS_FORMAT,
    caresim: caresimVersion(),
    gitCommit: gitCommit(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    prng: PRNG_ALGORITHM,
  };
}
