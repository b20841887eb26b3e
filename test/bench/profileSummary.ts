// Summarise a V8 .cpuprofile (from `node --cpu-prof`) by self time per function, as DevTools' "Bottom-Up"
// view does: each sample is charged to the function on top of the stack when it was taken (a function V8
// inlined into its caller is still reported as itself: the profiler rebuilds inlined frames).
//
// Locations: tsx compiles each .ts file to one long line, so the profile's line numbers are all 1. Run this
// script under tsx too: it imports the profiled src/ modules (pure libraries) so that tsx compiles them the
// same way again, and maps each function's position back to its .ts line with the source map tsx
// registered (node:module findSourceMap). That is exact as long as src/ has not changed since the profile
// was taken; otherwise the lines are marked "?".
//
// Shares: "% all" is of every sample; "% busy" leaves out (idle), (program) and node's own internals
// (module loading at start-up), so it is the share of the time spent running the simulation.
//
// Run: npx tsx test/bench/profileSummary.ts <file.cpuprofile> [top=15]
// With a directory, the largest .cpuprofile in it (the main thread: tsx's loader thread writes its own).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTimeRow {
  name: string;
  /** Source file (shortened to the path inside the project) and 1-based line of the function. */
  where: string;
  selfMs: number;
  /** Share of all samples. */
  share: number;
  /** Share of the busy samples (see the file comment); NaN for the non-busy rows. */
  busyShare: number;
}

const NOT_BUSY = new Set(['(idle)', '(program)']);

function isBusy(f: CallFrame): boolean {
  return !NOT_BUSY.has(f.functionName) && !f.url.startsWith('node:');
}

/** The .ts line of a function tsx compiled, or null when no source map is registered for its file. */
function sourceLine(f: CallFrame): number | null {
  if (!f.url.startsWith('file://')) return null;
  const map = findSourceMap(f.url);
  if (map === undefined) return null;
  // The entry at the function's start, or the next one (a mapping may begin just after the position).
  for (let k = 0; k < 16; k++) {
    const e = map.findEntry(f.lineNumber, f.columnNumber + k) as {
      generatedColumn?: number;
      originalLine?: number;
    };
    if (
      e.originalLine !== undefined &&
      e.generatedColumn !== undefined &&
      e.generatedColumn >= f.columnNumber
    )
      return e.originalLine + 1;
  }
  return null;
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*\/(src|test|node_modules)\//, '$1/');
}

/** Self time per function (by name and location), largest first. */
export function selfTimes(profile: CpuProfile): SelfTimeRow[] {
  const frames = new Map<number, CallFrame>();
  for (const n of profile.nodes) frames.set(n.id, n.callFrame);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time from sample i-1 to sample i: charge it to sample i's node.
  const msByNode = new Map<number, number>();
  for (let i = 0; i < samples.length; i++)
    msByNode.set(samples[i]!, (msByNode.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
  const rows = new Map<string, SelfTimeRow & { busy: boolean }>();
  let total = 0;
  let busyTotal = 0;
  for (const [id, ms] of msByNode) {
    const f = frames.get(id)!;
    const name = f.functionName || '(anonymous)';
    const key = `${name}@${f.url}:${f.lineNumber}:${f.columnNumber}`;
    let row = rows.get(key);
    if (row === undefined) {
      const line = f.url.includes('/node_modules/') ? f.lineNumber + 1 : sourceLine(f);
      const where = f.url === '' ? '' : `${shortUrl(f.url)}:${line ?? '?'}`;
      row = { name, where, selfMs: 0, share: 0, busyShare: NaN, busy: isBusy(f) };
      rows.set(key, row);
    }
    row.selfMs += ms;
    total += ms;
    if (row.busy) busyTotal += ms;
  }
  const out = [...rows.values()].sort((a, b) => b.selfMs - a.selfMs);
  for (const r of out) {
    r.share = r.selfMs / total;
    if (r.busy) r.busyShare = r.selfMs / busyTotal;
  }
  return out.map(({ busy: _busy, ...r }) => r);
}

/** Import the profiled src/ modules so that tsx registers their source maps in this process. */
async function loadProfiledSources(profile: CpuProfile): Promise<void> {
  const urls = new Set(
    profile.nodes.map((n) => n.callFrame.url).filter((u) => u.startsWith('file://') && u.includes('/src/')),
  );
  for (const url of urls) {
    try {
      await import(url);
    } catch {
      // a file that no longer exists or fails to load: its lines stay unknown
    }
  }
}

/** The file itself, or the largest .cpuprofile in a directory. */
function pickProfile(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(path, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${path}`);
  return files.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  if (arg === undefined) throw new Error('usage: profileSummary.ts <file.cpuprofile | directory> [top]');
  const file = pickProfile(arg);
  const top = Number(process.argv[3] ?? 15);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  await loadProfiledSources(profile);
  const rows = selfTimes(profile);
  const total = rows.reduce((s, r) => s + r.selfMs, 0);
  const busy = rows.reduce((s, r) => s + (Number.isNaN(r.busyShare) ? 0 : r.selfMs), 0);
  console.log(`${file}: ${total.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy`);
  console.log(
    `${'self ms'.padStart(8)}  ${'% all'.padStart(5)}  ${'% busy'.padStart(6)}  function (file:line)`,
  );
  for (const r of rows.slice(0, top)) {
    const busyShare = Number.isNaN(r.busyShare) ? '' : (100 * r.busyShare).toFixed(1);
    console.log(
      `${r.selfMs.toFixed(1).padStart(8)}  ${(100 * r.share).toFixed(1).padStart(5)}  ${busyShare.padStart(6)}  ${r.name}${r.where ? ` (${r.where})` : ''}`,
    );
  }
}
