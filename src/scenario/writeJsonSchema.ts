/** `npm run schema`: regenerate models/caresim.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modelJsonSchemaText } from './jsonSchema.ts';

const target = fileURLToPath(new URL('../../models/caresim.schema.json', import.meta.url));
writeFileSync(target, modelJsonSchemaText());
console.log(`wrote ${target}`);
