/**
 * The JSON Schema of model files, generated from the zod schema so the two never disagree.
 * Editors (VS Code's YAML extension, via the `# yaml-language-server: $schema=...` line at the
 * top of each model file) use it to complete field names and flag mistakes while typing.
 * Cross-field rules cannot be expressed in JSON Schema: `caresim validate` checks those.
 */
import { z } from 'zod';
import { modelFile } from './schema/model.ts';

/** The JSON Schema (draft 2020-12) of a model file as written (defaults optional). */
export function modelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(modelFile, { io: 'input', unrepresentable: 'any', reused: 'ref' }) as Record<
    string,
    unknown
  >;
  // Top-level "x-" keys hold YAML anchors and are ignored by the loader (load.ts).
  return {
    ...schema,
    title: 'caresim model file',
    $id: 'caresim.schema.json',
    patternProperties: { '^x-': {} },
  };
}

/** The schema as committed: stable key order, two-space indent, trailing newline. */
export function modelJsonSchemaText(): string {
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}
