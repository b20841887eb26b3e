/**
 * The caresim app: pick or open a model, run it in this browser on common random numbers with
 * the command line's own code, and read the answer, the findings and the charts. Nothing is sent
 * anywhere: models and results stay in the page.
 */
import regularFont from '@expo-google-fonts/source-sans-3/400Regular/SourceSans3_400Regular.ttf?url';
import boldFont from '@expo-google-fonts/source-sans-3/700Bold/SourceSans3_700Bold.ttf?url';
import { loadModelFrom, formatModelError, validateModelData, type LoadResult } from '../scenario/loadFrom.ts';
import type { ModelFile } from '../scenario/schema/model.ts';
import { prepare } from '../experiment/prepared.ts';
import { compareScenario } from '../experiment/comparison.ts';
import { readManifest } from '../output/manifest.ts';
import { summariseModel } from '../report/modelSummary.ts';
import { memoryReader, STARTING_MODELS } from './shippedModels.ts';
import { runInBrowser } from './browserRun.ts';
import { leversOf, modelValue, scenarioFile, shownValue, withEdits, type Lever } from './levers.ts';
import { listScenarios, saveScenario } from './saved.ts';
import { compareFolder, openZip, runFolder } from './resultsFolder.ts';
import { ResultsPanel } from './resultsView.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// The charts' font, served with the app (no font service is asked for anything).
const fonts = document.createElement('style');
fonts.textContent = `@font-face { font-family: 'Source Sans 3'; src: url(${regularFont}) format('truetype'); }
@font-face { font-family: 'Source Sans 3'; font-weight: 700; src: url(${boldFont}) format('truetype'); }`;
document.head.append(fonts);

/** Files the user opened, kept in memory under models/scenarios/ so that `extends: ../leicestershire.yaml` works. */
const opened = new Map<string, string>();
let current: Extract<LoadResult, { ok: true }> | null = null;
/** The model run: the loaded one with the form's edits applied and validated. */
let edited: ModelFile | null = null;
let currentFile = '';
const edits = new Map<string, number>();
let running: AbortController | null = null;
const runPanel = new ResultsPanel($('results'));
runPanel.summary.id = 'summary-json';
const comparePanel = new ResultsPanel($('comparison'));

function load(file: string, restore: readonly [string, number][] = []): void {
  const r = loadModelFrom(file, memoryReader(opened));
  const status = $('model-status');
  currentFile = file;
  edits.clear();
  for (const [k, v] of restore) edits.set(k, v);
  if (!r.ok) {
    current = null;
    status.className = 'error';
    status.textContent = `${file} is not a valid model: ${r.errors.length} problem(s).`;
    $('model-summary').textContent = r.errors.map(formatModelError).join('\n');
    ($('run') as HTMLButtonElement).disabled = true;
    return;
  }
  current = r;
  status.className = '';
  status.textContent = `${r.model.name} (${file})`;
  ($('scenario-name') as HTMLInputElement).value = `${r.model.name}, changed`;
  renderLevers(r.raw);
  applyEdits();
  $('model-summary').textContent = summariseModel(r.model, r.raw, file);
  ($('seed') as HTMLInputElement).value = String(r.model.run.seed);
  ($('run') as HTMLButtonElement).disabled = false;
}

async function run(): Promise<void> {
  if (!current) return;
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
      file: currentFile,
      set,
      seed,
      started: startedAt,
      modelAsWritten: current ? withEdits(current.raw, edits) : null,
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
    ($('run') as HTMLButtonElement).disabled = current === null;
    ($('cancel') as HTMLButtonElement).disabled = true;
  }
}

/** The form of levers, one fieldset a group, each number with its source and range. */
function renderLevers(raw: unknown): void {
  const form = $('levers');
  form.replaceChildren();
  const levers = leversOf(raw);
  for (const group of [...new Set(levers.map((l) => l.group))]) {
    const set = document.createElement('fieldset');
    set.append(Object.assign(document.createElement('legend'), { textContent: group }));
    for (const l of levers.filter((x) => x.group === group)) set.append(leverRow(l));
    form.append(set);
  }
}

function leverRow(l: Lever): HTMLElement {
  const row = document.createElement('div');
  row.className = 'lever';
  const id = `lever-${l.path.replace(/[^a-zA-Z0-9]/g, '-')}`;
  const unit = l.unit === '% a year' ? '% a year' : l.unit === '%' ? '%' : l.unit;
  const label = Object.assign(document.createElement('label'), {
    htmlFor: id,
    // The unit once: "Welland House: beds", not "beds (beds)".
    textContent: `${l.label}${unit && !l.label.toLowerCase().includes(unit) ? ` (${unit})` : ''}`,
  });
  const input = Object.assign(document.createElement('input'), {
    id,
    type: 'number',
    step: l.whole ? '1' : 'any',
    min: '0',
    value: String(shownValue(l, edits.get(l.path) ?? l.value)),
  });
  input.dataset.path = l.path;
  input.classList.toggle('changed', edits.has(l.path));
  const range =
    l.low !== undefined || l.high !== undefined
      ? ` Explored from ${shownValue(l, l.low ?? l.value)} to ${shownValue(l, l.high ?? l.value)}.`
      : '';
  const source = Object.assign(document.createElement('span'), {
    className: 'source',
    textContent: `${l.provenance}${range}`,
  });
  input.setAttribute('aria-describedby', `${id}-source`);
  source.id = `${id}-source`;
  input.addEventListener('change', () => {
    const x = Number(input.value);
    if (input.value === '' || !Number.isFinite(x)) return;
    const v = modelValue(l, x);
    if (v === l.value) edits.delete(l.path);
    else edits.set(l.path, v);
    input.classList.toggle('changed', edits.has(l.path));
    applyEdits();
  });
  row.append(label, input, source);
  return row;
}

/** Apply the form's edits to the model as written and check it as a file is checked. */
function applyEdits(): void {
  if (!current) return;
  const status = $('levers-status');
  const checked = validateModelData(withEdits(current.raw, edits));
  if (checked.ok) {
    edited = checked.model;
    status.className = '';
    status.textContent =
      edits.size === 0 ? 'As the model file has it.' : `${edits.size} number(s) changed from the model file.`;
    ($('run') as HTMLButtonElement).disabled = running !== null;
  } else {
    edited = null;
    status.className = 'error';
    status.textContent = `Not a valid model: ${checked.errors.join('; ')}`;
    ($('run') as HTMLButtonElement).disabled = true;
  }
}

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
        load(s.from, s.edits);
        ($('scenario-name') as HTMLInputElement).value = s.name;
      });
      li.append(`${s.name} (from ${s.from}, saved ${s.savedAt.slice(0, 16).replace('T', ' ')}) `, button);
      return li;
    }),
  );
  if (saved.length === 0)
    list.append(Object.assign(document.createElement('li'), { textContent: 'None yet.' }));
}

$('save').addEventListener('click', async () => {
  const name = ($('scenario-name') as HTMLInputElement).value.trim() || 'Unnamed scenario';
  await saveScenario({ name, savedAt: new Date().toISOString(), from: currentFile, edits: [...edits] });
  $('levers-status').textContent = `Saved "${name}" in this browser.`;
  await showSaved();
});

$('export').addEventListener('click', () => {
  if (!current) return;
  const name = ($('scenario-name') as HTMLInputElement).value.trim() || 'Unnamed scenario';
  const text = scenarioFile(current.raw, edits, {
    from: currentFile,
    name,
    date: new Date().toISOString().slice(0, 10),
  });
  const a = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(new Blob([text], { type: 'application/yaml' })),
    download: `${
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'scenario'
    }.yaml`,
  });
  document.body.append(a);
  a.click();
  a.remove();
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
  if (!edited) return;
  const name =
    edits.size === 0
      ? edited.name
      : ($('scenario-name') as HTMLInputElement).value.trim() || 'Unnamed scenario';
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
    status.textContent = `Opened ${folder.name}: the results of caresim ${kind}, shown below.`;
  } catch (err) {
    status.className = 'error';
    status.textContent = (err as Error).message;
  } finally {
    input.value = '';
  }
});
$('cancel').addEventListener('click', () => running?.abort());
load(STARTING_MODELS[0]!);
void showSaved();
