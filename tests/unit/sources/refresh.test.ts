import { describe, expect, it } from 'vitest';
import { SourceSync, urlSourceId } from '../../../background/sources-sync';
import { GlossDB } from '../../../storage/db';
import { freshDbPerTest } from '../fresh-db';
import { installPack, type SourceState, sourcesFingerprint } from '../../../storage/knowledge-base';
import { fakeFetch, type FakeReply, makePack } from './helpers';

const URL_A = 'https://packs.example.org/a.json';
let db: GlossDB;
freshDbPerTest('test-refresh', (d) => (db = d));

function serve(replies: FakeReply[]) {
  return fakeFetch(() => replies.shift() ?? { status: 500, body: 'no more replies' });
}

describe('refreshing URL sources', () => {
  it('200 then 304: the second refresh sends the validators and rewrites nothing', async () => {
    const body = JSON.stringify(makePack(50, { claims: 2 }));
    const f = serve([
      { body, headers: { etag: '"v1"', 'last-modified': 'Tue, 01 Jan 2026 00:00:00 GMT', 'content-type': 'application/json' } },
      { status: 304 },
    ]);
    let writes = 0;
    const sync = new SourceSync(db, { fetch: f.fetch, onChange: (w) => void (w === 'records' && writes++) });
    const added = await sync.addUrl(URL_A);
    expect(added.id).toBe(urlSourceId(URL_A));
    await sync.idle();
    const first = (await db.sources.get(added.id)) as SourceState;
    expect(first).toMatchObject({ status: 'ok', entityCount: 50, claimCount: 2, etag: '"v1"', name: 'Test pack' });
    expect(first.nextSync).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(writes).toBe(1);
    const fp = await sourcesFingerprint(db);
    await db.matchers.put({ kind: 'entity', fingerprint: fp, bytes: new Uint8Array([1]) });

    await sync.refresh(added.id);
    expect(f.requests).toHaveLength(2);
    expect(f.requests[0]!.headers['If-None-Match']).toBeUndefined();
    expect(f.requests[1]!.headers).toMatchObject({ 'If-None-Match': '"v1"', 'If-Modified-Since': 'Tue, 01 Jan 2026 00:00:00 GMT' });
    const second = (await db.sources.get(added.id)) as SourceState;
    expect(second.installedAt).toBe(first.installedAt);
    expect(second.lastSync).toBeGreaterThanOrEqual(first.lastSync!);
    expect(second.status).toBe('ok');
    expect(writes).toBe(1);
    // The stored matcher survives: nothing was rewritten.
    expect(await sourcesFingerprint(db)).toBe(fp);
    expect(await db.matchers.get('entity')).toBeDefined();
    expect(await db.entities.count()).toBe(50);
  });

  it('a changed pack replaces the records; an invalid one records the error and keeps the previous version', async () => {
    const extra = [{ id: 'new', type: 'place' as const, name: 'Brandnewville', aliases: [], description: '', facts: [] }];
    const badLink = makePack(5, { updated: '2026-04-04' });
    (badLink.entities[2]!.facts as unknown[]).push({ text: 'x', sourceUrl: 'javascript:alert(1)', sourceName: 'evil' });
    const f = serve([
      { body: JSON.stringify(makePack(10)) },
      { body: JSON.stringify(makePack(10, { updated: '2026-02-02', extra })) },
      { body: '{"format": "gloss-pack", "entities": [' },
      { body: JSON.stringify(badLink) },
      { status: 404 },
    ]);
    const sync = new SourceSync(db, { fetch: f.fetch });
    const { id } = await sync.addUrl(URL_A);
    await sync.idle();
    await sync.refresh(id);
    expect(await db.entities.get(`${id}:new`)).toMatchObject({ name: 'Brandnewville' });
    expect(await db.entities.count()).toBe(11);

    await sync.refresh(id);
    let row = (await db.sources.get(id)) as SourceState;
    expect(row.status).toBe('error');
    expect(row.error).toMatch(/not valid JSON/);
    expect(row.error).toMatch(/previous version is still in use/);
    expect(await db.entities.count()).toBe(11);

    await sync.refresh(id);
    row = (await db.sources.get(id)) as SourceState;
    expect(row.error).toMatch(/entity 'e2' facts\[0\]\.sourceUrl/);
    expect(row.error).toMatch(/Test pack/);
    expect(row.updated).toBe('2026-02-02');
    expect(await db.entities.count()).toBe(11);

    await sync.refresh(id);
    row = (await db.sources.get(id)) as SourceState;
    expect(row.error).toMatch(/HTTP 404/);
    expect(row.failures).toBe(3);
    expect(row.nextSync! - Date.now()).toBeLessThan(61 * 60_000);
    expect(await db.entities.count()).toBe(11);
  });

  it('a first download that fails keeps the subscription with the error and no records', async () => {
    const f = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const sync = new SourceSync(db, { fetch: f.fetch });
    const { id } = await sync.addUrl(URL_A);
    await sync.idle();
    const row = (await db.sources.get(id)) as SourceState;
    expect(row.status).toBe('error');
    expect(row.error).toMatch(/network error.*Check your connection/);
    expect(await db.entities.count()).toBe(0);
  });

  it('refuses non-https addresses except on this machine', async () => {
    const sync = new SourceSync(db, { fetch: serve([]).fetch });
    await expect(sync.addUrl('http://example.org/p.json')).rejects.toThrow(/https/);
    await expect(sync.addUrl('javascript:alert(1)')).rejects.toThrow(/https/);
    await expect(sync.addUrl('not a url')).rejects.toThrow(/not a web address/);
    expect(await db.sources.count()).toBe(0);
    const f = serve([{ body: JSON.stringify(makePack(1)) }]);
    const local = new SourceSync(db, { fetch: f.fetch });
    await local.addUrl('http://127.0.0.1:9999/p.json');
    await local.idle();
    expect(await db.entities.count()).toBe(1);
  });

  it('rows left "syncing" by a stopped background are refreshed again at startup', async () => {
    await installPack(db, makePack(4), { kind: 'url', sourceId: urlSourceId(URL_A), url: URL_A, etag: '"v1"' });
    await db.sources.update(urlSourceId(URL_A), { status: 'syncing' });
    await installPack(db, makePack(2, { id: 'f' }), { kind: 'file', sourceId: 'file-f' });
    await db.sources.update('file-f', { status: 'syncing' });
    const f = serve([{ body: JSON.stringify(makePack(6, { updated: '2026-05-05' })) }]);
    const sync = new SourceSync(db, { fetch: f.fetch });
    expect((await sync.resume()).sort()).toEqual(['file-f', urlSourceId(URL_A)].sort());
    await sync.idle();
    expect(f.requests).toHaveLength(1);
    expect(f.requests[0]!.url).toBe(URL_A);
    expect(await db.sources.get(urlSourceId(URL_A))).toMatchObject({ status: 'ok', entityCount: 6 });
    expect(await db.sources.get('file-f')).toMatchObject({ status: 'ok', entityCount: 2 });
  });

  it('refreshes what is due, and joins a refresh already running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const f = fakeFetch(async () => {
      await gate;
      return { body: JSON.stringify(makePack(3)) };
    });
    const sync = new SourceSync(db, { fetch: f.fetch });
    const { id } = await sync.addUrl(URL_A);
    const again = sync.refresh(id);
    expect(await sync.runDue()).toEqual([]);
    const listed = await sync.list();
    expect(listed.find((s) => s.id === id)).toMatchObject({ status: 'syncing', progress: { phase: 'download' } });
    release();
    await again;
    await sync.idle();
    expect(f.requests).toHaveLength(1);
    await db.sources.update(id, { nextSync: Date.now() - 1 });
    expect(await sync.runDue()).toEqual([id]);
    await sync.idle();
  });

  it('lists progress while records are written, without waiting for the write', async () => {
    const f = serve([{ body: JSON.stringify(makePack(6_000)) }]);
    const seen: string[] = [];
    const sync = new SourceSync(db, { fetch: f.fetch, chunkSize: 1_000 });
    await sync.list();
    const { id } = await sync.addUrl(URL_A);
    for (let i = 0; i < 400; i++) {
      const s = (await sync.list()).find((x) => x.id === id);
      if (s?.progress?.phase === 'write') seen.push(`${s.progress.done}/${s.progress.total}`);
      if (s?.status === 'ok') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await sync.idle();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((p) => p !== '6000/6000')).toBe(true);
    // The finished bar stays a moment, complete.
    expect((await sync.list()).find((x) => x.id === id)?.progress).toEqual({ phase: 'write', done: 6_000, total: 6_000 });
  });

  it('imports a file, and a bad file imports nothing', async () => {
    const sync = new SourceSync(db, { fetch: serve([]).fetch });
    const row = await sync.addFile(JSON.stringify(makePack(7, { id: 'mine' })), 'mine.json');
    expect(row).toMatchObject({ id: 'file-mine', kind: 'file', entityCount: 7 });
    await expect(sync.addFile('{"format":"gloss-pack","version":1,"id":"x","name":"X","publisher":"p","licence":"l","updated":"2026-01-01","entities":[{"id":"a"}],"claims":[]}', 'x.json')).rejects.toThrow(
      /entity 'a'.*Nothing was imported/,
    );
    await expect(sync.addFile('<script>alert(1)</script>', 'evil.html')).rejects.toThrow(/evil\.html/);
    expect(await db.sources.count()).toBe(1);
    expect(await db.entities.count()).toBe(7);
  });

  it('removing a source removes its records and tells the sync list', async () => {
    const removed: string[] = [];
    const f = serve([{ body: JSON.stringify(makePack(3)) }]);
    const sync = new SourceSync(db, { fetch: f.fetch, syncList: { subscribe: async () => {}, remove: async (u) => void removed.push(u) } });
    const { id } = await sync.addUrl(URL_A);
    await sync.idle();
    await sync.remove(id);
    expect(await db.sources.count()).toBe(0);
    expect(await db.entities.count()).toBe(0);
    expect(removed).toEqual([URL_A]);
  });

  it('refuses a URL or file pack that takes the name of a built-in pack, and keeps nothing of it', async () => {
    const impostor = JSON.stringify({ ...makePack(3), name: 'Gloss Starter Pack' });
    const sync = new SourceSync(db, { fetch: serve([{ body: impostor }]).fetch });
    const added = await sync.addUrl(URL_A);
    await sync.idle();
    expect(await db.sources.get(added.id)).toMatchObject({ status: 'error', entityCount: 0 });
    expect((await db.sources.get(added.id))!.error).toMatch(/reserved for packs built into Gloss/);
    expect(await db.entities.count()).toBe(0);
    await expect(sync.addFile(impostor, 'starter.json')).rejects.toThrow(/reserved for packs built into Gloss/);
  });
});
