/**
 * Malformed model files: every file directly in test/fixtures/bad/ (not parts/, which holds
 * the partners of `extends` fixtures) must be rejected with the message its header promises,
 * at the line it promises, both by `loadModel` in-process and by the real `caresim validate`
 * command (exit code 1, no stack trace).
 *
 * Each fixture states its expectations in comment lines (for a JSON file, or an empty one,
 * in a sidecar `<name>.expect`):
 *   # expect: <substring that must appear in the error output>   (one or more; all must match)
 *   # unexpected: <substring that must NOT appear>               (optional)
 *   # line: <line the error containing the first expect is reported at>   (optional)
 *   # file: <path suffix of the file that error is reported in>   (optional; default: any)
 *   # known-bug: <what the validator gets wrong today>           (optional)
 * Expected texts are looked for in the message part of each error line (`field: message`),
 * not in its `file:line:col` location, so a fixture's own name cannot satisfy them.
 * A fixture marked `known-bug` shows a validator bug that is reported, not fixed: its checks
 * run as `it.fails`, so the suite stays green while the bug exists and turns red when it is
 * fixed (then delete the `known-bug` line).
 *
 * No known bugs today: the 13 this suite found first (crashes on YAML aliases and huge
 * horizons, wrong lines, a wrong file, misleading union messages) are fixed.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BAD_DIR = join(ROOT, 'test', 'fixtures', 'bad');
const CLI = join(ROOT, 'src', 'cli', 'bin.js');
const MIN_FIXTURES = 35;
// One process validates every fixture (a few seconds); the limit is for a machine under heavy load.
const CLI_TIMEOUT_MS = 600_000;

interface Fixture {
  name: string;
  /** Path relative to the project root, as a strategist would type it. */
  file: string;
  expects: string[];
  unexpected: string[];
  line?: number;
  fileSuffix?: string;
  knownBug?: string;
}

function parseExpectations(name: string, file: string, text: string): Fixture {
  const fx: Fixture = { name, file, expects: [], unexpected: [] };
  for (const raw of text.split(/\r?\n/)) {
    const m = /^#\s*(expect|unexpected|line|file|known-bug):\s?(.*)$/.exec(raw);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'expect') fx.expects.push(value.trimEnd());
    else if (key === 'unexpected') fx.unexpected.push(value.trimEnd());
    else if (key === 'line') fx.line = Number(value.trim());
    else if (key === 'file') fx.fileSuffix = value.trim();
    else fx.knownBug = value.trim();
  }
  return fx;
}

function loadFixtures(): Fixture[] {
  return readdirSync(BAD_DIR, { withFileTypes: true })
    .filter((d) => d.isFile() && /\.(ya?ml|json)$/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const path = join(BAD_DIR, name);
      const sidecar = path.replace(/\.(ya?ml|json)$/, '.expect');
      const text = readFileSync(existsSync(sidecar) ? sidecar : path, 'utf8');
      return parseExpectations(name, relative(ROOT, path), text);
    });
}

const fixtures = loadFixtures();
const title = (fx: Fixture) =>
  fx.knownBug === undefined ? fx.name : `${fx.name} (known bug, expected to fail)`;
const passing = fixtures.filter((f) => f.knownBug === undefined);

/** One error line, `file:line:col  field: message`, taken apart. */
interface ErrorLine {
  file: string;
  line?: number;
  /** Everything after the location: `field: message`. */
  text: string;
}

/** Split a formatted error (`formatModelError`) into its location and its text. */
function parseErrorLine(formatted: string): ErrorLine {
  const gap = formatted.indexOf('  ');
  const where = gap < 0 ? '' : formatted.slice(0, gap);
  const text = gap < 0 ? formatted : formatted.slice(gap + 2);
  const m = /^(.*?)(?::(\d+)(?::\d+)?)?$/.exec(where)!;
  return { file: m[1]!, line: m[2] === undefined ? undefined : Number(m[2]), text };
}

/** The error lines printed by `caresim validate`: indented by two spaces under a `file: N errors` heading. */
function errorLinesOfCli(stderr: string): ErrorLine[] {
  return stderr
    .split(/\r?\n/)
    .filter((l) => l.startsWith('  ') && !l.startsWith('   '))
    .map((l) => parseErrorLine(l.slice(2)));
}

const endsWithPath = (file: string, suffix: string) => {
  const f = file.replaceAll('\\', '/');
  return f === suffix || f.endsWith(`/${suffix}`);
};

/** Check the expected and unexpected texts, and where the first expected text is reported. */
function checkErrors(fx: Fixture, errors: readonly ErrorLine[]): void {
  const texts = errors.map((e) => e.text).join('\n');
  for (const s of fx.expects) expect(texts, `${fx.name}: expected text`).toContain(s);
  for (const s of fx.unexpected) expect(texts, `${fx.name}: unexpected text`).not.toContain(s);
  const first = fx.expects[0]!;
  const carriers = errors.filter((e) => e.text.includes(first));
  if (fx.fileSuffix !== undefined) {
    const files = carriers.map((e) => e.file);
    expect(
      files.some((f) => endsWithPath(f, fx.fileSuffix!)),
      `${fx.name}: "${first}" reported in ${files.join(', ') || 'no file'}, not ${fx.fileSuffix}`,
    ).toBe(true);
  }
  if (fx.line !== undefined) {
    const placed = carriers.filter((e) => fx.fileSuffix === undefined || endsWithPath(e.file, fx.fileSuffix));
    expect(
      placed.map((e) => e.line),
      `${fx.name}: line of "${first}"`,
    ).toContain(fx.line);
  }
}

describe('bad model fixtures', () => {
  it(`has at least ${MIN_FIXTURES} fixtures, at least ${MIN_FIXTURES} of them not known bugs`, () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(MIN_FIXTURES);
    expect(passing.length).toBeGreaterThanOrEqual(MIN_FIXTURES);
  });

  it('every fixture states what it expects, and a known bug says what it is', () => {
    for (const fx of fixtures) {
      expect(fx.expects.length, `${fx.name} has no "# expect:" line`).toBeGreaterThan(0);
      expect(
        fx.expects.every((s) => s.length > 0),
        `${fx.name} has an empty "# expect:"`,
      ).toBe(true);
      if (fx.line !== undefined)
        expect(Number.isInteger(fx.line) && fx.line > 0, `${fx.name}: bad "# line:"`).toBe(true);
      if (fx.knownBug !== undefined)
        expect(fx.knownBug.length, `${fx.name}: empty "# known-bug:"`).toBeGreaterThan(0);
    }
  });

  it.each(['scenario-base.yaml', 'scenario-base-with-provenance.yaml'])(
    'the base of scenario fixtures %s is itself valid, so their errors come from the scenarios',
    (base) => {
      const r = loadModel(relative(ROOT, join(BAD_DIR, 'parts', base)));
      expect(r.ok ? [] : r.errors.map(formatModelError)).toEqual([]);
    },
  );
});

describe('loadModel rejects each bad model with its message and line', () => {
  for (const fx of fixtures) {
    // A known bug (see the fixture's "# known-bug:" line) fails these checks today.
    const test = fx.knownBug === undefined ? it : it.fails;
    test(title(fx), () => {
      const r = loadModel(fx.file);
      expect(r.ok, `${fx.name} was accepted`).toBe(false);
      if (r.ok) return;
      checkErrors(
        fx,
        r.errors.map((e) => parseErrorLine(formatModelError(e))),
      );
    });
  }
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One `caresim validate` of every file: a process, not one a fixture, so the suite holds on a loaded machine. */
function runCli(files: readonly string[]): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, 'validate', ...files],
      {
        cwd: ROOT,
        timeout: CLI_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** The part of validate's error output under each file's heading (`file: N errors`). */
function sections(stderr: string, files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | null = null;
  for (const line of stderr.split(/\r?\n/)) {
    const heading = /^(.+): \d+ errors?$/.exec(line);
    if (heading && files.includes(heading[1]!)) {
      current = heading[1]!;
      out.set(current, '');
    } else if (current !== null) out.set(current, `${out.get(current)!}${line}\n`);
  }
  return out;
}

const STACK_FRAME = /^\s+at .+\(.*:\d+:\d+\)/m;
const UNCAUGHT = /^[A-Za-z]*Error(?: \[[A-Z_]+\])?: /m;

describe('caresim validate (the real command) rejects each bad model', () => {
  let run: CliResult;
  let byFile = new Map<string, string>();
  beforeAll(async () => {
    run = await runCli(fixtures.map((fx) => fx.file));
    byFile = sections(
      run.stderr,
      fixtures.map((fx) => fx.file),
    );
  }, CLI_TIMEOUT_MS + 10_000);

  it('exits 1, with no stack trace, uncaught exception or Node internals in what it prints', () => {
    for (const out of [run.stdout, run.stderr]) {
      expect(out, 'stack trace').not.toMatch(STACK_FRAME);
      expect(out, 'uncaught exception').not.toMatch(UNCAUGHT);
      expect(out, 'node internals').not.toContain('node:internal');
    }
    expect(run.code, run.stderr.slice(-2000)).toBe(1);
  });

  for (const fx of fixtures) {
    // A known bug (see the fixture's "# known-bug:" line) fails these checks today.
    const test = fx.knownBug === undefined ? it : it.fails;
    test(title(fx), () => {
      const section = byFile.get(fx.file);
      expect(section, `${fx.name}: not reported as invalid`).toBeDefined();
      checkErrors(fx, errorLinesOfCli(section!));
    });
  }
});
