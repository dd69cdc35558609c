/** Writes docs/pack.schema.json from the Valibot schema. Run: npx tsx packs/write-schema.ts */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packJsonSchemaText } from './json-schema.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'pack.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, packJsonSchemaText());
console.log(`wrote ${out}`);
