// The manifest's gitCommit: one git process gives what rev-parse and status gave.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gitCommit } from '../../src/output/buildInfo.ts';

const git = (...args: string[]) =>
  execFileSync('git', args, { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();

describe('gitCommit', () => {
  it("is this checkout's commit, marked dirty when a tracked file has changed", () => {
    let expected: string | null;
    try {
      const head = git('rev-parse', 'HEAD');
      expected = git('status', '--porcelain', '--untracked-files=no') === '' ? head : `${head}-dirty`;
    } catch {
      expected = null; // not a git checkout (an unpacked release)
    }
    expect(gitCommit()).toBe(expected);
  });
});
