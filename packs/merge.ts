/** Merges several packs into one, keeping the first of any duplicate id and reporting the rest. */
import type { Pack, PackMeta } from '../model/types.ts';

export interface MergeInput {
  label: string;
  pack: Pack;
}

export function mergePacks(inputs: MergeInput[], meta: PackMeta): { pack: Pack; duplicates: string[] } {
  const pack: Pack = { format: 'gloss-pack', version: 1, ...meta, entities: [], claims: [] };
  const where = new Map<string, string>();
  const duplicates: string[] = [];
  for (const { label, pack: p } of inputs) {
    for (const e of p.entities) {
      const first = where.get(e.id);
      if (first) duplicates.push(`entity '${e.id}' in ${label} duplicates one in ${first}; kept the first`);
      else {
        where.set(e.id, label);
        pack.entities.push(e);
      }
    }
    for (const c of p.claims) {
      const first = where.get(c.id);
      if (first) duplicates.push(`claim '${c.id}' in ${label} duplicates one in ${first}; kept the first`);
      else {
        where.set(c.id, label);
        pack.claims.push(c);
      }
    }
  }
  return { pack, duplicates };
}
