/** The real `caresim` command, run as a user runs it: a process of its own, its exit code and output. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'src/cli/bin.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(
  args: readonly string[],
  timeout = 120_000,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((done) =>
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, timeout, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        done({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        }),
    ),
  );
}
