import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCouch, type TestCouch } from '../../../scripts/couch-test-server';
import { MemoryStore } from '../../../sync/memory-store';
import { Replicator, type ReplicatorOptions } from '../../../sync/replicator';
import { WrongPassphraseError } from '../../../sync/crypto';
import { conflictCopies, deletionOverridden } from '../../../sync/merge';
import { checkServerUrl } from '../../../sync/target';
import { checkDatabase } from '../../../sync/check';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch.close();
});

let dbn = 0;
async function newDb(): Promise<string> {
  const db = `replica-${dbn++}`;
  expect((await fetch(`${couch.url}/${db}`, { method: 'PUT' })).status).toBe(201);
  return db;
}

const opts = (device: string, passphrase = 'pw'): ReplicatorOptions => ({ fetch, targetKey: 'server', device, passphrase, iterations: 1000, minIterations: 1000, baseDelayMs: 1, timeoutMs: 5000 });
const page = { pageUrl: 'https://news.example/story', target: { kind: 'page' as const } };

function device(name: string, db: string, passphrase?: string) {
  const store = new MemoryStore(name);
  const repl = () => new Replicator({ url: couch.url, db, auth: { kind: 'none' } }, store, opts(name, passphrase));
  return { store, sync: () => repl().sync() };
}

describe('replicating with a CouchDB-protocol server (express-pouchdb)', () => {
  it('carries a note from one device to another, and the server sees none of its words', async () => {
    const db = await newDb();
    const a = device('laptop', db);
    const b = device('phone', db);
    const n = a.store.add({ ...page, body: 'Remember the mayor’s budget promise', tags: ['budget'] });
    const first = await a.sync();
    expect(first.pushed).toBe(1);
    await b.sync();
    expect(b.store.notes.get(n.id)?.body).toBe('Remember the mayor’s budget promise');
    const raw = await (await fetch(`${couch.url}/${db}/_all_docs?include_docs=true`)).text();
    for (const w of ['mayor', 'budget', 'promise', 'news.example']) expect(raw).not.toContain(w);
    // Nothing to do the second time: no re-push of what came back.
    const again = await a.sync();
    expect(again.pushed).toBe(0);
  });

  it('merges concurrent edits: different fields both survive, the same body leaves a conflict copy', async () => {
    const db = await newDb();
    const a = device('laptop', db);
    const b = device('phone', db);
    const n = a.store.add({ ...page, body: 'draft' });
    await a.sync();
    await b.sync();
    a.store.change(n.id, { body: 'laptop text' });
    b.store.change(n.id, { body: 'phone text', tags: ['phone'] });
    await a.sync();
    await b.sync(); // 409 → fetch, merge, retry
    await a.sync();
    const na = a.store.notes.get(n.id)!;
    const nb = b.store.notes.get(n.id)!;
    expect(na).toEqual(nb);
    expect(na.tags).toEqual(['phone']);
    expect([na.body, ...conflictCopies(na).map((c) => c.body)].sort()).toEqual(['laptop text', 'phone text']);
  });

  it('merges every leaf of a document with conflicting revisions and deletes the losers', async () => {
    const db = await newDb();
    const a = device('laptop', db);
    const n = a.store.add({ ...page, body: 'start' });
    await a.sync();
    // Two replicas of the database (as CouchDB clusters and offline replication make) wrote different revisions.
    const b = device('phone', db);
    await b.sync();
    a.store.change(n.id, { deleted: true });
    b.store.change(n.id, { body: 'edited while it was deleted elsewhere' });
    const doc = await (await fetch(`${couch.url}/${db}/note-${n.id}`)).json();
    await a.sync();
    // Force a conflicting leaf, as a CouchDB cluster or offline replication makes: b's version written with new_edits=false beside a's.
    const bDoc = { ...doc, _rev: `2-${'f'.repeat(32)}`, _revisions: { start: 2, ids: ['f'.repeat(32), doc._rev.split('-')[1]] } };
    // b seals its own version through a private database, then we copy the sealed body in as a conflicting leaf.
    const side = await newDb();
    await fetch(`${couch.url}/${side}/gloss-keycheck`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(await (await fetch(`${couch.url}/${db}/gloss-keycheck`)).json().then(({ _rev, ...k }) => k)) });
    const bSide = device('phone', side);
    for (const note of b.store.notes.values()) bSide.store.notes.set(note.id, note);
    await bSide.sync();
    const sealed = await (await fetch(`${couch.url}/${side}/note-${n.id}`)).json();
    const { _id, _rev, ...envelope } = sealed;
    void _id;
    void _rev;
    const put = await fetch(`${couch.url}/${db}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ new_edits: false, docs: [{ ...bDoc, ...envelope }] }) });
    expect(put.status).toBe(201);
    expect((await (await fetch(`${couch.url}/${db}/note-${n.id}?conflicts=true`)).json())._conflicts).toHaveLength(1);
    const c = device('tablet', db);
    const report = await c.sync();
    expect(report.resolvedOnServer).toBe(1);
    const after = await (await fetch(`${couch.url}/${db}/note-${n.id}?conflicts=true`)).json();
    expect(after._conflicts).toBeUndefined();
    const merged = c.store.notes.get(n.id)!;
    expect(merged.deleted).toBeUndefined();
    expect(merged.body).toBe('edited while it was deleted elsewhere');
    expect(deletionOverridden(merged)).toBe(true);
  });

  it('writes a note again when its document was deleted on the server by hand', async () => {
    const db = await newDb();
    const a = device('laptop', db);
    const n = a.store.add({ ...page, body: 'keep me' });
    await a.sync();
    const doc = await (await fetch(`${couch.url}/${db}/note-${n.id}`)).json();
    expect((await fetch(`${couch.url}/${db}/note-${n.id}?rev=${doc._rev}`, { method: 'DELETE' })).status).toBe(200);
    a.store.change(n.id, { body: 'keep me, edited' });
    const report = await a.sync();
    expect(report.waiting).toBe(0);
    const b = device('phone', db);
    await b.sync();
    expect(b.store.notes.get(n.id)?.body).toBe('keep me, edited');
  });

  it('refuses a wrong passphrase before writing anything', async () => {
    const db = await newDb();
    const a = device('laptop', db, 'right');
    a.store.add({ ...page, body: 'x' });
    await a.sync();
    const before = await (await fetch(`${couch.url}/${db}`)).json();
    const b = device('phone', db, 'wrong');
    b.store.add({ ...page, body: 'y' });
    await expect(b.sync()).rejects.toBeInstanceOf(WrongPassphraseError);
    const after = await (await fetch(`${couch.url}/${db}`)).json();
    expect(after.update_seq).toEqual(before.update_seq);
  });

  it('`gloss sync check` counts the notes a passphrase opens, and refuses a wrong one', async () => {
    const db = await newDb();
    const a = device('laptop', db, 'open sesame');
    a.store.add({ ...page, body: 'one' });
    const gone = a.store.add({ ...page, body: 'two' });
    a.store.change(gone.id, { deleted: true });
    await a.sync();
    const target = { url: couch.url, db, auth: { kind: 'none' as const } };
    // The key check was made with 1,000 iterations (tests); check accepts only 600,000 and up, as the extension does.
    await expect(checkDatabase(target, 'open sesame', fetch)).rejects.toThrow(/iterations/);
    const strong = await newDb();
    const b = new Replicator({ url: couch.url, db: strong, auth: { kind: 'none' } }, a.store, { ...opts('laptop', 'open sesame'), targetKey: 'strong-db', iterations: 600_000, minIterations: 600_000 });
    await b.sync();
    expect(await checkDatabase({ ...target, db: strong }, 'open sesame', fetch)).toEqual({ notes: 1, deleted: 1, unreadable: 0, conflicted: 0 });
    await expect(checkDatabase({ ...target, db: strong }, 'open says me', fetch)).rejects.toBeInstanceOf(WrongPassphraseError);
  }, 30_000);

  it('accepts only http(s), and plain http only on this computer', () => {
    expect(checkServerUrl('https://couch.example.org/')).toBe('https://couch.example.org');
    expect(checkServerUrl('http://localhost:5984')).toBe('http://localhost:5984');
    expect(() => checkServerUrl('http://couch.example.org')).toThrow(/only allowed for a server on this computer/);
    expect(() => checkServerUrl('ftp://couch.example.org')).toThrow(/https/);
    expect(() => checkServerUrl('https://me:pw@couch.example.org')).toThrow(/own fields/);
  });
});
