/**
 * `caresim validate FILE...`: check model files and print a readable summary of each, or
 * every error found with its file, line, field, what was expected and what was found.
 */
import { formatModelError, loadModel } from '../lib/index.ts';
import { listProvenance } from '../scenario/provenance.ts';
import { summariseModel } from '../report/modelSummary.ts';
import { textTable } from '../report/textTable.ts';

export interface ValidateOptions {
  provenance?: boolean;
  quiet?: boolean;
}

/** Validate each file; returns the process exit code (0 all valid, 1 any error). */
export function validateCommand(
  files: readonly string[],
  opts: ValidateOptions,
  print = console.log,
  printErr = console.error,
): number {
  let failed = 0;
  files.forEach((file, i) => {
    const r = loadModel(file);
    if (i > 0 && !opts.quiet) print('');
    if (!r.ok) {
      failed++;
      printErr(`${file}: ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`);
      for (const e of [...r.errors, ...r.warnings]) printErr(`  ${formatModelError(e)}`);
      return;
    }
    for (const w of r.warnings) printErr(`  ${formatModelError(w)}`);
    if (opts.quiet) {
      print(`${file}: valid`);
      return;
    }
    print(summariseModel(r.model, r.raw, file));
    if (opts.provenance) {
      const rows = listProvenance(r.raw).map((p) => [
        p.field,
        p.value,
        p.kind,
        p.text +
          (p.low !== undefined || p.high !== undefined ? ` [range ${p.low ?? '?'} to ${p.high ?? '?'}]` : ''),
      ]);
      print('');
      print('Where each number comes from');
      print(textTable(['field', 'value', 'kind', 'source or reason'], rows));
    }
  });
  if (failed > 0 && files.length > 1) printErr(`${failed} of ${files.length} files have errors`);
  return failed > 0 ? 1 : 0;
}
