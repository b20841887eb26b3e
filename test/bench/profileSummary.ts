// Summarise a V8 .cpuprofile (from `node --cpu-prof`) by self time per function, the way DevTools'
// "Bottom-Up" view does: each sample is charged to the function on top of the stack when it was taken.
//
// Run: node test/bench/profileSummary.ts <file.cpuprofile> [top=15]   (or npx tsx ...)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTimeRow {
  name: string;
  /** file:line (1-based), shortened to the path inside the project. */
  where: string;
  selfMs: number;
  share: number;
}

/** Self time per function (by name and location), largest first. */
export function selfTimes(profile: Profile): SelfTimeRow[] {
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) byId.set(n.id, n);
  const ms = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time from sample i-1 to sample i; charge it to sample i's node.
  for (let i = 0; i < samples.length; i++) {
    ms.set(samples[i]!, (ms.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const rows = new Map<string, SelfTimeRow>();
  let total = 0;
  for (const [id, t] of ms) {
    const f = byId.get(id)!.callFrame;
    const name = f.functionName || '(anonymous)';
    const url = f.url.replace(/^file:\/\//, '').replace(/^.*\/(src|test|node_modules)\//, '$1/');
    const where = url ? `${url}:${f.lineNumber + 1}` : '';
    const key = `${name} ${where}`;
    const row = rows.get(key) ?? { name, where, selfMs: 0, share: 0 };
    row.selfMs += t;
    rows.set(key, row);
    total += t;
  }
  const out = [...rows.values()].sort((a, b) => b.selfMs - a.selfMs);
  for (const r of out) r.share = r.selfMs / total;
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: profileSummary.ts <file.cpuprofile> [top]');
  const top = Number(process.argv[3] ?? 15);
  const rows = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const total = rows.reduce((s, r) => s + r.selfMs, 0);
  console.log(`total sampled ${total.toFixed(0)} ms`);
  console.log(`${'self ms'.padStart(9)} ${'share'.padStart(6)}  function  location`);
  for (const r of rows.slice(0, top)) {
    console.log(
      `${r.selfMs.toFixed(1).padStart(9)} ${(100 * r.share).toFixed(1).padStart(5)}%  ${r.name}  ${r.where}`,
    );
  }
}
