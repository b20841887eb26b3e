/** How a field's path is written in messages and tables. */
import type { Path } from './issues.ts';

/** Render a path as `homes.oldPostOffice.reRegistrations[0].date`. */
export function fieldName(path: Path): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc === '' ? String(k) : `${acc}.${String(k)}`),
    '',
  );
}
