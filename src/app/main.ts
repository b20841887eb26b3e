/**
 * The caresim app: pick or open a model, change it through forms or as YAML, run it in this
 * browser on common random numbers with the command line's own code, compare scenarios, and read
 * the answer, the findings and the charts. Nothing is sent anywhere: models and results stay in
 * the page (and, when saved, in this browser's storage).
 */
import regularFont from '@expo-google-fonts/source-sans-3/400Regular/SourceSans3_400Regular.ttf?url';
import boldFont from '@expo-google-fonts/source-sans-3/700Bold/SourceSans3_700Bold.ttf?url';
import {
  loadModelFrom,
  formatModelError,
  type LoadResult,
  type ModelError,
  type ModelFile,
  prepare,
  compareScenario,
  readManifest,
} from '../lib/browser.ts';
import { isPlainObject } from '../scenario/merge.ts';
import { summariseModel } from '../report/modelSummary.ts';
import { memoryReader, STARTING_MODELS } from './shippedModels.ts';
import { runInBrowser } from './browserRun.ts';
import { fieldValue, OPENINGS_SLIP, openingsSlip, planForm, type Lever } from './levers.ts';
import { drawForm, type FormActions } from './form.ts';
import { scenarioEditor } from './editor.ts';
import {
  applied,
  changeCount,
  changesOf,
  extendsPath,
  numberIn,
  scenarioText,
  setField,
  valueAt,
  type Changes,
} from './scenario.ts';
import { listScenarios, saveScenario } from './saved.ts';
import { compareFolder, openZip, runFolder } from './resultsFolder.ts';
import { download, ResultsPanel } from './resultsView.ts';
import { dataView } from './dataView.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// The charts' font, served with the app (no font service is asked for anything).
const fonts = document.createElement('style');
fonts.textContent = `@font-face { font-family: 'Source Sans 3'; src: url(${regularFont}) format('truetype'); }
@font-face { font-family: 'Source Sans 3'; font-weight: 700; src: url(${boldFont}) format('truetype'); }`;
document.head.append(fonts);

/** Files the user opened, kept in memory under models/scenarios/ so that `extends: ../leicestershire.yaml` works. */
const opened = new Map<string, string>();
/** The scenario's own file, as the loader knows it: beside the shipped scenarios, so `extends` resolves as on disk. */
const SCENARIO = 'models/scenarios/scenario-in-the-app.yaml';

/** The model the scenario starts from, as its file has it (merged with what it extends). */
let start: { file: string; model: ModelFile; raw: Record<string, unknown> } | null = null;
/** What the scenario changes: the body of its file. */
let changes: Changes = {};
/** The model run: the starting model itself when nothing is changed, else the scenario as loaded. */
let edited: ModelFile | null = null;
let running: AbortController | null = null;
const runPanel = new ResultsPanel($('results'));
runPanel.summary.id = 'summary-json';
const comparePanel = new ResultsPanel($('comparison'));
const nameInput = $<HTMLInputElement>('scenario-name');
const today = () => new Date().toISOString().slice(0, 10);

/** Load a text as the scenario file, with the shipped files and those opened beside it. */
const check = (text: string): LoadResult =>
  loadModelFrom(SCENARIO, memoryReader(new Map([...opened, [SCENARIO, text]])));
const problems = (r: LoadResult): ModelError[] => (r.ok ? r.warnings : [...r.errors, ...r.warnings]);

const editor = scenarioEditor($('editor'), {
  file: SCENARIO,
  check: (text) => problems(check(text)),
  onEdit: (text) => {
    const read = changesOf(text);
    if (read) {
      changes = read.changes;
      if (read.name) nameInput.value = read.name;
    }
    update('editor', read !== null);
  },
});

/** The scenario as a file, as exported and as the editor shows it. */
const currentText = () =>
  start
    ? scenarioText({ from: start.file, name: nameInput.value.trim() || 'Unnamed scenario', changes })
    : '';

/**
 * After a change from one view: write the scenario into the other, check it as a file is checked,
 * and decide what runs.
 * @param redraw draw the form again (its fields may have changed: a home added, the YAML edited)
 */
function update(from: 'form' | 'editor' | 'load', redraw: boolean): void {
  if (!start) return;
  const text = from === 'editor' ? editor.text() : currentText();
  if (from !== 'editor') editor.setText(text);
  const status = $('levers-status');
  const n = changeCount(changes, start.raw);
  const r = check(text);
  if (r.ok) {
    // The starting model itself (its own name and file) only when the text changes nothing,
    // not even what it extends.
    const read = changesOf(text);
    const same = n === 0 && (read === null || read.extends === extendsPath(start.file));
    edited = same ? start.model : r.model;
    status.className = '';
    status.textContent =
      n === 0
        ? `As ${start.file.replace(/^models\//, '')} has it.`
        : `${n} field(s) changed from ${start.file.replace(/^models\//, '')}.`;
  } else {
    edited = null;
    status.className = 'error';
    status.textContent = `Not a valid model yet: ${r.errors
      .map((e) => formatModelError(e).replace(`${SCENARIO}:`, 'line '))
      .join('; ')}`;
  }
  ($('run') as HTMLButtonElement).disabled = edited === null || running !== null;
  if (redraw) drawForm($('levers'), planForm(applied(start.raw, changes), start.raw), actions);
  if (edited)
    $('model-summary').textContent = summariseModel(edited, applied(start.raw, changes), start.file);
}

/** The note a changed number carries in the scenario file, in place of its source. */
function note(path: string): string {
  const was = start ? valueAt(start.raw, path) : undefined;
  const shown = numberIn(was) ?? (typeof was === 'object' ? undefined : was);
  return `Changed in the caresim app on ${today()}${shown === undefined ? '' : ` (the model file has ${JSON.stringify(shown)})`}.`;
}

const actions: FormActions = {
  set(l: Lever, input) {
    if (!start) return;
    const value = fieldValue(l, input);
    const model = applied(start.raw, changes);
    if (l.path === OPENINGS_SLIP && !isPlainObject(start.raw.openings) && value === 0) {
      // The slip the app added, set back to none: no openings section at all.
      changes = setField(start.raw, changes, 'openings', undefined, '');
    } else if (l.path === OPENINGS_SLIP && !isPlainObject(model.openings)) {
      if (value !== 0)
        changes = setField(
          start.raw,
          changes,
          'openings',
          openingsSlip(model, value as number, note('openings')),
          '',
        );
    } else {
      const was = valueAt(start.raw, l.path);
      const same = JSON.stringify(numberIn(was) ?? was ?? null) === JSON.stringify(value);
      changes = setField(start.raw, changes, l.path, same ? undefined : value, note(l.path));
    }
    update('form', true);
  },
  addHome() {
    if (!start) return;
    const model = applied(start.raw, changes);
    const homes = (model.homes ?? {}) as Record<string, Record<string, unknown>>;
    const last = Object.values(homes).at(-1);
    if (!last) return;
    let n = 1;
    // A key neither the scenario nor the starting model uses (one it removed included).
    while (`newHome${n}` in homes || `newHome${n}` in ((start.raw.homes as object | undefined) ?? {})) n++;
    const home = structuredClone(last);
    home.label = `New home ${n}`;
    home.beds = {
      value: numberIn(last.beds) ?? 3,
      assumption: `Added in the caresim app on ${today()}, like ${String(last.label)}.`,
    };
    delete home.reRegistrations;
    changes = setField(start.raw, changes, `homes.newHome${n}`, home, '');
    update('form', true);
  },
  removeHome(key) {
    if (!start) return;
    const inStart = isPlainObject((start.raw.homes as Record<string, unknown> | undefined)?.[key]);
    changes = setField(start.raw, changes, `homes.${key}`, inStart ? null : undefined, '');
    update('form', true);
  },
  addReRegistration(home, date, cohort) {
    if (!start) return;
    const path = `homes.${home}.reRegistrations`;
    const list = [
      ...((valueAt(applied(start.raw, changes), path) as unknown[] | undefined) ?? []),
      { date, cohorts: [cohort] },
    ];
    list.sort((a, b) =>
      String((a as { date: string }).date).localeCompare(String((b as { date: string }).date)),
    );
    changes = setField(start.raw, changes, path, list, '');
    update('form', true);
  },
  removeReRegistration(home, index) {
    if (!start) return;
    const path = `homes.${home}.reRegistrations`;
    const list = ((valueAt(applied(start.raw, changes), path) as unknown[] | undefined) ?? []).filter(
      (_, i) => i !== index,
    );
    const inStart = valueAt(start.raw, path) !== undefined;
    changes = setField(start.raw, changes, path, list.length > 0 ? list : inStart ? null : undefined, '');
    update('form', true);
  },
};

/** Start from a model file; `restore` brings back a saved scenario's name and changes. */
function load(file: string, restore?: { name: string; changes: Changes }): void {
  const r = loadModelFrom(file, memoryReader(opened));
  const status = $('model-status');
  if (!r.ok) {
    start = null;
    edited = null;
    status.className = 'error';
    status.textContent = `${file} is not a valid model: ${r.errors.length} problem(s).`;
    $('model-summary').textContent = r.errors.map(formatModelError).join('\n');
    ($('run') as HTMLButtonElement).disabled = true;
    return;
  }
  start = { file, model: r.model, raw: r.raw };
  changes = restore ? structuredClone(restore.changes) : {};
  status.className = '';
  status.textContent = `${r.model.name} (${file})`;
  nameInput.value = restore?.name ?? `${r.model.name}, changed`;
  ($('seed') as HTMLInputElement).value = String(r.model.run.seed);
  update('load', true);
}
nameInput.addEventListener('change', () => update('form', false));

async function run(): Promise<void> {
  if (!start) return;
  const reps = Number(($('reps') as HTMLInputElement).value);
  const seed = Number(($('seed') as HTMLInputElement).value);
  if (!Number.isInteger(reps) || reps < 2 || !Number.isInteger(seed) || seed < 0) {
    $('run-status').textContent =
      'Replications must be a whole number of 2 or more, and the seed a whole number of 0 or more.';
    return;
  }
  if (!edited) return;
  const model = edited;
  const prepared = prepare(model);
  running = new AbortController();
  ($('run') as HTMLButtonElement).disabled = true;
  ($('cancel') as HTMLButtonElement).disabled = false;
  const progress = $('progress') as HTMLProgressElement;
  const started = performance.now();
  const startedAt = new Date();
  $('run-status').textContent = `Running ${reps} replications of "${model.name}"…`;
  try {
    const set = await runInBrowser({
      model: prepared,
      seed,
      replications: reps,
      signal: running.signal,
      onProgress: (done, total) => {
        progress.value = done / total;
        $('run-status').textContent = `${done} of ${total} replications…`;
      },
    });
    const folder = runFolder({
      prepared,
      file: changeCount(changes, start.raw) === 0 ? start.file : SCENARIO,
      set,
      seed,
      started: startedAt,
      modelAsWritten: applied(start.raw, changes),
    });
    await runPanel.show(folder);
    $('run-status').textContent =
      `${reps} replications in ${((performance.now() - started) / 1000).toFixed(1)} s, on ${set.workers} workers.`;
  } catch (e) {
    $('run-status').textContent = running.signal.aborted
      ? 'Cancelled: nothing was kept.'
      : `The run failed: ${(e as Error).message}`;
  } finally {
    running = null;
    ($('run') as HTMLButtonElement).disabled = edited === null;
    ($('cancel') as HTMLButtonElement).disabled = true;
  }
}

/** The saved scenarios, newest last, each with a button to bring it back. */
async function showSaved(): Promise<void> {
  const list = $('saved');
  const saved = await listScenarios();
  list.replaceChildren(
    ...saved.map((s) => {
      const li = document.createElement('li');
      const button = Object.assign(document.createElement('button'), {
        type: 'button',
        textContent: 'Restore',
      });
      button.setAttribute('aria-label', `Restore ${s.name}`);
      button.addEventListener('click', () => {
        select.value = s.from;
        load(s.from, { name: s.name, changes: savedChanges(s) });
      });
      li.append(
        `${s.name} (from ${s.from.replace(/^models\//, '')}, saved ${s.savedAt.slice(0, 16).replace('T', ' ')}) `,
        button,
      );
      return li;
    }),
  );
  if (saved.length === 0)
    list.append(Object.assign(document.createElement('li'), { textContent: 'None yet.' }));
}

/** A saved scenario's changes: its file's body, or (saved by an earlier version) its edited numbers. */
function savedChanges(s: Awaited<ReturnType<typeof listScenarios>>[number]): Changes {
  if (s.text !== undefined) return changesOf(s.text)?.changes ?? {};
  const base = loadModelFrom(s.from, memoryReader(opened));
  if (!base.ok) return {};
  return (s.edits ?? []).reduce<Changes>((c, [path, v]) => setField(base.raw, c, path, v, note(path)), {});
}

$('save').addEventListener('click', async () => {
  if (!start) return;
  const name = nameInput.value.trim() || 'Unnamed scenario';
  await saveScenario({ name, savedAt: new Date().toISOString(), from: start.file, text: currentText() });
  $('levers-status').textContent = `Saved "${name}" in this browser.`;
  await showSaved();
});

$('export').addEventListener('click', () => {
  if (!start) return;
  const name = nameInput.value.trim() || 'Unnamed scenario';
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'scenario';
  download(new Blob([editor.text()], { type: 'application/yaml' }), `${slug}.yaml`);
});

/** Scenarios pinned for comparison: the first is the base. */
const pinned: { name: string; model: ModelFile }[] = [];

function showPinned(): void {
  $('pinned').replaceChildren(
    ...pinned.map((p, i) => {
      const li = document.createElement('li');
      const remove = Object.assign(document.createElement('button'), {
        type: 'button',
        textContent: 'Remove',
      });
      remove.setAttribute('aria-label', `Remove ${p.name}`);
      remove.addEventListener('click', () => {
        pinned.splice(i, 1);
        showPinned();
      });
      li.append(`${p.name}${i === 0 ? ' (the base)' : ''} `, remove);
      return li;
    }),
  );
  ($('compare') as HTMLButtonElement).disabled = pinned.length < 2 || running !== null;
}

$('pin').addEventListener('click', () => {
  if (!edited || !start) return;
  const name =
    changeCount(changes, start.raw) === 0 ? edited.name : nameInput.value.trim() || 'Unnamed scenario';
  pinned.push({ name, model: { ...structuredClone(edited), name } });
  showPinned();
});

/** Run every pinned scenario on the same replications and seed, and pair each with the base. */
async function compare(): Promise<void> {
  const reps = Number(($('reps') as HTMLInputElement).value);
  const seed = Number(($('seed') as HTMLInputElement).value);
  if (pinned.length < 2 || !Number.isInteger(reps) || reps < 2) return;
  running = new AbortController();
  ($('compare') as HTMLButtonElement).disabled = true;
  ($('cancel') as HTMLButtonElement).disabled = false;
  const progress = $('progress') as HTMLProgressElement;
  const total = reps * pinned.length;
  const started = performance.now();
  const startedAt = new Date();
  try {
    const sets: Awaited<ReturnType<typeof runInBrowser>>[] = [];
    for (const [i, p] of pinned.entries()) {
      sets.push(
        await runInBrowser({
          model: prepare(p.model),
          seed,
          replications: reps,
          signal: running.signal,
          onProgress: (done) => {
            progress.value = (i * reps + done) / total;
            $('run-status').textContent = `"${p.name}": ${done} of ${reps} replications…`;
          },
        }),
      );
    }
    const prepared = pinned.map((p) => prepare(p.model));
    const comparisons = sets.slice(1).map((x, i) => compareScenario(sets[0]!, x, pinned[i + 1]!.name));
    await comparePanel.show(compareFolder({ prepared, sets, comparisons, seed, started: startedAt }));
    $('run-status').textContent =
      `${pinned.length} scenarios, ${reps} replications each, in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
  } catch (e) {
    $('run-status').textContent = running.signal.aborted
      ? 'Cancelled: nothing was kept.'
      : `The comparison failed: ${(e as Error).message}`;
  } finally {
    running = null;
    ($('cancel') as HTMLButtonElement).disabled = true;
    showPinned();
  }
}
$('compare').addEventListener('click', () => void compare());

const select = $('model') as HTMLSelectElement;
for (const f of STARTING_MODELS) select.append(new Option(f.replace(/^models\//, ''), f));
select.addEventListener('change', () => load(select.value));
$('open').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  const name = `models/scenarios/${file.name}`;
  opened.set(name, await file.text());
  if (![...select.options].some((o) => o.value === name))
    select.append(new Option(`${file.name} (opened)`, name));
  select.value = name;
  load(name);
});
$('run').addEventListener('click', () => void run());
$('open-results').addEventListener('change', async (e) => {
  const input = e.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  const status = $('open-results-status');
  try {
    const folder = await openZip(file);
    const kind = readManifest(folder, ['run', 'merge', 'compare']).command;
    await (kind === 'compare' ? comparePanel : runPanel).show(folder);
    status.className = '';
    const where = kind === 'compare' ? $('comparison') : $('results');
    status.textContent = `Opened ${folder.name}: the results of caresim ${kind}, shown above under "${where.querySelector('h2')?.textContent ?? ''}".`;
    where.scrollIntoView();
  } catch (err) {
    status.className = 'error';
    status.textContent = (err as Error).message;
  } finally {
    input.value = '';
  }
});
$('cancel').addEventListener('click', () => running?.abort());
const data = dataView({
  status: $('data-status'),
  summary: $('data-summary'),
  calibrateButton: $<HTMLButtonElement>('calibrate'),
  charts: $('data-charts'),
  startModel: () => start,
  useModel: (file, text) => {
    opened.set(file, text);
    if (![...select.options].some((o) => o.value === file))
      select.append(new Option(`${file.replace(/^models\//, '')} (calibrated here)`, file));
    select.value = file;
    load(file);
  },
});
$('data-files').addEventListener('change', (e) => {
  const input = e.target as HTMLInputElement;
  void data.check([...(input.files ?? [])]).finally(() => (input.value = ''));
});
const drop = $('data-drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  void data.check([...(e.dataTransfer?.files ?? [])]);
});
load(STARTING_MODELS[0]!);
void showSaved();
