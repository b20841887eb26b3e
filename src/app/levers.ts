/**
 * The levers a strategist pulls, as form fields: each home's beds, the ART's capacity at each
 * step, demand growth and external price growth. Each is a number of the model as written,
 * with its plain name, unit, source or assumption, and the range the model explores. Edits
 * are kept as (path, value) pairs and applied to the model as written, so the model is checked
 * by the same validation as a file, and a scenario saved or exported is just its edits.
 */
import { stringify } from 'yaml';
import { fieldLabel } from '../scenario/fieldLabel.ts';
import { fieldUnit, type FieldUnit } from '../scenario/fieldUnit.ts';
import { getValue, setNumber } from '../scenario/paths.ts';
import { listProvenance } from '../scenario/provenance.ts';

export interface Lever {
  path: string;
  label: string;
  unit: FieldUnit;
  value: number;
  /** "source: ..." or "assumption: ...". */
  provenance: string;
  low?: number;
  high?: number;
  /** Beds and children are whole numbers. */
  whole: boolean;
  group: 'Local homes' | 'The ART' | 'Demand and prices';
}

const LEVERS: [RegExp, Lever['group']][] = [
  [/^homes\.[^.]+\.beds$/, 'Local homes'],
  [/^art\.capacity\[\d+\]\.children$/, 'The ART'],
  [/^cohorts\.[^.]+\.referrals\.growth(\.otherwise)?$/, 'Demand and prices'],
  [/^finance\.inflation\.external(\.otherwise)?$/, 'Demand and prices'],
];

/** The levers of a model as written, in the order of the form. */
export function leversOf(raw: unknown): Lever[] {
  const out: Lever[] = [];
  for (const p of listProvenance(raw)) {
    const rule = LEVERS.find(([re]) => re.test(p.field));
    const value = Number(p.value);
    if (!rule || !Number.isFinite(value)) continue;
    const unit = fieldUnit(raw, p.field);
    out.push({
      path: p.field,
      label: fieldLabel(raw, p.field),
      unit,
      value,
      provenance: p.kind === 'none' ? 'no source or assumption stated' : `${p.kind}: ${p.text}`,
      ...(p.low === undefined ? {} : { low: p.low }),
      ...(p.high === undefined ? {} : { high: p.high }),
      whole: unit === 'beds' || unit === 'children',
      group: rule[1],
    });
  }
  const order = ['Local homes', 'The ART', 'Demand and prices'];
  return out.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
}

/** A rate is entered as a percentage in the form; everything else as it is. */
export const shownValue = (l: Pick<Lever, 'unit'>, x: number): number =>
  l.unit === '% a year' || l.unit === '%' ? Number((x * 100).toPrecision(10)) : x;
export const modelValue = (l: Pick<Lever, 'unit'>, shown: number): number =>
  l.unit === '% a year' || l.unit === '%' ? Number((shown / 100).toPrecision(10)) : shown;

/** The model as written with the edits applied (a copy). */
export function withEdits(raw: unknown, edits: ReadonlyMap<string, number>): unknown {
  let out = raw;
  for (const [path, value] of edits) out = setNumber(out, path, value);
  return out;
}

/**
 * A scenario file of the edits: `extends` the model it started from, and sets only what changed
 * (a list such as the ART's capacity steps is written whole, since a list replaces the one it
 * extends), each changed number saying it was changed in the app.
 * @param from the starting model's path (models/...), the file written beside it
 */
export function scenarioFile(
  raw: unknown,
  edits: ReadonlyMap<string, number>,
  o: { from: string; name: string; date: string },
): string {
  const edited = withEdits(raw, edits) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const note = (path: string) =>
    `Changed in the caresim app on ${o.date} (from ${JSON.stringify(getValue(raw, path))}).`;
  for (const path of edits.keys()) {
    const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
    if (keys[0] === 'art' && keys[1] === 'capacity') {
      const steps = structuredClone((edited.art as { capacity: unknown[] }).capacity) as Record<
        string,
        unknown
      >[];
      out.art = { ...((out.art as object) ?? {}), capacity: steps };
      const step = steps[Number(keys[2])]!;
      step[keys[3]!] = withNote(step[keys[3]!], note(path));
      continue;
    }
    let into = out;
    for (const k of keys.slice(0, -1)) into = (into[k] ??= {}) as Record<string, unknown>;
    into[keys[keys.length - 1]!] = withNote(
      keys.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], edited),
      note(path),
    );
  }
  // Written to sit in models/scenarios/, beside the shipped scenarios.
  const extendsPath = o.from.startsWith('models/scenarios/')
    ? o.from.slice('models/scenarios/'.length)
    : `../${o.from.replace(/^models\//, '')}`;
  return (
    '# yaml-language-server: $schema=../caresim.schema.json\n' +
    stringify({ caresim: 1, extends: extendsPath, name: o.name, ...out }, { lineWidth: 0 })
  );
}

/** A number as a provenance object whose assumption says why it changed. */
function withNote(v: unknown, assumption: string): unknown {
  const value = typeof v === 'number' ? v : (v as { value: number }).value;
  return { value, assumption };
}
