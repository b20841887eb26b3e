// `caresim report` on a damaged folder (issue 16): it checks what it needs first, names the file
// that is wrong, and writes nothing into a folder it cannot finish.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { reportCommand } from '../../src/cli/run.ts';
import { executeRun } from '../../src/output/runFolder.ts';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';

describe('caresim report on a damaged results folder', () => {
  it('names the damaged file and leaves the folder as it was', async () => {
    const file = 'models/verification/loss-system.yaml';
    const r = loadModel(file);
    if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
    const { dir } = await executeRun({
      modelFile: file,
      model: r.model,
      replications: 2,
      years: 1,
      workers: 1,
      charts: false,
      out: join(mkdtempSync(join(tmpdir(), 'caresim-report-')), 'run'),
    });
    writeFileSync(join(dir, 'summary.json'), '{"metrics": {"cost.total": ');
    const before = readdirSync(dir).sort();
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    try {
      await expect(reportCommand(dir)).resolves.toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('\n')).toContain(`${join(dir, 'summary.json')}: damaged or not written by caresim`);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(join(dir, 'charts'))).toBe(false);
  }, 60_000);
});
