import { describe, expect, it } from 'vitest';
import { MatcherService } from '../../../background/matchers';
import type { GlossDB } from '../../../storage/db';
import { getEntities, installPack, PAGE_SIZE, PAGED_ABOVE, removeSource, type SourceState } from '../../../storage/knowledge-base';
import { freshDbPerTest } from '../fresh-db';
import { makePack } from '../sources/helpers';

let db: GlossDB;
freshDbPerTest('test-pages', (d) => (db = d));

describe('large sources are stored in pages of entities', () => {
  it('a pack above the threshold goes into pages; records are found by key and matched; removal takes the pages', async () => {
    const n = PAGED_ABOVE + 2_000;
    const progress: number[] = [];
    await installPack(db, makePack(n), { kind: 'file', sourceId: 'file-big', onProgress: (p) => progress.push(p.done) });
    const row = (await db.sources.get('file-big')) as SourceState;
    expect(row.entityPages).toBe(Math.ceil(n / PAGE_SIZE));
    expect(row.entityCount).toBe(n);
    expect(await db.entities.count()).toBe(0);
    expect(await db.entityPages.count()).toBe(row.entityPages);
    expect(progress.at(-1)).toBe(n);
    const found = await getEntities(db, ['file-big:e0', 'file-big:e6999', 'file-big:nope', 'other:e1']);
    expect([...found.keys()].sort()).toEqual(['file-big:e0', 'file-big:e6999']);
    expect(found.get('file-big:e6999')!.name).toBe('Person Number6999');
    const m = await new MatcherService(db).ready();
    expect(m.entity.match('We met Person Number6543 today.').map((x) => x.entityIds)).toEqual([['file-big:e6543']]);
    await removeSource(db, 'file-big');
    expect(await db.entityPages.count()).toBe(0);
  });

  it('a source that shrinks below the threshold goes back to single rows, and small ones never use pages', async () => {
    await installPack(db, makePack(PAGED_ABOVE + 1), { kind: 'file', sourceId: 'file-a' });
    await installPack(db, makePack(10), { kind: 'file', sourceId: 'file-a' });
    expect(await db.entityPages.count()).toBe(0);
    expect(await db.entities.count()).toBe(10);
    expect(((await db.sources.get('file-a')) as SourceState).entityPages).toBeUndefined();
    expect((await getEntities(db, ['file-a:e3'])).get('file-a:e3')?.name).toBe('Person Number3');
  });
});
