/**
 * Writing a calibrated model file and its report: YAML with a header that says where the numbers
 * came from, checked by loading it back as any model file is, and written only when valid (a
 * failed calibration leaves nothing that looks complete).
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Document, isScalar, visit } from 'yaml';
import { formatModelError, loadModel } from '../scenario/load.ts';

/**
 * Write `model` to `out` (and `report` beside it as `<name>.calibration.md`), if it loads as a valid model.
 * @throws Error listing the problems when the calibrated model is not valid (nothing is left behind)
 */
export function writeCalibratedModel(
  out: string,
  model: Record<string, unknown>,
  header: string,
  report: string,
): void {
  if (existsSync(out)) throw new Error(`${out} already exists: choose another --out, or remove it`);
  const tmp = join(dirname(out), `.${basename(out)}.partial`);
  const text = `${header
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n')}\n${yamlText(model)}`;
  writeFileSync(tmp, text);
  try {
    const loaded = loadModel(tmp);
    if (!loaded.ok)
      throw new Error(
        `the calibrated model is not valid (a fault in caresim or in the base model's calibration section):\n${loaded.errors.map((e) => `  ${formatModelError(e)}`).join('\n')}`,
      );
    writeFileSync(out.replace(/\.(ya?ml|json)$/i, '') + '.calibration.md', report);
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** YAML with lists of numbers (samples, deciles) on one line each, so the file stays readable. */
function yamlText(model: Record<string, unknown>): string {
  const doc = new Document(model);
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i) && typeof i.value === 'number')) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
