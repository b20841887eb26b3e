// caresim data synth: returns written by the simulation pass data check, and the usual mess they
// can be given is undone exactly by the merging of years.
import { describe, expect, it } from 'vitest';
import { checkReturns } from '../../src/data/check.ts';
import { formatDataProblem } from '../../src/data/records.ts';
import { collectionYearLabel } from '../../src/data/spec903.ts';
import { parseCsvTable } from '../../src/data/table.ts';
import { prepare } from '../../src/experiment/prepared.ts';
import { synthesise, synthReturns } from '../../src/experiment/synth.ts';
import { csv } from '../../src/output/csv.ts';
import { loadModel } from '../../src/scenario/load.ts';

const loaded = loadModel('models/synthetic/county.yaml');
if (!loaded.ok) throw new Error('synthetic county invalid');
const scenario = prepare(loaded.model, 5).scenario;

function checked(mess: boolean) {
  const r = synthesise({ scenario, seed: 11, mess });
  const tables = synthReturns(r).flatMap((y) => [
    parseCsvTable(`header_${collectionYearLabel(y.year)}.csv`, csv(y.header)),
    parseCsvTable(`episodes_${collectionYearLabel(y.year)}.csv`, csv(y.episodes)),
  ]);
  const c = checkReturns(tables);
  if (!c.ok) throw new Error(c.problems.slice(0, 5).map(formatDataProblem).join('\n'));
  return { r, c };
}

describe('synthetic returns', () => {
  it('cover every whole collection year of the horizon and pass data check', () => {
    const { r, c } = checked(false);
    expect(r.years).toEqual([2015, 2016, 2017, 2018, 2019]);
    expect(c.summary.children).toBeGreaterThan(200);
    // Children found in care at the start (from the warm-up) appear in the first return with earlier starts.
    expect(c.merged.children.some((ch) => ch.placements[0]!.start < 16526)).toBe(true);
    // Breakdowns appear as moves with an unplanned reason.
    const reasons = c.merged.children.flatMap((ch) => ch.placements.map((p) => p.reasonStart));
    expect(
      reasons.filter((x) => ['CREQB', 'CREQO', 'CHILD', 'ALLEG', 'STAND'].includes(x)).length,
    ).toBeGreaterThan(20);
  });

  it('with the usual mess merge into exactly the same placements', () => {
    const clean = checked(false).c;
    const messy = checked(true).c;
    expect(messy.merged.notes.temporaryMerged).toBeGreaterThan(0);
    expect(messy.merged.notes.continuationsJoined).toBeGreaterThan(0);
    expect(messy.merged.notes.shortBreakOnlyChildren).toBeGreaterThan(0);
    const strip = (m: typeof clean.merged) =>
      m.children.map((ch) => ({
        child: ch.child,
        dob: ch.dob,
        placements: ch.placements.map(
          ({ start, end, place, provider, urn, reasonStart, recEnd, period }) => ({
            start,
            end,
            place,
            provider,
            urn,
            reasonStart,
            recEnd,
            period,
          }),
        ),
      }));
    expect(strip(messy.merged)).toEqual(strip(clean.merged));
  });
});
