// The compiled command (issue 17): src/cli/build.mjs bundles the command into JavaScript, and the
// bundle gives the bytes the TypeScript source gives, worker threads and charts included; bin.js
// runs the bundle only while it is as new as its sources.
import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './process.ts';

const exec = promisify(execFile);
// Under runs/ (git-ignored) so that the bundle finds node_modules as dist/ does; never dist/ itself,
// which other tests' commands are running from.
const WORK = mkdtempSync(join(ROOT, 'runs', '.compiled-test-'));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

/** Every file under a folder, by its path inside it. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out.set(relative(dir, path), readFileSync(path));
    }
  return out;
}

/** A manifest without the times of the run, which differ between any two runs. */
const untimed = (manifest: Buffer) =>
  manifest.toString().replace(/"(startedAt|finishedAt|seconds)": [^\n]*\n/g, '');

describe('the compiled command', () => {
  const bundle = join(WORK, 'bundle');
  beforeAll(async () => {
    await exec(process.execPath, [join(ROOT, 'src/cli/build.mjs'), bundle], { cwd: ROOT });
  }, 120_000);

  it('records the source files it was built from', () => {
    const sources = JSON.parse(readFileSync(join(bundle, 'sources.json'), 'utf8')) as Record<string, number>;
    expect(Object.keys(sources)).toContain('src/cli/main.ts');
    expect(Object.keys(sources)).toContain('src/model/replication.ts');
    expect(Object.keys(sources)).toContain('package-lock.json');
    expect(Object.values(sources).every((t) => t > 0)).toBe(true);
  });

  it('writes the results folder the source writes, with worker threads and with charts', async () => {
    const model = 'models/verification/loss-system.yaml';
    const common = ['run', model, '--reps', '4', '--years', '1', '--quiet'];
    const runs = [
      { name: 'workers', args: [...common, '--workers', '2', '--no-charts'] },
      { name: 'charts', args: [...common, '--workers', '1'] },
    ];
    for (const { name, args } of runs) {
      const compiled = join(WORK, `${name}-compiled`);
      const source = join(WORK, `${name}-source`);
      await exec(process.execPath, [join(bundle, 'main.js'), ...args, '--out', compiled], { cwd: ROOT });
      await exec(process.execPath, [join(ROOT, 'src/cli/bin.js'), ...args, '--out', source], {
        cwd: ROOT,
        env: { ...process.env, CARESIM_FROM_SOURCE: '1' },
      });
      const a = files(compiled);
      const b = files(source);
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      if (name === 'charts') expect([...a.keys()].some((f) => f.endsWith('.svg'))).toBe(true);
      for (const [file, bytes] of a) {
        // The Word and Excel files carry the time they were made.
        if (file.endsWith('.docx') || file.endsWith('.xlsx')) continue;
        if (file === 'manifest.json') expect(untimed(bytes), file).toBe(untimed(b.get(file)!));
        else expect(bytes.equals(b.get(file)!), `${name}: ${file} differs`).toBe(true);
      }
    }
  }, 240_000);
});

describe('bin.js', () => {
  // A copy of bin.js in a checkout of its own, whose "compiled" and "source" commands say which ran.
  const root = join(WORK, 'checkout');
  const main = join(root, 'src/cli/main.ts');
  const current = join(root, 'dist/current.json');
  beforeAll(() => {
    mkdirSync(join(root, 'src/cli'), { recursive: true });
    mkdirSync(join(root, 'dist/b-1'), { recursive: true });
    cpSync(join(ROOT, 'src/cli/bin.js'), join(root, 'src/cli/bin.js'));
    writeFileSync(main, "console.log('source');\n");
    writeFileSync(join(root, 'dist/b-1/main.js'), "console.log('compiled');\n");
    utimesSync(main, 1_700_000_000, 1_700_000_000);
    writeFileSync(current, JSON.stringify({ dir: 'b-1', sources: { 'src/cli/main.ts': 1_700_000_000_000 } }));
  });
  const which = async (env: Record<string, string> = {}) =>
    (
      await exec(process.execPath, [join(root, 'src/cli/bin.js')], {
        cwd: ROOT,
        env: { ...process.env, ...env },
      })
    ).stdout.trim();

  it('runs the current build while it is as new as its sources, and the source otherwise', async () => {
    expect(await which()).toBe('compiled');
    expect(await which({ CARESIM_FROM_SOURCE: '1' })).toBe('source');
    utimesSync(main, 1_700_000_001, 1_700_000_001);
    expect(await which()).toBe('source');
    utimesSync(main, 1_700_000_000, 1_700_000_000);
    expect(await which()).toBe('compiled');
    // A file the build saw change while it ran is recorded as changed.
    writeFileSync(current, JSON.stringify({ dir: 'b-1', sources: { 'src/cli/main.ts': -1 } }));
    expect(await which()).toBe('source');
    rmSync(current);
    expect(await which()).toBe('source');
  }, 60_000);
});
