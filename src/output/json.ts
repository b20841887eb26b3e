/** JSON as every results file writes it: two-space indent and a final newline, so files diff cleanly. */
export const jsonText = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
