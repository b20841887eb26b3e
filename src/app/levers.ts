/**
 * The levers a strategist pulls, as form fields, read from the model as the scenario stands:
 * each home (beds, the cohorts it is registered for, opening and closing dates, a slip of its
 * opening, later re-registrations), the ART's capacity at each step, the assessment beds, the
 * opening programme's slip, demand growth, external price growth and the policies. Each number
 * carries its plain name, unit, source or assumption and the range the model explores; each
 * other field its meaning from the schema. Pure: the page draws them (form.ts).
 */
import { fieldLabel } from '../scenario/fieldLabel.ts';
import { fieldUnit, type FieldUnit } from '../scenario/fieldUnit.ts';
import { listProvenance } from '../scenario/provenance.ts';
import { isPlainObject } from '../scenario/merge.ts';
import { parsePath } from '../scenario/paths.ts';
import { numberIn, valueAt } from './scenario.ts';
import { choices, describe } from './schemaLookup.ts';

interface Common {
  path: string;
  label: string;
  /** What the field means (the schema's words), or for a number its source or assumption. */
  help: string;
  /** Whether the scenario changes it from the model it started from. */
  changed: boolean;
}
export type Lever = Common &
  (
    | {
        kind: 'number';
        unit: FieldUnit;
        value: number;
        low?: number;
        high?: number;
        /** Beds and children are whole numbers. */
        whole: boolean;
      }
    | { kind: 'date'; value: string; optional: boolean }
    | { kind: 'choice'; value: string; options: { value: string; label: string }[] }
    | { kind: 'cohorts'; value: string[]; options: { value: string; label: string }[] }
  );

export interface HomeForm {
  key: string;
  label: string;
  /** The home is the scenario's own (added), not the starting model's. */
  added: boolean;
  levers: Lever[];
  reRegistrations: { date: string; cohorts: string[] }[];
}

export interface PlanForm {
  homes: HomeForm[];
  groups: { name: string; levers: Lever[] }[];
}

/** Plain words for the values of the enumerated policies (the schema's description says more). */
const CHOICE_WORDS: Record<string, string> = {
  listed: 'the first suitable home listed',
  fewestFreeBeds: 'the fullest suitable home',
  mostFreeBeds: 'the emptiest suitable home',
  longestWaiting: 'the child waiting longest',
  longestAway: 'the child away longest',
  dearest: 'the child whose placement costs most',
  highestNeed: 'the child with the highest need',
  atBreakdown: 'at the point of a breakdown',
  never: 'never',
  yes: 'yes',
  no: 'no',
};

const NUMBER_GROUPS: [RegExp, string][] = [
  [/^art\.capacity\[\d+\]\.children$/, 'The ART'],
  [/^assessment\.beds$/, 'Assessment beds'],
  // The long-run rates; the rates of past years (byYear) are history, changed in the editor.
  [/^cohorts\.[^.]+\.referrals\.growth(\.otherwise)?$/, 'Demand and prices'],
  [/^finance\.inflation\.external(\.otherwise)?$/, 'Demand and prices'],
  [/^policies\.(maxWaitForLocalBed|repatriation\.minRemainingWeeks)$/, 'Policies'],
];

/** The lever of a programme slip in a model that has none yet (openingsSlip writes the section). */
export const OPENINGS_SLIP = 'openings.delay.value';

/** The levers of the model as the scenario stands (`model`), against the model it started from (`base`). */
export function planForm(model: Record<string, unknown>, base: Record<string, unknown>): PlanForm {
  const provenance = new Map(listProvenance(model).map((p) => [p.field, p]));
  const changed = (path: string) =>
    JSON.stringify(valueAt(model, path)) !== JSON.stringify(valueAt(base, path));
  const numberLever = (path: string): Lever | null => {
    const p = provenance.get(path);
    const value = numberIn(valueAt(model, path));
    if (value === undefined) return null;
    const unit = fieldUnit(model, path);
    return {
      kind: 'number',
      path,
      label: fieldLabel(model, path),
      unit,
      value,
      help: !p || p.kind === 'none' ? (describe(parsePath(path)) ?? '') : `${p.kind}: ${p.text}`,
      ...(p?.low === undefined ? {} : { low: p.low }),
      ...(p?.high === undefined ? {} : { high: p.high }),
      whole: unit === 'beds' || unit === 'children',
      changed: changed(path),
    };
  };
  const cohorts = Object.entries((model.cohorts ?? {}) as Record<string, { label?: string }>).map(
    ([id, c]) => ({
      value: id,
      label: c.label ?? id,
    }),
  );
  const date = (path: string, label: string, optional = false): Lever => ({
    kind: 'date',
    path,
    label,
    value: typeof valueAt(model, path) === 'string' ? (valueAt(model, path) as string) : '',
    optional,
    help: describe(parsePath(path)) ?? '',
    changed: changed(path),
  });
  const choice = (path: string, label: string, options = choices(parsePath(path))): Lever => {
    const v = valueAt(model, path);
    return {
      kind: 'choice',
      path,
      label,
      // An unset field is at its default: the schema's first choice, or "no" for a switch.
      value:
        typeof v === 'boolean'
          ? v
            ? 'yes'
            : 'no'
          : v === undefined
            ? options.includes('no')
              ? 'no'
              : (options[0] ?? '')
            : String(v),
      options: options.map((o) => ({ value: o, label: CHOICE_WORDS[o] ?? o })),
      help: describe(parsePath(path)) ?? '',
      changed: changed(path),
    };
  };

  const homes = Object.entries((model.homes ?? {}) as Record<string, Record<string, unknown>>).map(
    ([key, h]): HomeForm => {
      const at = `homes.${key}`;
      const levers: Lever[] = [
        numberLever(`${at}.beds`),
        {
          kind: 'cohorts',
          path: `${at}.cohorts`,
          label: 'Registered for',
          value: (h.cohorts as string[]) ?? [],
          options: cohorts,
          help: describe(['homes', key, 'cohorts']) ?? '',
          changed: changed(`${at}.cohorts`),
        },
        date(`${at}.opens`, 'Opens'),
        date(`${at}.closes`, 'Closes (leave empty if it stays open)', true),
      ].filter((l): l is Lever => l !== null);
      const slip = valueAt(model, `${at}.openingDelay`);
      if (isPlainObject(slip) && slip.type === 'uniform')
        levers.push(
          ...(['min', 'max'] as const)
            .map((k) => numberLever(`${at}.openingDelay.${k}`))
            .filter((l): l is Lever => l !== null),
        );
      return {
        key,
        label: typeof h.label === 'string' ? h.label : key,
        added: !isPlainObject((base.homes as Record<string, unknown> | undefined)?.[key]),
        levers,
        reRegistrations: ((h.reRegistrations as { date: string; cohorts: string[] }[] | undefined) ?? []).map(
          (r) => ({ date: String(r.date), cohorts: [...r.cohorts] }),
        ),
      };
    },
  );

  const groups = new Map<string, Lever[]>();
  const add = (group: string, l: Lever | null) => {
    if (l) groups.set(group, [...(groups.get(group) ?? []), l]);
  };
  for (const p of listProvenance(model)) {
    const rule = NUMBER_GROUPS.find(([re]) => re.test(p.field));
    if (rule) add(rule[1], numberLever(p.field));
  }
  if (isPlainObject(model.assessment)) {
    add('Assessment beds', date('assessment.opens', 'Assessment beds open'));
  }
  if (isPlainObject(model.openings) && isPlainObject(model.openings.delay)) {
    const d = model.openings.delay;
    if (d.type === 'fixed') add('Openings', numberLever('openings.delay.value'));
    add('Openings', date('openings.from', 'Openings planned from this date slip', true));
  } else
    add('Openings', {
      kind: 'number',
      path: OPENINGS_SLIP,
      label: 'Every opening still to come slips by',
      unit: 'months',
      value: 0,
      whole: false,
      help: describe(['openings']) ?? '',
      changed: false,
    });
  add('Policies', choice('policies.matching', 'A child goes to'));
  add('Policies', choice('policies.freedBed', 'A bed that frees or opens is offered to'));
  add(
    'Policies',
    choice('policies.repatriation.enabled', 'Bring children back from out of county when a bed frees', [
      'yes',
      'no',
    ]),
  );
  add('Policies', choice('policies.useAssessmentBeds', 'Use the assessment beds'));
  const order = ['The ART', 'Assessment beds', 'Openings', 'Demand and prices', 'Policies'];
  return {
    homes,
    groups: order.filter((g) => groups.has(g)).map((name) => ({ name, levers: groups.get(name)! })),
  };
}

/** A rate is entered as a percentage in the form; everything else as it is. */
export const shownValue = (l: { unit: FieldUnit }, x: number): number =>
  l.unit === '% a year' || l.unit === '%' ? Number((x * 100).toPrecision(10)) : x;
export const modelValue = (l: { unit: FieldUnit }, shown: number): number =>
  l.unit === '% a year' || l.unit === '%' ? Number((shown / 100).toPrecision(10)) : shown;

/** A form's value as the model writes it: yes/no as true/false, an empty optional date as no date. */
export function fieldValue(l: Lever, input: string | string[]): unknown {
  if (l.kind === 'choice' && (input === 'yes' || input === 'no')) return input === 'yes';
  if (l.kind === 'date' && input === '') return null;
  if (l.kind === 'number') return modelValue(l, Number(input));
  return input;
}

/** The opening programme's slip a scenario adds when the model has none: a fixed delay from a date. */
export function openingsSlip(
  model: Record<string, unknown>,
  months: number,
  note: string,
): Record<string, unknown> {
  const time = (model.time ?? {}) as { start?: string; window?: { from?: string } };
  const fy = /^(\d{4})\//.exec(time.window?.from ?? '');
  return {
    delay: { type: 'fixed', value: months, unit: 'months', assumption: note },
    ...(fy ? { from: `${fy[1]}-04-01` } : {}),
    ownDelay: 'adds',
  };
}
