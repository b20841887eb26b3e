// Plain-English names of model fields, as sweep and sensitivity charts print them.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parameterName, uncertainParameters } from '../../src/experiment/sensitivity.ts';
import { fieldLabel } from '../../src/scenario/fieldLabel.ts';
import { listProvenance } from '../../src/scenario/provenance.ts';

const raw = parse(readFileSync('models/leicestershire.yaml', 'utf8'), { merge: true }) as Record<
  string,
  unknown
>;

describe('fieldLabel', () => {
  it('names homes and cohorts by their labels and says what the field is', () => {
    expect(fieldLabel(raw, 'homes.oldPostOffice.beds')).toBe('The Old Post Office: beds');
    expect(fieldLabel(raw, 'cohorts.under16.pathway.stay.mean')).toBe(
      'Under-16 residential: length of stay (mean)',
    );
    expect(fieldLabel(raw, 'cohorts.under16.pathway.stepDown.fosterCare.delay.mean')).toBe(
      'Under-16 residential: step-down to foster care, wait for a place (mean)',
    );
    expect(fieldLabel(raw, 'finance.inflation.external.byYear.2023/24')).toBe(
      'External price inflation in 2023/24',
    );
    expect(fieldLabel(raw, 'art.capacity')).toBe('ART capacity (children)');
    expect(fieldLabel(raw, 'art.capacity[1].children')).toBe('ART capacity (children) from December 2020');
  });

  it('spells out a field it has no phrase for, rather than failing', () => {
    expect(fieldLabel(raw, 'time.warmupYears')).toBe('Time warmup years');
    expect(fieldLabel(raw, 'homes.notAHome.someNewCost')).toBe('notAHome: some new cost');
  });

  it('gives every sourced number of the baseline a name that is not its path', () => {
    for (const p of listProvenance(raw)) {
      if (p.field.startsWith('x-')) continue;
      const name = fieldLabel(raw, p.field);
      expect(name, p.field).not.toBe(p.field);
      expect(name, p.field).not.toMatch(/[{}]|undefined|\.\w/);
    }
  });

  it('names a parameter shared through a YAML anchor by a field of the model, not the anchor block', () => {
    const shared = uncertainParameters(raw).find(
      (g) => g.fields.some((f) => f.startsWith('x-')) && g.fields.length > 2,
    );
    expect(shared).toBeDefined();
    const name = parameterName(shared!);
    expect(name).not.toMatch(/^x-/);
    expect(name).toMatch(/ and \d+ more sharing it$/);
  });
});
