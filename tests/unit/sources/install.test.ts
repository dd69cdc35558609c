import { describe, expect, it } from 'vitest';
import { GlossDB } from '../../../storage/db';
import { freshDbPerTest } from '../fresh-db';
import { type InstallProgress, installPack, sourcesFingerprint } from '../../../storage/knowledge-base';
import { makePack } from './helpers';

let db: GlossDB;
freshDbPerTest('test-install', (d) => (db = d));

describe('atomic install with progress', () => {
  it('writes in chunks inside one transaction and reports records done of total', async () => {
    const seen: InstallProgress[] = [];
    const row = await installPack(db, makePack(5_000, { claims: 300 }), { kind: 'url', sourceId: 'src', chunkSize: 2_000, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.done)).toEqual([0, 2_000, 4_000, 5_000, 5_300]);
    expect(seen.every((p) => p.total === 5_300)).toBe(true);
    expect(row).toMatchObject({ id: 'src', entityCount: 5_000, claimCount: 300, status: 'ok' });
    expect(await db.entities.where('sourceId').equals('src').count()).toBe(5_000);
    expect(await db.entities.get('src:e4999')).toBeDefined();
  });

  it('a progress callback that throws half-way leaves the previous version intact', async () => {
    await installPack(db, makePack(3_000), { kind: 'url', sourceId: 'src' });
    const before = await db.sources.get('src');
    const fp = await sourcesFingerprint(db);
    const next = makePack(4_500, { updated: '2026-02-02' });
    await expect(
      installPack(db, next, {
        kind: 'url',
        sourceId: 'src',
        chunkSize: 1_000,
        onProgress: ({ done }) => {
          if (done >= 2_000) throw new Error('stopped half-way');
        },
      }),
    ).rejects.toThrow('stopped half-way');
    expect(await db.entities.count()).toBe(3_000);
    expect(await db.entities.get('src:e3500')).toBeUndefined();
    expect(await db.entities.get('src:e2999')).toBeDefined();
    expect(await db.sources.get('src')).toEqual(before);
    expect(await sourcesFingerprint(db)).toBe(fp);
  });

  it('a constraint error in a later chunk leaves the previous version intact', async () => {
    await installPack(db, makePack(2_500), { kind: 'url', sourceId: 'src' });
    const dup = makePack(2_500, { updated: '2026-03-03' });
    dup.entities.push({ ...dup.entities[10]!, name: 'Duplicate' }); // same id, lands in the third chunk
    await expect(installPack(db, dup, { kind: 'url', sourceId: 'src', chunkSize: 1_000 })).rejects.toThrow();
    expect(await db.entities.count()).toBe(2_500);
    expect((await db.sources.get('src'))?.updated).toBe('2026-01-01');
  });

  it('does not resurrect a removed source when requireExisting is set', async () => {
    await expect(installPack(db, makePack(3), { kind: 'url', sourceId: 'gone', requireExisting: true })).rejects.toThrow(/removed/);
    expect(await db.sources.count()).toBe(0);
    expect(await db.entities.count()).toBe(0);
  });

  it('keys records by the source id, so two URLs serving the same pack id stay apart', async () => {
    await installPack(db, makePack(3), { kind: 'url', sourceId: 'a' });
    await installPack(db, makePack(2), { kind: 'url', sourceId: 'b' });
    expect(await db.entities.where('sourceId').equals('a').count()).toBe(3);
    expect(await db.entities.where('sourceId').equals('b').count()).toBe(2);
  });
});
