import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Pack } from '../../../model/types';
import { GlossDB } from '../../../storage/db';
import { freshDbPerTest } from '../fresh-db';
import { ensureBundledPack, installPack, removeSource, setSourceEnabled, sourcesFingerprint } from '../../../storage/knowledge-base';

const starter = JSON.parse(readFileSync('assets/packs/starter.json', 'utf8')) as Pack;
let db: GlossDB;
freshDbPerTest('test-kb', (d) => (db = d));

describe('knowledge base', () => {
  it('installs the starter pack once, with provenance on every record', async () => {
    expect(await ensureBundledPack(db, starter)).toBe(true);
    const source = await db.sources.get('gloss-starter');
    expect(source).toMatchObject({ kind: 'bundled', enabled: true, entityCount: starter.entities.length, claimCount: starter.claims.length });
    const mamdani = await db.entities.get('gloss-starter:zohran-mamdani');
    expect(mamdani?.sourceId).toBe('gloss-starter');
    expect(mamdani?.facts.length).toBeGreaterThanOrEqual(2);
  });

  it('re-installing the same version changes nothing', async () => {
    await ensureBundledPack(db, starter);
    const before = await db.sources.get('gloss-starter');
    expect(await ensureBundledPack(db, starter)).toBe(false);
    expect(await db.entities.count()).toBe(starter.entities.length);
    expect(await db.sources.get('gloss-starter')).toEqual(before);
  });

  it('a newer version of the pack replaces the old records, keeping the reader\'s enabled switch', async () => {
    await ensureBundledPack(db, starter);
    await setSourceEnabled(db, 'gloss-starter', false);
    const next: Pack = { ...starter, updated: '2099-01-01', entities: starter.entities.slice(0, 2) };
    expect(await ensureBundledPack(db, next)).toBe(true);
    expect(await db.entities.count()).toBe(2);
    expect((await db.sources.get('gloss-starter'))?.enabled).toBe(false);
  });

  it('an install that fails half-way leaves the previous version intact', async () => {
    await installPack(db, starter, { kind: 'url', url: 'https://example.org/p.json' });
    const broken = { ...starter, updated: '2099-01-01', entities: [...starter.entities, starter.entities[0]!] } as Pack; // duplicate key
    await expect(installPack(db, broken, { kind: 'url' })).rejects.toThrow();
    expect(await db.entities.count()).toBe(starter.entities.length);
    expect((await db.sources.get('gloss-starter'))?.updated).toBe(starter.updated);
  });

  it('removing a source removes its records, and the fingerprint follows what is enabled', async () => {
    await installPack(db, starter, { kind: 'file' });
    const fp = await sourcesFingerprint(db);
    await setSourceEnabled(db, 'gloss-starter', false);
    expect(await sourcesFingerprint(db)).not.toBe(fp);
    await removeSource(db, 'gloss-starter');
    expect(await db.entities.count()).toBe(0);
    expect(await db.claims.count()).toBe(0);
  });
});
