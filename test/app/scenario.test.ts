/**
 * The app's scenario (src/app/scenario.ts): the forms' changes written as the body of a scenario
 * file, which the loader merges back onto the starting model exactly as the forms meant it.
 */
import { describe, expect, it } from 'vitest';
import { applied, changeCount, changesOf, scenarioText, setField, valueAt } from '../../src/app/scenario.ts';
import { pathAbove } from '../../src/app/yamlPath.ts';
import { fileReader, loadModel } from '../../src/scenario/load.ts';
import { loadModelFrom } from '../../src/scenario/loadFrom.ts';

const base = loadModel('models/leicestershire.yaml');
if (!base.ok) throw new Error('the baseline does not load');
const raw = base.raw;
const NOTE = 'Changed in a test of the app, to see it loads.';

/** Load a scenario text beside the shipped ones, as the app and the command line do. */
function load(text: string) {
  const file = 'models/scenarios/from-a-test.yaml';
  return loadModelFrom(file, { ...fileReader, read: (f) => (f === file ? text : fileReader.read(f)) });
}

describe('a scenario of changes', () => {
  it('writes a number with a note in place of its source, and takes it back to nothing', () => {
    const c = setField(raw, {}, 'homes.csHome2.beds', 5, NOTE);
    expect(c).toEqual({ homes: { csHome2: { beds: { value: 5, assumption: NOTE } } } });
    expect(changeCount(c, raw)).toBe(1);
    expect(setField(raw, c, 'homes.csHome2.beds', undefined, NOTE)).toEqual({});
  });

  it('writes a list whole when a field inside it changes, and a distribution whole with its note', () => {
    const art = setField(raw, {}, 'art.capacity[1].children', 16, NOTE);
    const steps = (art.art as { capacity: Record<string, unknown>[] }).capacity;
    expect(steps).toHaveLength(2);
    expect(steps[0]).toEqual((raw.art as { capacity: unknown[] }).capacity[0]);
    expect(steps[1]!.children).toEqual({ value: 16, assumption: NOTE });
    const slip = setField(raw, {}, 'homes.csHome2.openingDelay.max', 9, NOTE);
    expect(valueAt(slip, 'homes.csHome2.openingDelay')).toEqual({
      type: 'uniform',
      unit: 'months',
      min: 0,
      max: 9,
      assumption: NOTE,
    });
  });

  it('takes back a change inside a list or a distribution to no change at all', () => {
    const slip = setField(raw, {}, 'homes.csHome2.openingDelay.max', 9, NOTE);
    expect(setField(raw, slip, 'homes.csHome2.openingDelay.max', undefined, NOTE)).toEqual({});
    const art = setField(raw, {}, 'art.capacity[1].children', 16, NOTE);
    expect(setField(raw, art, 'art.capacity[1].children', undefined, NOTE)).toEqual({});
  });

  it('reads merge keys and what the text extends as the loader does', () => {
    const read = changesOf(
      'caresim: 1\nextends: ../other.yaml\nname: x\nx-d: &d { beds: 4 }\nhomes:\n  csHome2:\n    <<: *d\n',
    );
    expect(read?.extends).toBe('../other.yaml');
    expect(read?.changes).toEqual({ homes: { csHome2: { beds: 4 } } });
  });

  it('removes a home with null and adds one whole', () => {
    const removed = setField(raw, {}, 'homes.ebdHome2', null, NOTE);
    expect(Object.keys(applied(raw, removed).homes as object)).not.toContain('ebdHome2');
    const added = setField(
      raw,
      removed,
      'homes.newHome1',
      { ...(raw.homes as Record<string, object>).ebdHome1, label: 'New' },
      NOTE,
    );
    expect((applied(raw, added).homes as Record<string, { label: string }>).newHome1!.label).toBe('New');
    expect(changeCount(added, raw)).toBe(2);
  });

  it('is a scenario file the command line loads to the model the forms meant', () => {
    let c = setField(raw, {}, 'homes.csHome2.beds', 5, NOTE);
    c = setField(raw, c, 'art.capacity[1].children', 16, NOTE);
    c = setField(raw, c, 'policies.matching', 'fewestFreeBeds', NOTE);
    c = setField(raw, c, 'homes.ebdHome2', null, NOTE);
    const text = scenarioText({ from: 'models/leicestershire.yaml', name: 'A test', changes: c });
    expect(text).toMatch(/^extends: \.\.\/leicestershire\.yaml$/m);
    const r = load(text);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.model.name).toBe('A test');
    expect(r.model.homes.csHome2!.beds).toEqual(expect.objectContaining({ value: 5 }));
    expect(valueAt(r.raw, 'art.capacity[1].children')).toEqual(expect.objectContaining({ value: 16 }));
    expect(r.model.policies.matching).toBe('fewestFreeBeds');
    expect(r.model.homes.ebdHome2).toBeUndefined();
    // Read back, the text gives the same changes.
    expect(changesOf(text)).toEqual({ name: 'A test', extends: '../leicestershire.yaml', changes: c });
  });

  it('reads no changes from text that is not a mapping', () => {
    expect(changesOf('a: [1')).toBeNull();
    expect(changesOf('- 1\n- 2\n')).toBeNull();
  });
});

describe('where a line of YAML sits', () => {
  const lines = [
    'art:',
    '  capacity:',
    '    - from: 2018-06-01',
    '      children: 5',
    'policies:',
    '  repatriation:',
  ];
  it('follows the indentation up through sections and list items', () => {
    expect(pathAbove(lines.slice(0, 4), 6)).toEqual(['art', 'capacity', 0]);
    expect(pathAbove(lines.slice(0, 2), 4)).toEqual(['art', 'capacity']);
    expect(pathAbove(lines, 4)).toEqual(['policies', 'repatriation']);
    expect(pathAbove(lines, 0)).toEqual([]);
  });
});
