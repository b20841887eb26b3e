// File-system errors in words (issue 16): which file, what was being done, why, and what to do.
import { describe, expect, it } from 'vitest';
import { inWords } from '../../src/output/fileErrors.ts';
import { cli } from '../cli/process.ts';

const fsError = (code: string, syscall: string, path: string) =>
  Object.assign(new Error(`${code}: bare, ${syscall} '${path}'`), { code, syscall, path });

describe('a file-system error', () => {
  it('says which file, what was being done and what to do', () => {
    expect(inWords(fsError('ENOSPC', 'write', 'runs/x/summary.json'))).toBe(
      'runs/x/summary.json: cannot write: the disk is full: free some space, or choose a folder on another disk, and run again (ENOSPC); nothing was kept',
    );
    expect(inWords(fsError('EROFS', 'mkdir', '/mnt/cd/run'))).toContain(
      '/mnt/cd/run: cannot create the folder: the disk is read-only',
    );
    expect(inWords(fsError('EACCES', 'open', '/srv/x'))).toContain('not allowed (permission denied)');
    expect(inWords(new Error('anything else'))).toBe('anything else');
  });

  it('reaches the user of the command line: --out where no folder can be made', async () => {
    const r = await cli([
      'run',
      'models/verification/loss-system.yaml',
      '--reps',
      '2',
      '--no-charts',
      '-q',
      '--out',
      '/proc/caresim-test',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '/proc/.caresim-test.partial: cannot create the folder: it, or a folder above it, does not exist',
    );
    expect(r.stderr).not.toMatch(/ENOENT: no such file/);
  }, 120_000);
});
