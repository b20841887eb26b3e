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
  try {
    // One git process for both facts (each costs a tenth of a small run's time): the commit is the
    // "# branch.oid" header, and any line that is not a header is a changed tracked file.
    const lines = execFileSync('git', ['status', '--porcelain=v2', '--branch', '--untracked-files=no'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .split('\n')
      .filter((l) => l !== '');
    const head = lines.find((l) => l.startsWith('# branch.oid '))?.slice('# branch.oid '.length);
    // "(initial)": a repository with no commit yet.
    if (head === undefined || !/^[0-9a-f]{40,64}$/.test(head)) return null;
    return lines.some((l) => !l.startsWith('#')) ? `${head}-dirty` : head;
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
