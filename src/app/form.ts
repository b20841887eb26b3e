/**
 * The plan's levers drawn as a form: a fieldset a home (beds, cohorts, dates, a slip of its
 * opening, re-registrations, remove) and one a group of other levers (the ART, the assessment
 * beds, openings, demand and prices, policies). Every field is labelled, says where its number
 * comes from or what it means, and marks a change from the starting model.
 */
import { shownValue, type HomeForm, type Lever, type PlanForm } from './levers.ts';

export interface FormActions {
  /** A field changed to a value as the form holds it (a string, or the list of cohorts ticked). */
  set(l: Lever, input: string | string[]): void;
  addHome(): void;
  removeHome(key: string): void;
  addReRegistration(home: string, date: string, cohort: string): void;
  removeReRegistration(home: string, index: number): void;
}

const idOf = (path: string) => `lever-${path.replace(/[^a-zA-Z0-9]/g, '-')}`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function leverRow(l: Lever, act: FormActions): HTMLElement {
  const row = el('div', { className: 'lever' });
  const id = idOf(l.path);
  const help = el('span', { className: 'source', id: `${id}-source` });
  if (l.kind === 'number') {
    const range =
      l.low !== undefined || l.high !== undefined
        ? ` Explored from ${shownValue(l, l.low ?? l.value)} to ${shownValue(l, l.high ?? l.value)}.`
        : '';
    help.textContent = `${l.help}${range}`;
  } else help.textContent = l.help;
  const unit = l.kind === 'number' && l.unit && !l.label.toLowerCase().includes(l.unit) ? ` (${l.unit})` : '';
  if (l.kind === 'cohorts') {
    const set = el('fieldset', { className: 'cohorts' });
    set.append(el('legend', { textContent: l.label }));
    for (const o of l.options) {
      const box = el('input', { type: 'checkbox', id: `${id}-${o.value}`, value: o.value });
      box.checked = l.value.includes(o.value);
      box.dataset.path = l.path;
      box.addEventListener('change', () =>
        act.set(
          l,
          [...set.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value),
        ),
      );
      const label = el('label', { htmlFor: box.id, textContent: o.label });
      set.append(el('span', { className: 'cohort' }));
      set.lastElementChild!.append(box, label);
    }
    set.setAttribute('aria-describedby', help.id);
    set.classList.toggle('changed', l.changed);
    row.append(set, help);
    row.classList.add('wide');
    return row;
  }
  const label = el('label', { htmlFor: id, textContent: `${l.label}${unit}` });
  let input: HTMLInputElement | HTMLSelectElement;
  if (l.kind === 'choice') {
    input = el('select', { id });
    for (const o of l.options) input.append(new Option(o.label, o.value, false, o.value === l.value));
  } else if (l.kind === 'date') {
    input = el('input', { id, type: 'date', value: l.value });
  } else {
    input = el('input', {
      id,
      type: 'number',
      step: l.whole ? '1' : 'any',
      min: '0',
      value: String(shownValue(l, l.value)),
    });
  }
  input.dataset.path = l.path;
  input.classList.toggle('changed', l.changed);
  input.setAttribute('aria-describedby', help.id);
  input.addEventListener('change', () => {
    if (l.kind === 'number' && (input.value === '' || !Number.isFinite(Number(input.value)))) return;
    if (l.kind === 'date' && input.value === '' && !l.optional) return;
    act.set(l, input.value);
  });
  row.append(label, input, help);
  return row;
}

/** A section that opens and closes, named by a line that says what it holds. */
function section(id: string, title: string, open: ReadonlySet<string>): [HTMLDetailsElement, HTMLElement] {
  const details = el('details', { id, open: open.has(id) });
  details.append(el('summary', { textContent: title }));
  const body = el('div', { className: 'section-body' });
  details.append(body);
  return [details, body];
}

function homeSet(
  h: HomeForm,
  cohorts: { value: string; label: string }[],
  act: FormActions,
  open: ReadonlySet<string>,
): HTMLElement {
  const beds = h.levers.find((l) => l.path.endsWith('.beds'));
  const taken = h.levers.find((l): l is Extract<Lever, { kind: 'cohorts' }> => l.kind === 'cohorts');
  const opens = h.levers.find((l) => l.path.endsWith('.opens'));
  const summary = [
    `${h.label}${h.added ? ' (added)' : ''}`,
    beds ? `${String(beds.value)} beds` : '',
    taken ? taken.value.map((c) => cohorts.find((o) => o.value === c)?.label ?? c).join(', ') : '',
    opens ? `opens ${String(opens.value)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const changed = h.added || h.levers.some((l) => l.changed);
  const [details, set] = section(`home-${h.key}`, `${summary}${changed ? ' (changed)' : ''}`, open);
  details.className = 'home';
  for (const l of h.levers) set.append(leverRow(l, act));
  // Re-registrations: the cohorts the home takes from a later date.
  const list = el('ul', { className: 'reregistrations' });
  h.reRegistrations.forEach((r, i) => {
    const li = el('li', {
      textContent: `From ${r.date}: registered for ${r.cohorts.map((c) => cohorts.find((o) => o.value === c)?.label ?? c).join(', ')} `,
    });
    const remove = el('button', { type: 'button', textContent: 'Remove' });
    remove.setAttribute('aria-label', `Remove the re-registration of ${h.label} from ${r.date}`);
    remove.addEventListener('click', () => act.removeReRegistration(h.key, i));
    li.append(remove);
    list.append(li);
  });
  const base = `rereg-${h.key.replace(/[^a-zA-Z0-9]/g, '-')}`;
  const date = el('input', { type: 'date', id: `${base}-date` });
  const cohort = el('select', { id: `${base}-cohort` });
  for (const o of cohorts) cohort.append(new Option(o.label, o.value));
  const add = el('button', { type: 'button', textContent: 'Re-register' });
  add.addEventListener('click', () => {
    if (date.value) act.addReRegistration(h.key, date.value, cohort.value);
  });
  const row = el('div', { className: 'row' });
  row.append(
    el('label', { htmlFor: date.id, textContent: 'Re-register from' }),
    date,
    el('label', { htmlFor: cohort.id, textContent: 'for' }),
    cohort,
    add,
  );
  const remove = el('button', { type: 'button', textContent: `Remove ${h.label}`, className: 'secondary' });
  remove.addEventListener('click', () => act.removeHome(h.key));
  set.append(list, row, remove);
  return details;
}

/** Draw the form into `into`, replacing what was there, and keep focus on the field that had it. */
export function drawForm(into: HTMLElement, form: PlanForm, act: FormActions): void {
  const focused = document.activeElement?.id;
  // Sections stay open or closed as the user left them; a new home opens.
  const known = [...into.querySelectorAll('details')].map((d) => d.id);
  const open = new Set([
    ...[...into.querySelectorAll('details[open]')].map((d) => d.id),
    ...form.homes.map((h) => `home-${h.key}`).filter((id) => known.length > 0 && !known.includes(id)),
  ]);
  into.replaceChildren();
  const homes = el('fieldset');
  homes.append(el('legend', { textContent: `Local homes (${form.homes.length})` }));
  const cohorts =
    form.homes
      .flatMap((h) => h.levers)
      .find((l): l is Extract<Lever, { kind: 'cohorts' }> => l.kind === 'cohorts')?.options ?? [];
  for (const h of form.homes) homes.append(homeSet(h, cohorts, act, open));
  const add = el('button', { type: 'button', textContent: 'Add a home' });
  add.addEventListener('click', () => act.addHome());
  homes.append(add);
  into.append(homes);
  for (const g of form.groups) {
    const id = `group-${g.name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
    const changed = g.levers.filter((l) => l.changed).length;
    const [details, set] = section(
      id,
      `${g.name} (${g.levers.length} field${g.levers.length === 1 ? '' : 's'}${changed ? `, ${changed} changed` : ''})`,
      // The ART and the assessment beds are short and often pulled: open at first.
      known.length === 0 && (g.name === 'The ART' || g.name === 'Assessment beds') ? new Set([id]) : open,
    );
    for (const l of g.levers) set.append(leverRow(l, act));
    into.append(details);
  }
  if (focused) document.getElementById(focused)?.focus();
}
