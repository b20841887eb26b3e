/**
 * `npm run notebook -- NAME`: run one notebook. Each writes its figures, tables and a short
 * Markdown summary under runs/notebooks/NAME/.
 */
import { readdirSync } from 'node:fs';

const available = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'common.ts'].includes(f))
  .map((f) => f.slice(0, -3));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run notebook -- NAME, where NAME is one of: ${available.join(', ')}`);
  process.exit(2);
}
await import(`./${name}.ts`);
