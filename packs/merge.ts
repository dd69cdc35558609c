/** Merges several packs into one, keeping the first of any duplicate id and reporting the rest. */
import type { Pack, PackMeta } from '../model/types.ts';

export interface MergeInput {
  label: string;
  pack: Pack;
}

export function mergePacks(inputs: MergeInput[], meta: PackMeta): { pack: Pack; duplicates: string[] } {
  const pack: Pack = { format: 'gloss-pack', version: 1, ...meta, entities: [], claims: [] };
  const duplicates: string[] = [];
  // Entities and claims share one id space (see validate.ts), so one map serves both.
  const where = new Map<string, string>();
  const keepFirst = <T extends { id: string }>(kind: string, label: string, items: T[], into: T[]): void => {
    for (const item of items) {
      const first = where.get(item.id);
      if (first) duplicates.push(`${kind} '${item.id}' in ${label} duplicates one in ${first}; kept the first`);
      else {
        where.set(item.id, label);
        into.push(item);
      }
    }
  };
  for (const { label, pack: p } of inputs) {
    keepFirst('entity', label, p.entities, pack.entities);
    keepFirst('claim', label, p.claims, pack.claims);
  }
  return { pack, duplicates };
}
