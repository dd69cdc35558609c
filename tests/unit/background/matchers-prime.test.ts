import { describe, expect, it } from 'vitest';
import { MatcherService } from '../../../background/matchers';
import type { GlossDB } from '../../../storage/db';
import { installPack } from '../../../storage/knowledge-base';
import { freshDbPerTest } from '../fresh-db';
import { makePack } from '../sources/helpers';

let db: GlossDB;
freshDbPerTest('test-prime', (d) => (db = d));

const names = async (m: MatcherService, text: string) => (await m.ready()).entity.match(text).map((x) => x.text);

describe('a just-installed source hands its aliases to the matcher build', () => {
  it('the primed aliases are used (no read-back) only for the install they came from', async () => {
    const row = await installPack(db, makePack(3), { kind: 'file', sourceId: 'file-a' });
    const stale = new MatcherService(db);
    // Primed for another install of the source: ignored, the records are read back.
    stale.prime('file-a', (row.installedAt ?? 0) - 1, [{ key: 'file-a:e0', name: 'Zzyzx Primedname', aliases: [] }]);
    expect(await names(stale, 'Person Number1 met Zzyzx Primedname.')).toEqual(['Person Number1']);

    await db.matchers.clear(); // else the stored matcher from above would simply be loaded
    const fresh = new MatcherService(db);
    fresh.prime('file-a', row.installedAt, [{ key: 'file-a:e0', name: 'Zzyzx Primedname', aliases: [] }]);
    expect(await names(fresh, 'Person Number1 met Zzyzx Primedname.')).toEqual(['Zzyzx Primedname']);
  });

  it('a restarted background loads the stored matcher without reading the records', async () => {
    await installPack(db, makePack(3), { kind: 'file', sourceId: 'file-a' });
    await new MatcherService(db).ready();
    const restarted = new MatcherService(db);
    const spy = db.entities.where.bind(db.entities);
    let reads = 0;
    db.entities.where = ((...a: Parameters<typeof spy>) => (reads++, spy(...a))) as typeof db.entities.where;
    expect(await names(restarted, 'Person Number2 spoke.')).toEqual(['Person Number2']);
    expect(reads).toBe(0);
  });
});
