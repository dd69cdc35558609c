/** The catalogue shipped with Gloss, validated once when first used. */
import data from './sources.json';
import { type CatalogueEntry, parseCatalogue } from './schema.ts';

export type { CatalogueEntry } from './schema.ts';

let entries: CatalogueEntry[] | undefined;

export function catalogue(): CatalogueEntry[] {
  entries ??= parseCatalogue(data);
  return entries;
}
