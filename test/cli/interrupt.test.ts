// Interrupting caresim at any moment (issue 16): a run sent SIGINT (or SIGTERM) while it simulates,
// draws charts or writes its reports either stops with 130 (143) and leaves nothing that looks
// complete, not even a `.partial` folder, or, if the signal came after its folder was complete,
// finishes with 0 and a complete, valid folder. Never anything else. Two runs writing one folder:
// the second is refused, and the first's work is kept. A folder left by a killed run is cleaned.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskFolder } from '../../src/output/diskFolder.ts';
import { readManifest } from '../../src/output/manifest.ts';
import { cli, ROOT } from './process.ts';

const ARGS = ['run', 'models/leicestershire.yaml', '--reps', '10', '-q'];

/** Start a run into `out`, send `signal` after `ms`, and give its exit code and how long it took. */
function interrupted(
  out: string,
  ms: number,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; killed: boolean; seconds: number }> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'src/cli/bin.js'), ...ARGS, '--out', out], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill(signal), ms);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      // Killed by the signal itself, where no handler of caresim's can run (while Node starts, or
      // while it exits after the run has finished): the shell reports 128 + its number, as for an
      // exit with that code.
      const bySignal = sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : null;
      done({ code: code ?? bySignal, killed: sig !== null, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** A results folder that says it is complete: a valid manifest, and every file it lists there. */
function complete(dir: string): boolean {
  const m = readManifest(diskFolder(dir), ['run']);
  return m.files.every((f) => existsSync(join(dir, f)));
}

describe('interrupting a run', () => {
  it('at any moment gives exit 130 (143) and nothing complete-looking, or exit 0 and a complete folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'caresim-interrupt-'));
    // How long an uninterrupted run takes here: the signals are spread across it, writing included.
    // Timed the second time: the first pays for cold caches (the TypeScript source's compilation,
    // when the compiled command is older than the source), which would put later signals too late.
    let seconds = 0;
    for (const name of ['warm', 'whole']) {
      const whole = performance.now();
      const full = await cli([...ARGS, '--out', join(root, name)], 300_000);
      seconds = (performance.now() - whole) / 1000;
      expect(full.code).toBe(0);
      expect(complete(join(root, name))).toBe(true);
    }
    const fractions = [0.2, 0.5, 0.75, 0.9, 1.05];
    const outcomes: string[] = [];
    for (const [i, f] of fractions.entries()) {
      const signal = i === 2 ? 'SIGTERM' : 'SIGINT';
      const out = join(root, `r${i}`);
      const r = await interrupted(out, f * seconds * 1000, signal);
      const left = readdirSync(root).filter((n) => n.startsWith(`.r${i}.`));
      outcomes.push(`${signal} at ${f}: exit ${r.code}`);
      if (r.code === 0) expect(complete(out), `${signal} at ${f} of the run`).toBe(true);
      else if (r.killed && existsSync(out)) {
        // The signal came as Node was exiting after a finished run: the folder must be whole.
        expect(complete(out), `${signal} at ${f}: killed while exiting`).toBe(true);
      } else {
        expect(r.code, `${signal} at ${f} of the run`).toBe(signal === 'SIGTERM' ? 143 : 130);
        expect(existsSync(out), `${signal} at ${f}: a folder was left`).toBe(false);
      }
      expect(left, `${signal} at ${f}: a partial folder was left`).toEqual([]);
    }
    // Some were interrupted (the early ones at least): the test tried what it says.
    expect(
      outcomes.filter((o) => / exit 1[34][03]$/.test(o)).length,
      outcomes.join('; '),
    ).toBeGreaterThanOrEqual(3);
  }, 600_000);

  it('refuses a second run writing to the same place, keeping the first; and cleans what a killed run left', async () => {
    const root = mkdtempSync(join(tmpdir(), 'caresim-lock-'));
    const out = join(root, 'run');
    // A run in progress: its partial folder, locked by a live process (this test's).
    mkdirSync(join(root, '.run.partial'));
    writeFileSync(
      join(root, '.run.partial', '.caresim-writing'),
      JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), startedAt: 'now' }),
    );
    writeFileSync(join(root, '.run.partial', 'summary.json'), '{}');
    const second = await cli([...ARGS, '--no-charts', '--out', out], 300_000);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `another caresim (process ${process.pid}, started now) is writing it now`,
    );
    expect(existsSync(join(root, '.run.partial', 'summary.json'))).toBe(true);
    // A killed run's folder (its process gone): removed, and the run goes ahead.
    writeFileSync(
      join(root, '.run.partial', '.caresim-writing'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), startedAt: 'then' }),
    );
    const third = await cli([...ARGS, '--no-charts', '--out', out], 300_000);
    expect(third.code, third.stderr).toBe(0);
    expect(existsSync(join(root, '.run.partial'))).toBe(false);
    expect(existsSync(join(out, '.caresim-writing'))).toBe(false);
    expect(complete(out)).toBe(true);
  }, 600_000);
});
