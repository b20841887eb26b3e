/**
 * `locate`: which file of an `extends` chain, and which line, an issue at a path belongs to.
 * The value at a path comes from the most derived file that wrote the path, deleted it (or an
 * ancestor) with null, or replaced an ancestor whole (a distribution, a number with
 * provenance, a list, or an object its bases did not have): the issue is reported there.
 * The bad-model fixtures (badModels.test.ts) check the same through `loadModel` and the CLI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Path } from '../../src/scenario/issues.ts';
import { locate, parseSource, type ModelSource } from '../../src/scenario/source.ts';

const dir = mkdtempSync(join(tmpdir(), 'caresim-locate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
/** Write a file and read it back as a source. */
function source(name: string, text: string): ModelSource {
  const file = join(dir, `${String(count++)}-${name}.yaml`);
  writeFileSync(file, text);
  return parseSource(file, readFileSync(file, 'utf8'));
}

// Line numbers matter below: each key is on the line its comment says.
const base = source(
  'base',
  `caresim: 1
name: base
time: { start: 2025-04-01, years: 10 }
cohorts:
  any:
    label: Any child
    referrals:
      perYear: 100
    pathway:
      stay: { type: exponential, mean: { value: 40, source: 'an audit' }, unit: days }
homes:
  home:
    label: The one home
    beds: 23
    cohorts: [any]
    opens: 2000-01-01
    reRegistrations:
      - { date: 2026-04-01, cohorts: [any] }
`,
);

/** Where `path` is placed in the chain [scenario, base]: the file's name and the line. */
function where(scenarioText: string, path: Path, atKey = false, chainBase = base): string {
  const scenario = source('scenario', `caresim: 1\nextends: base.yaml\n${scenarioText}`);
  const at = locate([scenario, chainBase], path, atKey);
  const name = at.file === scenario.file ? 'scenario' : at.file === chainBase.file ? 'base' : at.file;
  return `${name}:${String(at.line)}`;
}

describe('locate places an issue in the file the value comes from', () => {
  it('a key the scenario writes inside a number with provenance, where the base has a bare number', () => {
    const text = "homes:\n  home:\n    beds: { value: 24, sorce: 'a new bed' }\n";
    expect(where(text, ['homes', 'home', 'beds', 'sorce'], true)).toBe('scenario:5');
    expect(where(text, ['homes', 'home', 'beds', 'value'])).toBe('scenario:5');
  });

  it('a field missing from a number with provenance that the scenario writes', () => {
    const text = "cohorts:\n  any:\n    referrals:\n      perYear: { source: 'a count' }\n";
    expect(where(text, ['cohorts', 'any', 'referrals', 'perYear', 'value'])).toBe('scenario:6');
  });

  it('inside a distribution the scenario replaces, where the base writes the path deeper', () => {
    const text =
      "cohorts:\n  any:\n    pathway:\n      stay: { type: exponential, mean: { source: 'x' }, unit: days }\n";
    expect(where(text, ['cohorts', 'any', 'pathway', 'stay', 'mean', 'value'])).toBe('scenario:6');
  });

  it('inside a list the scenario replaces, where the base writes the path deeper', () => {
    const text = 'homes:\n  home:\n    reRegistrations:\n      - { date: 2027-04-01 }\n';
    expect(where(text, ['homes', 'home', 'reRegistrations', 0, 'cohorts'])).toBe('scenario:6');
  });

  it('a key the scenario removes with null, or whose section it removes', () => {
    expect(
      where('cohorts:\n  any:\n    referrals:\n      perYear: null\n', [
        'cohorts',
        'any',
        'referrals',
        'perYear',
      ]),
    ).toBe('scenario:6');
    expect(where('cohorts:\n  any:\n    referrals: null\n', ['cohorts', 'any', 'referrals', 'perYear'])).toBe(
      'scenario:5',
    );
  });

  it('a field missing from a home the scenario adds', () => {
    expect(where('homes:\n  extra:\n    label: An extra home\n', ['homes', 'extra', 'opens'])).toBe(
      'scenario:4',
    );
  });

  it('a field the base writes and the scenario does not touch, though it changes a neighbour', () => {
    const text = 'homes:\n  home:\n    label: Renamed\n';
    expect(where(text, ['homes', 'home', 'beds'])).toBe('base:14');
    // A field missing from a home the base made is the base's, not the scenario's.
    expect(where(text, ['homes', 'home', 'closes'])).toBe('base:12');
  });

  it('a path the scenario writes, rather than the base that writes it too', () => {
    expect(where('homes:\n  home:\n    beds: 24\n', ['homes', 'home', 'beds'])).toBe('scenario:5');
  });

  it('the most derived file of three that replaces the value', () => {
    const middle = source(
      'middle',
      "caresim: 1\nextends: base.yaml\ncohorts:\n  any:\n    referrals:\n      perYear: { value: 90, sorce: 'x' }\n",
    );
    const top = source('top', 'caresim: 1\nextends: middle.yaml\ncohorts:\n  any:\n    label: Renamed\n');
    const path = ['cohorts', 'any', 'referrals', 'perYear', 'sorce'];
    expect(locate([top, middle, base], path, true)).toMatchObject({ file: middle.file, line: 6 });
  });

  it('a missing top-level field in the root model, a whole-file issue in the most derived file', () => {
    const scenario = source('scenario', 'caresim: 1\nextends: base.yaml\nname: s\n');
    expect(locate([scenario, base], ['finance']).file).toBe(base.file);
    expect(locate([scenario, base], []).file).toBe(scenario.file);
  });
});
