/**
 * Where every number in a model came from. Walks the merged model as written (not the
 * version with defaults filled in: a default is the software's choice, not the author's)
 * and lists each number with its source or assumption, or flags it as unexplained.
 */
import type { Path } from './issues.ts';

export type ProvenanceKind = 'source' | 'assumption' | 'none';

export interface ProvenanceEntry {
  /** Dotted field path. */
  field: string;
  /** The number, or a short rendering of a list of numbers. */
  value: string;
  kind: ProvenanceKind;
  /** The source citation or the assumption's reason. */
  text: string;
  low?: number;
  high?: number;
}

/** Numbers that are settings of the study or the software, not facts about the care system. */
const NOT_PARAMETERS = new Set([
  'caresim',
  'run.replications',
  'run.seed',
  'time.years',
  'time.warmupYears',
  'time.financialYearStartMonth',
]);

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldOf(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/**
 * List the provenance of every numeric parameter in a model (as merged from its files).
 * A whole distribution or seasonality list with `source`/`assumption` covers the numbers inside it.
 */
export function listProvenance(raw: unknown): ProvenanceEntry[] {
  const out: ProvenanceEntry[] = [];
  const walk = (v: unknown, path: Path, inherited?: { kind: ProvenanceKind; text: string }) => {
    const field = fieldOf(path);
    // A history check's tolerance is a setting of the check, not a number about the care system.
    if (NOT_PARAMETERS.has(field) || /^history\[\d+\]\.tolerance$/.test(field)) return;
    if (typeof v === 'number') {
      out.push({ field, value: String(v), kind: inherited?.kind ?? 'none', text: inherited?.text ?? '' });
      return;
    }
    if (Array.isArray(v)) {
      if (v.length > 0 && v.every((x) => typeof x === 'number')) {
        const shown = v.length > 6 ? `[${v.slice(0, 6).join(', ')}, …]` : `[${v.join(', ')}]`;
        out.push({ field, value: shown, kind: inherited?.kind ?? 'none', text: inherited?.text ?? '' });
      } else v.forEach((x, i) => walk(x, [...path, i], inherited));
      return;
    }
    if (!isObj(v)) return;
    if (typeof v.value === 'number' && (typeof v.source === 'string' || typeof v.assumption === 'string')) {
      const kind: ProvenanceKind = typeof v.source === 'string' ? 'source' : 'assumption';
      out.push({
        field,
        value: String(v.value),
        kind,
        text: String(kind === 'source' ? v.source : v.assumption),
        ...(typeof v.low === 'number' ? { low: v.low } : {}),
        ...(typeof v.high === 'number' ? { high: v.high } : {}),
      });
      return;
    }
    let own = inherited;
    if (typeof v.source === 'string') own = { kind: 'source', text: v.source };
    else if (typeof v.assumption === 'string') own = { kind: 'assumption', text: v.assumption };
    for (const [k, x] of Object.entries(v)) {
      if (k === 'source' || k === 'assumption') continue;
      walk(x, [...path, k], own);
    }
  };
  walk(raw, []);
  return out;
}

/** Counts by kind, for the summary line. */
export function provenanceCounts(entries: readonly ProvenanceEntry[]): Record<ProvenanceKind, number> {
  const counts: Record<ProvenanceKind, number> = { source: 0, assumption: 0, none: 0 };
  for (const e of entries) counts[e.kind]++;
  return counts;
}
