/** How an uncertain parameter is named, whether one field or many sharing one assumption through a YAML anchor. */

/**
 * The field that names a parameter: the first that is part of the model proper, not an `x-`
 * block holding a YAML anchor's definition.
 */
export function namingField(fields: readonly string[]): string {
  return fields.find((f) => !f.startsWith('x-')) ?? fields[0]!;
}

/** A readable name for a parameter: its label (or naming field), and how many more fields share it. */
export function parameterName(r: { fields: readonly string[]; label?: string }): string {
  const name = r.label ?? namingField(r.fields);
  const others = r.fields.filter((f) => !f.startsWith('x-')).length - 1;
  return others <= 0 ? name : `${name} and ${others} more sharing it`;
}
