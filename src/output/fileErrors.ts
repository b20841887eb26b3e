/**
 * What went wrong with a file or folder, in words: Node's errors say "ENOSPC: no space left on
 * device, write" or "ENOENT: no such file or directory, mkdir '/proc/x'"; a strategist needs to
 * know which file, what happened and what to do.
 */

const WORDS: Record<string, string> = {
  ENOENT: 'it, or a folder above it, does not exist (or that place takes no new files)',
  EACCES: 'not allowed (permission denied): choose a folder you can write to',
  EPERM: 'not allowed (the operation is not permitted there): choose a folder you can write to',
  EROFS: 'the disk is read-only: choose a folder on a disk you can write to',
  ENOSPC: 'the disk is full: free some space, or choose a folder on another disk, and run again',
  EDQUOT: 'your disk quota is used up: free some space and run again',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'it already exists',
  EMFILE: 'too many files are open: close some programs and run again',
  ENAMETOOLONG: 'the path is too long: choose a shorter folder name',
  EBUSY: 'it is in use by another program',
};

const ACTIONS: Record<string, string> = {
  mkdir: 'cannot create the folder',
  open: 'cannot open',
  write: 'cannot write',
  read: 'cannot read',
  rename: 'cannot move it into place',
  rmdir: 'cannot remove',
  unlink: 'cannot remove',
  scandir: 'cannot list the folder',
  stat: 'cannot find',
};

/** An error as a sentence: for a file-system error, the file, what was being done and why it failed. */
export function inWords(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.code !== 'string' || !(err.code in WORDS))
    return e instanceof Error ? e.message : String(e);
  const action = (err.syscall && ACTIONS[err.syscall]) ?? 'cannot use it';
  const where = err.path ?? 'a file';
  return `${where}: ${action}: ${WORDS[err.code]} (${err.code}); nothing was kept`;
}
