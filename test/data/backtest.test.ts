// The back-test (issue 13): on returns from a world that matches the model its bands cover the
// actual about as often as they say; when the world changes at a known date (a new home opens),
// the bands cover before the change and the back-test says the actual left them after it.
import { describe, expect, it } from 'vitest';
import { checkReturns } from '../../src/data/check.ts';
import { dayOfIso } from '../../src/data/dates.ts';
import { collectionYearLabel } from '../../src/data/spec903.ts';
import { parseCsvTable } from '../../src/data/table.ts';
import { backtest } from '../../src/experiment/backtest.ts';
import { prepare } from '../../src/experiment/prepared.ts';
import { synthesise, synthReturns } from '../../src/experiment/synth.ts';
import { csv } from '../../src/output/csv.ts';
import { loadModel, validateModelData } from '../../src/scenario/load.ts';
import { calibration } from '../../src/scenario/schema/calibration.ts';

const loaded = loadModel('models/synthetic/county.yaml');
if (!loaded.ok) throw new Error('synthetic county invalid');
const base = loaded;

/** Returns written by the county, or by the county with a six-bed home opening on `opens`. */
function returnsOf(seed: number, opens?: string) {
  let model = base.model;
  if (opens) {
    const raw = structuredClone(base.raw) as { homes: Record<string, unknown> };
    raw.homes.mapleHouse = { label: 'Maple House', beds: 6, cohorts: ['under16', 'sixteenPlus'], opens };
    const v = validateModelData(raw);
    if (!v.ok) throw new Error(v.errors.join('\n'));
    model = v.model;
  }
  const r = synthesise({ scenario: prepare(model).scenario, seed });
  const c = checkReturns(
    synthReturns(r).flatMap((y) => [
      parseCsvTable(`header_${collectionYearLabel(y.year)}.csv`, csv(y.header)),
      parseCsvTable(`episodes_${collectionYearLabel(y.year)}.csv`, csv(y.episodes)),
    ]),
  );
  if (!c.ok) throw new Error('synthetic returns refused');
  return c.merged;
}

const run = (data: ReturnType<typeof returnsOf>, fitTo: string) =>
  backtest({
    data,
    base: base.model,
    baseRaw: base.raw,
    calibration: calibration.parse({}),
    fitTo: dayOfIso(fitTo),
    years: 4,
    replications: 200,
    seed: 7,
    dataLabel: 'synthetic returns',
  });

describe('a back-test', () => {
  it('covers the actual about as often as its bands say when the world is the model', async () => {
    const r = await run(returnsOf(21), '2021-03-31');
    let months = 0;
    let in90 = 0;
    let in50 = 0;
    for (const c of Object.values(r.coverage)) {
      months += c.months;
      in90 += c.in90;
      in50 += c.in50;
    }
    expect(months).toBe(4 * 48);
    // Nominal 0.9 and 0.5; months are correlated, so the tolerance is wide, but a model whose bands
    // missed (too narrow, or off centre) would fall far outside it.
    expect(in90 / months).toBeGreaterThan(0.75);
    expect(in50 / months).toBeGreaterThan(0.3);
    expect(in50 / months).toBeLessThan(0.8);
    expect(Object.values(r.departures).every((d) => d === null)).toBe(true);
  }, 120_000);

  it('says so when a home opens after the date it was fitted to', async () => {
    const r = await run(returnsOf(22, '2023-04-01'), '2021-03-31');
    const own = r.rows.filter((x) => x.measure === 'ownProvision');
    const before = own.filter((x) => x.month < '2023-04');
    const after = own.filter((x) => x.month >= '2023-07');
    const inside = (rows: typeof own) =>
      rows.filter((x) => x.actual >= x.p5 && x.actual <= x.p95).length / rows.length;
    expect(inside(before)).toBeGreaterThan(0.75);
    expect(inside(after)).toBeLessThan(0.1);
    // It names the month the actual left the band, soon after the opening.
    const from = r.departures.ownProvision;
    expect(from).not.toBeNull();
    expect(from! >= '2023-04' && from! <= '2023-09').toBe(true);
  }, 120_000);
});
