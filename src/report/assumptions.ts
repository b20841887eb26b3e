/**
 * The assumptions appendix of a report: every number of the model in plain words with its unit,
 * grouped by theme (demand, journeys, homes, the ART, prices...), with its source or the
 * assumption behind it. The field path is kept, small, under each name, for the analyst who
 * wants to find it in the model file. Values are written exactly as the model gives them, so a
 * reviewer can check each against its document.
 */
import { listProvenance, type ProvenanceEntry } from '../scenario/provenance.ts';
import { fieldLabel } from '../scenario/fieldLabel.ts';
import { fieldTheme, fieldUnit, fromTo, THEMES, withUnit } from '../scenario/fieldUnit.ts';
import type { Block } from './blocks.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const ASSUMPTION_HEADER = ['Parameter', 'Value', 'Kind', 'Source or reason'];

/** A history figure is named by what the documents report and when. */
function nameOf(model: unknown, field: string): string {
  const h = /^history\[(\d+)\]\.documented/.exec(field);
  const entries = isObj(model) && Array.isArray(model.history) ? (model.history as unknown[]) : [];
  const entry = h ? entries[Number(h[1])] : undefined;
  if (isObj(entry) && typeof entry.label === 'string')
    return `${entry.label}${typeof entry.in === 'string' ? ` (${entry.in})` : ''}`;
  return fieldLabel(model, field);
}

/** A value as the model gives it, in its unit; a list as written. */
export function valueWithUnit(model: unknown, p: ProvenanceEntry): string {
  const x = Number(p.value);
  const unit = fieldUnit(model, p.field);
  if (!Number.isFinite(x)) return unit ? `${p.value} (${unit})` : p.value;
  const range =
    p.low !== undefined || p.high !== undefined
      ? ` (explored ${fromTo(p.low === undefined ? '?' : withUnit(p.low, unit), p.high === undefined ? '?' : withUnit(p.high, unit))})`
      : '';
  return withUnit(x, unit) + range;
}

/** One row of an assumptions table and its field path (the small note under the name). */
export function assumptionRow(model: unknown, p: ProvenanceEntry): { row: string[]; note: string } {
  return {
    row: [nameOf(model, p.field), valueWithUnit(model, p), p.kind === 'none' ? 'not stated' : p.kind, p.text],
    note: p.field,
  };
}

/** A table of provenance entries in plain names and units, paths as notes. */
export function assumptionTable(model: unknown, entries: readonly ProvenanceEntry[]): Block {
  const rows = entries.map((p) => assumptionRow(model, p));
  return {
    kind: 'table',
    header: ASSUMPTION_HEADER,
    rows: rows.map((r) => r.row),
    notes: rows.map((r) => r.note),
  };
}

/** Every number of a model, one table per theme in the order a reader meets the system. */
export function assumptionBlocks(model: unknown): Block[] {
  const entries = listProvenance(model);
  return THEMES.flatMap((theme) => {
    const mine = entries.filter((p) => fieldTheme(p.field) === theme);
    return mine.length === 0 ? [] : [{ kind: 'h3' as const, text: theme }, assumptionTable(model, mine)];
  });
}
