// The run manifest's stream list (streamNames) names exactly the streams a replication creates.
// The streams are seen by wrapping the random layer's createStream, so the check holds whatever
// code creates them. It failed before streamNames and the replication's streams came from one list:
// the manifest lacked the `artSupport/<cohort>` streams of every model with an ART.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { Replication, streamNames } from '../../src/model/replication.ts';

const seen = vi.hoisted(() => ({ created: new Set<string>(), families: new Set<string>() }));

vi.mock('../../src/random/streams.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/random/streams.ts')>();
  return {
    ...actual,
    createStream: (seed: number, rep: number, name: string) => {
      seen.created.add(name);
      return actual.createStream(seed, rep, name);
    },
    streamFamily: (seed: number, rep: number, prefix: string) => {
      seen.families.add(prefix);
      return actual.streamFamily(seed, rep, prefix);
    },
  };
});

/** Every shipped model file. */
function modelFiles(dir = 'models'): string[] {
  const files: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) files.push(...modelFiles(p));
    else if (/\.(ya?ml|json)$/.test(f) && !f.endsWith('.schema.json')) files.push(p);
  }
  return files.sort();
}

/** The streams created by three replications of a model file, and its normalised scenario. */
function created(file: string) {
  const r = loadModel(file);
  if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
  const s = normalise(r.model, { years: 2 });
  seen.created.clear();
  seen.families.clear();
  const sim = new Replication(s);
  for (let rep = 0; rep < 3; rep++) sim.run(5, rep);
  return { s, names: [...seen.created].sort(), families: [...seen.families].sort() };
}

describe('streamNames', () => {
  it.each(modelFiles())('lists every stream a replication of %s creates', (file) => {
    const { s, names } = created(file);
    const listed = new Set(streamNames(s));
    expect(
      names.filter((n) => !listed.has(n)),
      'streams created but missing from the manifest',
    ).toEqual([]);
  });

  it.each(modelFiles())('lists only streams a replication of %s creates', (file) => {
    const { s, names, families } = created(file);
    const listed = streamNames(s);
    const patterns = listed.filter((n) => n.startsWith('child/'));
    const unused = listed.filter((n) => !n.startsWith('child/') && !names.includes(n));
    expect(unused, 'streams in the manifest that no replication creates').toEqual([]);
    // The per-child streams are listed as patterns: one family per cohort, census or referral.
    expect(patterns).toEqual([
      'child/<cohort>/<n> (one per child, created when first needed)',
      'child/census/<cohort>/<n>',
    ]);
    expect(families).toEqual(s.cohorts.flatMap((c) => [`child/${c.id}/`, `child/census/${c.id}/`]).sort());
  });

  it('lists the ART streams of a model with an ART', () => {
    const r = loadModel('models/leicestershire.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
    const s = normalise(r.model);
    expect(s.art).not.toBeNull();
    for (const c of s.cohorts) expect(streamNames(s)).toContain(`artSupport/${c.id}`);
  });
});
