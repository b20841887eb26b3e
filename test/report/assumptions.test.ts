// The assumptions appendix: plain names, units and themes for every number of the shipped model.
import { describe, expect, it } from 'vitest';
import { assumptionBlocks, valueWithUnit } from '../../src/report/assumptions.ts';
import { fieldTheme, fieldUnit, fromTo, THEMES, withUnit } from '../../src/scenario/fieldUnit.ts';
import { listProvenance } from '../../src/scenario/provenance.ts';
import { loadModel } from '../../src/scenario/load.ts';

const r = loadModel('models/leicestershire.yaml');
if (!r.ok) throw new Error('the baseline does not load');
const raw = r.raw;
const entry = (field: string) => listProvenance(raw).find((p) => p.field === field)!;

describe('units of a model file', () => {
  it('takes a duration unit from the distribution that holds it', () => {
    expect(fieldUnit(raw, 'cohorts.under16.pathway.stay.mean')).toBe('days');
    expect(fieldUnit(raw, 'art.maxWait')).toBe('weeks');
    expect(fieldUnit(raw, 'cohorts.parentChild.pathway.stay.min')).toBe(
      (raw as { cohorts: { parentChild: { pathway: { stay: { unit: string } } } } }).cohorts.parentChild
        .pathway.stay.unit,
    );
  });

  it('knows money, rates, shares, ages and beds by what the field is', () => {
    expect(fieldUnit(raw, 'cohorts.under16.pathway.stepDown.fosterCare.weeklyCost')).toBe('£ a week');
    expect(fieldUnit(raw, 'finance.inflation.external.byYear.2022/23')).toBe('% a year');
    expect(fieldUnit(raw, 'cohorts.ebd.singleOccupancyShare')).toBe('%');
    expect(fieldUnit(raw, 'cohorts.ebd.pathway.ageLimit.age')).toBe('years of age');
    expect(fieldUnit(raw, 'cohorts.ebd.referrals.perYear')).toBe('referrals a year');
    expect(fieldUnit(raw, 'initialCensus.outOfCounty.ebd')).toBe('children');
    expect(fieldUnit(raw, 'art.capacity[1].children')).toBe('children');
  });

  it('writes values with their units, and a range with the shared unit once', () => {
    expect(withUnit(540, 'days')).toBe('540 days');
    expect(withUnit(1, 'weeks')).toBe('1 week');
    expect(withUnit(700, '£ a week')).toBe('£700 a week');
    expect(withUnit(0.045, '% a year')).toBe('4.5% a year');
    expect(withUnit(411840, '£ a year')).toBe('£411,840 a year');
    expect(fromTo('2% a year', '7.5% a year')).toBe('2% to 7.5% a year');
    expect(fromTo('age 8', 'age 15')).toBe('age 8 to age 15');
    expect(valueWithUnit(raw, entry('cohorts.under16.pathway.stay.mean'))).toMatch(/^540 days/);
  });
});

describe('the appendix', () => {
  it('puts every number of the model under a theme, none under "Other", each with its path', () => {
    const blocks = assumptionBlocks(raw);
    const themes = blocks.filter((b) => b.kind === 'h3').map((b) => b.text);
    expect(themes).not.toContain('Other');
    expect(themes).toEqual(THEMES.filter((t) => themes.includes(t))); // in the reader's order
    const tables = blocks.filter((b) => b.kind === 'table');
    const rows = tables.flatMap((t) => t.rows!);
    expect(rows).toHaveLength(listProvenance(raw).length);
    expect(tables.flatMap((t) => t.notes!)).toEqual(
      THEMES.flatMap((t) => listProvenance(raw).filter((p) => fieldTheme(p.field) === t)).map((p) => p.field),
    );
    // A plain name is never the raw path.
    for (const row of rows) expect(row[0]).not.toMatch(/^(cohorts|homes|finance|art)\./);
  });

  it('names a history figure by what the documents report and when', () => {
    const rows = assumptionBlocks(raw)
      .filter((b) => b.kind === 'table')
      .flatMap((t) => t.rows!.map((row, i) => ({ row, path: t.notes![i]! })));
    const h = rows.find((x) => x.path.startsWith('history['));
    expect(h?.row[0]).toMatch(/\((\d{4}\/\d{2}|\d{4}-\d{2})\)$/);
  });
});
