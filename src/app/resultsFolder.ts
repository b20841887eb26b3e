/**
 * The app's results as the command line's results folders: the same tables, manifest, charts
 * (vega-lite spec, SVG, PNG), reports and workbook, written by the same functions into a folder
 * in memory, exported as a .zip and opened again from one. `caresim report` reads an exported
 * folder as it reads its own.
 */
import JSZip from 'jszip';
import regularFont from '@expo-google-fonts/source-sans-3/400Regular/SourceSans3_400Regular.ttf?url';
import {
  type ScenarioComparison,
  type PreparedModel,
  type ReplicationSet,
  compareFacts,
  writeCompareTables,
  memoryFolder,
  type Folder,
  manifestText,
  readManifest,
  timing,
  type Manifest,
  compareReportDoc,
  reportTexts,
  runReportDoc,
  SHORT_SECTIONS,
  modelFacts,
  writeRunTables,
  RESULTS_FORMAT,
} from '../lib/browser.ts';
import { folderStamp } from '../output/folder.ts';
import { PRNG_ALGORITHM } from '../random/streams.ts';
import { jsonText } from '../output/json.ts';
import type { DrawnChart } from './chartView.ts';

declare const __CARESIM_VERSION__: string;

/** What every manifest records of what made it: here, this app in a browser. */
function browserFacts(): Pick<Manifest, 'format' | 'caresim' | 'gitCommit' | 'node' | 'platform' | 'prng'> {
  return {
    format: RESULTS_FORMAT,
    caresim: __CARESIM_VERSION__,
    gitCommit: null,
    node: 'none: run by the caresim app in a web browser',
    platform: navigator.userAgent,
    prng: PRNG_ALGORITHM,
  };
}

/** The files an exported folder holds beyond its tables and manifest. */
const LATER = ['charts/', 'report.html', 'report-short.html', 'report.md', 'results.xlsx', 'manifest.json'];

/** `<model>-<YYYYMMDD-HHMMSS>`, as the command line names its folders. */
export function folderName(stem: string, started: Date): string {
  const t = folderStamp(started);
  const clean = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${clean || 'model'}-${t}`;
}

/** A run's results folder: its tables and manifest (charts and reports come with `complete`). */
export function runFolder(o: {
  prepared: PreparedModel;
  file: string;
  set: ReplicationSet;
  seed: number;
  started: Date;
  modelAsWritten: unknown;
}): Folder {
  const folder = memoryFolder(folderName(o.prepared.model.name, o.started));
  writeRunTables(folder, o.set, o.seed);
  folder.write(
    'manifest.json',
    manifestText({
      ...browserFacts(),
      command: 'run',
      ...modelFacts(o.prepared, o.file, o.set, o.seed),
      modelAsWritten: o.modelAsWritten,
      shard: null,
      sequentialStopping: null,
      ...timing(o.started),
      files: [...folder.list(), ...LATER],
    }),
  );
  return folder;
}

/** A comparison's results folder: its tables and manifest. */
export function compareFolder(o: {
  prepared: readonly PreparedModel[];
  sets: readonly ReplicationSet[];
  comparisons: readonly ScenarioComparison[];
  seed: number;
  started: Date;
}): Folder {
  const base = o.prepared[0]!.model.name;
  const folder = memoryFolder(folderName(`compare-${base}`, o.started));
  const files = o.prepared.map((p) => p.model.name);
  writeCompareTables(folder, {
    sets: o.sets,
    comparisons: o.comparisons,
    base: { name: base, file: base },
    seed: o.seed,
  });
  folder.write(
    'manifest.json',
    manifestText({
      ...browserFacts(),
      command: 'compare',
      ...compareFacts(o.prepared, files, o.sets),
      seed: o.seed,
      replications: o.sets[0]!.reps.length,
      sequentialStopping: null,
      ...timing(o.started),
      files: [...folder.list(), ...LATER],
      resolvedModels: o.prepared.map((p) => p.model as unknown as Record<string, unknown>),
      modelsAsWritten: null,
    }),
  );
  return folder;
}

let font: Promise<string> | undefined;
/** The report font, base64, as the command line embeds it in report.html. */
const reportFont = () =>
  (font ??= fetch(regularFont)
    .then((r) => r.arrayBuffer())
    .then((b) => {
      let s = '';
      for (const byte of new Uint8Array(b)) s += String.fromCharCode(byte);
      return btoa(s);
    }));

/**
 * Add what a finished folder has beyond its tables: each chart's spec, SVG and PNG, the reports
 * and the workbook (once; the folder remembers).
 */
export async function completeFolder(
  folder: Folder,
  charts: readonly { name: string; drawn: DrawnChart; spec: object }[],
): Promise<void> {
  if (folder.has('report.html')) return;
  const kind = readManifest(folder, ['run', 'merge', 'compare']).command;
  for (const c of charts) {
    const { svg, png } = await c.drawn.files();
    folder.write(`charts/${c.name}.vl.json`, jsonText(c.spec));
    folder.write(`charts/${c.name}.svg`, svg);
    folder.write(`charts/${c.name}.png`, png);
  }
  const doc = kind === 'compare' ? compareReportDoc(folder) : runReportDoc(folder);
  for (const [file, text] of reportTexts(
    doc,
    kind === 'compare' ? SHORT_SECTIONS.compare : SHORT_SECTIONS.run,
    await reportFont(),
  ))
    folder.write(file, text);
  // Excel's writer is large: loaded only when a workbook is asked for.
  const { writeCompareWorkbook, writeRunWorkbook } = await import('../output/workbook.ts');
  await (kind === 'compare' ? writeCompareWorkbook(folder) : writeRunWorkbook(folder));
}

/** The folder as a .zip holding one folder of its name, as `caresim` would have written it. */
export async function zipFolder(folder: Folder): Promise<Blob> {
  const zip = new JSZip();
  const into = zip.folder(folder.name)!;
  for (const f of folder.list()) into.file(f, folder.bytes(f));
  return zip.generateAsync({ type: 'blob', compression: 'DEFLATE' });
}

/**
 * A results folder from a .zip (one the app exported, or a folder of the command line's zipped):
 * the files under the folder that holds manifest.json.
 * @throws Error naming the file when it holds no results folder
 */
export async function openZip(file: File): Promise<Folder> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(await file.arrayBuffer());
  } catch {
    throw new Error(`${file.name}: not a .zip file`);
  }
  const manifests = Object.keys(zip.files).filter((f) => /(^|\/)manifest\.json$/.test(f));
  const manifest = manifests.sort((a, b) => a.length - b.length)[0];
  if (!manifest) throw new Error(`${file.name}: no manifest.json inside (not a caresim results folder)`);
  const prefix = manifest.slice(0, -'manifest.json'.length);
  const name = prefix.replace(/\/$/, '') || file.name.replace(/\.zip$/i, '');
  const folder = memoryFolder(name);
  for (const [path, entry] of Object.entries(zip.files)) {
    if (entry.dir || !path.startsWith(prefix)) continue;
    folder.write(path.slice(prefix.length), await entry.async('uint8array'));
  }
  return folder;
}
