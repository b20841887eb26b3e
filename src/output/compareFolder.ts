/**
 * The results folder of a comparison (`caresim compare`): compare.json, the paired tables
 * by year and by replication, each model's own costs, the charts and reports, and the
 * manifest, written into a folder that appears only when complete.
 */
import { runComparison, type ScenarioComparison } from '../experiment/compare.ts';
import { prepare } from '../experiment/prepared.ts';
import type { SeriesOptions } from '../experiment/runner.ts';
import type { ModelFile } from '../scenario/schema/model.ts';
import { manifestText, timing, type CompareManifest } from './manifest.ts';
import { buildFacts } from './buildInfo.ts';
import { compareFacts, writeCompareTables } from './compareFiles.ts';
import { diskFolder } from './diskFolder.ts';
import { defaultRunDir, RunDirectory } from './runDirectory.ts';

export interface CompareOptions extends Omit<SeriesOptions, 'replications' | 'seed'> {
  files: string[];
  models: ModelFile[];
  /** The models as their files wrote them, for the report's assumptions tables. */
  modelsAsWritten?: unknown[];
  /** Draw the charts and write the reports (default true). */
  charts?: boolean;
  replications?: number;
  seed?: number;
  out?: string;
  /** Sequential stopping on the decision metrics (runComparison). */
  precision?: number;
  maxReplications?: number;
}

export interface CompareOutcome {
  dir: string;
  comparisons: ScenarioComparison[];
  manifest: CompareManifest;
}

/**
 * Run the base (first model) and each scenario on the same replications and seed (common
 * random numbers), compare them pairwise with the base and write the comparison folder.
 */
export async function executeCompare(o: CompareOptions): Promise<CompareOutcome> {
  const started = new Date();
  const base = o.models[0]!;
  const replications = o.replications ?? base.run.replications;
  const seed = o.seed ?? base.run.seed;
  const dir = new RunDirectory(o.out ?? defaultRunDir(`compare-${o.files[0]!}`, started));
  try {
    const prepared = o.models.map((m) => prepare(m, o.years));
    const { sets, comparisons, stopping } = await runComparison({
      models: prepared,
      files: o.files,
      replications,
      seed,
      ...(o.precision === undefined ? {} : { precision: o.precision }),
      ...(o.maxReplications === undefined ? {} : { maxReplications: o.maxReplications }),
      ...(o.workers === undefined ? {} : { workers: o.workers }),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    // With --precision the replications run are those sequential stopping reached.
    const ran = sets[0]!.reps.length;
    writeCompareTables(dir, { sets, comparisons, base: { name: base.name, file: o.files[0]! }, seed });
    const manifest: CompareManifest = {
      ...buildFacts(),
      command: 'compare',
      ...compareFacts(prepared, o.files, sets),
      seed,
      replications: ran,
      sequentialStopping: stopping,
      ...timing(started),
      files: [
        ...dir.files,
        ...(o.charts === false
          ? []
          : ['charts/', 'report.html', 'report-short.html', 'report.md', 'report.docx', 'results.xlsx']),
        'manifest.json',
      ],
      resolvedModels: o.models as unknown as Record<string, unknown>[],
      modelsAsWritten: o.modelsAsWritten ?? null,
    };
    dir.write('manifest.json', manifestText(manifest));
    if (o.charts !== false) {
      // Charts, reports and workbooks load only when drawn (see runFolder.ts).
      const { redrawCompareCharts } = await import('./chartFiles.ts');
      const { writeCompareReport, writeCompareWordReport } = await import('./reportFiles.ts');
      const { writeCompareWorkbook } = await import('./workbook.ts');
      await redrawCompareCharts(dir.partial);
      writeCompareReport(dir.partial);
      await writeCompareWordReport(dir.partial);
      await writeCompareWorkbook(diskFolder(dir.partial));
    }
    dir.commit();
    return { dir: dir.target, comparisons, manifest };
  } catch (e) {
    dir.abandon();
    throw e;
  }
}
