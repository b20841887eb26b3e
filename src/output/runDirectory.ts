/**
 * Writing a run's results folder so that nothing half-written ever looks complete: every file
 * goes into a hidden `.<name>.partial` folder beside the target, which is renamed to the
 * target only when all files are written. An interrupted or failed run leaves at most the
 * partial folder, which `abandon()` removes.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** `runs/<model>-<YYYYMMDD-HHMMSS>` for a model file and a start time. */
export function defaultRunDir(modelFile: string, started: Date, parent = 'runs'): string {
  const prefix = /^(compare|sweep|sensitivity)-/.exec(modelFile)?.[0] ?? '';
  const stem = basename(modelFile.slice(prefix.length)).replace(/\.(ya?ml|json)$/i, '');
  const t = started.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
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
    rmSync(this.partial, { recursive: true, force: true });
    mkdirSync(this.partial, { recursive: true });
  }

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
    renameSync(this.partial, this.target);
  }

  /** Remove the partial folder (after a failure or an interrupt). */
  abandon(): void {
    rmSync(this.partial, { recursive: true, force: true });
  }
}
