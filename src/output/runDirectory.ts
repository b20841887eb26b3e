/**
 * Writing a run's results folder so that nothing half-written ever looks complete: every file
 * goes into a hidden `.<name>.partial` folder beside the target, which is renamed to the
 * target only when all files are written. An interrupted or failed run leaves at most the
 * partial folder, which `abandon()` removes.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { folderStamp } from './folder.ts';

/** The folders this process is writing now, so that an interrupt can remove them at once. */
const writing = new Set<RunDirectory>();
let committed = 0;

/**
 * Remove every partial folder this process is writing (on Ctrl-C or SIGTERM), synchronously.
 * @returns whether a results folder was already complete when it was called (then the work is
 *   only printing, and should be let finish)
 */
export function abandonAll(): { removed: number; anyComplete: boolean } {
  const removed = writing.size;
  for (const d of [...writing]) d.abandon();
  return { removed, anyComplete: committed > 0 && removed === 0 };
}

/** The lock a writer leaves in its partial folder: who is writing, so that another run does not. */
const LOCK = '.caresim-writing';
/** How long a partial folder without a lock counts as another run's, just made. */
const FRESH_MS = 10_000;
interface Lock {
  pid: number;
  host: string;
  startedAt: string;
}

/** The lock in a partial folder; null when there is none or it is unreadable (a killed writer's). */
function readLock(file: string): Lock | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Lock;
  } catch {
    return null;
  }
}

/** Whether the process that wrote a lock is still running (on this machine). */
function alive(lock: Lock): boolean {
  if (lock.host !== hostname()) return true;
  // This very process cannot be writing it (a pid reused after a restart, as PID 1 in a container).
  if (lock.pid === process.pid) return false;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `runs/<model>-<YYYYMMDD-HHMMSS>` for a model file and a start time. */
export function defaultRunDir(modelFile: string, started: Date, parent = 'runs'): string {
  const prefix = /^(compare|sweep|sensitivity)-/.exec(modelFile)?.[0] ?? '';
  const stem = basename(modelFile.slice(prefix.length)).replace(/\.(ya?ml|json)$/i, '');
  const t = folderStamp(started);
  return join(parent, `${prefix}${stem}-${t}`);
}

export class RunDirectory {
  readonly target: string;
  readonly partial: string;
  private readonly written: string[] = [];

  /** @throws Error if the target already exists (a run is never overwritten) */
  constructor(target: string) {
    this.target = resolve(target);
    if (existsSync(this.target))
      throw new Error(`${target} already exists: choose another --out, or remove it`);
    this.partial = join(dirname(this.target), `.${basename(this.target)}.partial`);
    mkdirSync(dirname(this.partial), { recursive: true });
    try {
      mkdirSync(this.partial);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Another run writing here now is refused; a folder left by one that was killed is removed.
      const lock = readLock(join(this.partial, LOCK));
      // A folder with no lock yet may be one another run made a moment ago and is about to lock.
      const fresh = lock === null && Date.now() - statSync(this.partial).mtimeMs < FRESH_MS;
      if (fresh)
        throw new Error(
          `${target}: another caresim has just started writing it: wait for it to finish, or choose another --out`,
          { cause: e },
        );
      if (lock && alive(lock))
        throw new Error(
          `${target}: another caresim (process ${lock.pid}${lock.host === hostname() ? '' : ` on ${lock.host}`}, started ${lock.startedAt}) is writing it now: wait for it to finish, or choose another --out`,
          { cause: e },
        );
      rmSync(this.partial, { recursive: true, force: true });
      mkdirSync(this.partial);
      this.removedStale = true;
    }
    writeFileSync(
      join(this.partial, LOCK),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        startedAt: new Date().toISOString(),
      } satisfies Lock),
    );
    writing.add(this);
  }

  /** Whether an unfinished folder left by a run that was stopped (killed) was removed to make room. */
  removedStale = false;

  write(name: string, content: string | Uint8Array): void {
    writeFileSync(join(this.partial, name), content);
    this.written.push(name);
  }

  /** Note files written into the partial folder by other means (e.g. charts). */
  record(...names: string[]): void {
    this.written.push(...names);
  }

  get files(): readonly string[] {
    return this.written;
  }

  /** Make the results visible under their final name. */
  commit(): void {
    rmSync(join(this.partial, LOCK), { force: true });
    renameSync(this.partial, this.target);
    writing.delete(this);
    committed++;
  }

  /** Remove the partial folder (after a failure or an interrupt). */
  abandon(): void {
    rmSync(this.partial, { recursive: true, force: true });
    writing.delete(this);
  }
}
