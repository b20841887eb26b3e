// The synthetic county (models/synthetic/county.yaml) at a multiple of its size: its referrals and
// beds scaled together, for the round-trip tests and the import benchmark.
import { loadModel, validateModelData } from '../../src/scenario/load.ts';
import type { ModelFile } from '../../src/scenario/schema/model.ts';
import { getNumber, setNumber } from '../../src/scenario/paths.ts';

export const COUNTY = 'models/synthetic/county.yaml';

const SCALED = [
  'cohorts.under16.referrals.perYear',
  'cohorts.sixteenPlus.referrals.perYear',
  'homes.elmHouse.beds',
  'homes.oakHouse.beds',
];

export function scaledCounty(scale: number): ModelFile {
  const loaded = loadModel(COUNTY);
  if (!loaded.ok) throw new Error('synthetic county invalid');
  let raw = loaded.raw;
  for (const path of SCALED) raw = setNumber(raw, path, getNumber(raw, path) * scale);
  const v = validateModelData(raw);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return v.model;
}
