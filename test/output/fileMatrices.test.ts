// A run's matrices kept in a file (output/fileMatrices.ts, issue 17: memory flat in replications)
// give the tables they give in memory, byte for byte, however many passes the summaries take.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allMatrices } from '../../src/experiment/matrices.ts';
import { prepare } from '../../src/experiment/prepared.ts';
import { runModel } from '../../src/experiment/run.ts';
import { buildTables, headlineTables } from '../../src/experiment/tables.ts';
import { fileStores } from '../../src/output/fileMatrices.ts';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';

function model(file: string) {
  const r = loadModel(file);
  if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
  return prepare(r.model, 3);
}

describe('matrices in a file', () => {
  it('give the tables matrices in memory give, in one pass or many, with batches added by sequential stopping', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'caresim-matrices-'));
    const stores = fileStores(folder);
    const request = { model: model('models/leicestershire.yaml'), replications: 12, seed: 4, workers: 1 };
    // A precision no run reaches: batches are added up to the cap, each in a store of its own.
    const precise = { precision: 1e-9, maxReplications: 30 };
    const inMemory = await runModel({ ...request, ...precise });
    const onDisk = await runModel({ ...request, ...precise, store: stores.factory });
    expect(readdirSync(folder).filter((f) => f.endsWith('.f64')).length).toBeGreaterThan(1);
    expect(onDisk.set.matrices.count).toBe(30);
    expect(allMatrices(onDisk.set.matrices)).toEqual(allMatrices(inMemory.set.matrices));
    expect(onDisk.tables).toEqual(inMemory.tables);
    // Summarised two series at a time: as many passes as there are pairs of series.
    const set = onDisk.set;
    const small = buildTables(set, 2 * set.months * set.matrices.count);
    expect(small.periods).toEqual(inMemory.tables.periods);
    expect(small.years).toEqual(inMemory.tables.years);
    // The headlines alone (sweeps, sensitivity, each batch of sequential stopping) are the full tables' own.
    const { heads, perRep, summary } = inMemory.tables;
    expect(headlineTables(set)).toEqual({ heads, perRep, summary });
    stores.removeAll();
    expect(readdirSync(folder)).toEqual([]);
    rmSync(folder, { recursive: true });
  }, 120_000);
});

describe('a run written by executeRun', () => {
  it('says its matrices are gone once its folder is written, rather than reading another file', async () => {
    const { executeRun } = await import('../../src/output/runFolder.ts');
    const r = loadModel('models/verification/loss-system.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
    const out = join(mkdtempSync(join(tmpdir(), 'caresim-matrices-')), 'run');
    const o = await executeRun({
      modelFile: 'x',
      model: r.model,
      replications: 2,
      years: 1,
      workers: 1,
      charts: false,
      out,
    });
    expect(o.tables.periods.length).toBeGreaterThan(1);
    expect(() => o.set.matrices.at(0)).toThrow(/removed when the results folder was written/);
    expect(readdirSync(out).some((f) => f.includes('matrices'))).toBe(false);
    rmSync(dirname(out), { recursive: true, force: true });
  }, 120_000);
});
