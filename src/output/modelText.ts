/**
 * A calibrated model as the file it is written to: a comment header (where it came from, what to
 * check before publishing) over YAML whose lists of numbers sit one to a line. The command line
 * writes it to disk; the app offers it for download and loads it as a starting model.
 */
import { Document, isScalar, visit } from 'yaml';

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

/** The file's text: each header line as a comment, then the model. */
export function calibratedModelText(model: Record<string, unknown>, header: string): string {
  return `${header
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n')}\n${yamlText(model)}`;
}
