import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCouch, type TestCouch } from '../../../scripts/couch-test-server';
import { NotesSync } from '../../../background/notes-sync';
import { GlossDB } from '../../../storage/db';
import { addNote, changeNote, getNote } from '../../../storage/notes';
import { FakeCloud } from './fake-storage-sync';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch.close();
});

const page = { pageUrl: 'https://news.example/story', target: { kind: 'page' as const } };
let n = 0;

/** Cancel scheduled runs and delete the devices' databases. */
async function done(...ds: { db: GlossDB; sync: NotesSync }[]) {
  for (const d of ds) {
    d.sync.dispose();
    await d.db.delete();
  }
}

function devices() {
  const cloud = new FakeCloud();
  const mk = () => {
    const db = new GlossDB(`bg-sync-${n++}`);
    const area = cloud.device(Date.now);
    return { db, area, sync: new NotesSync(db, area) };
  };
  return { cloud, a: mk(), b: mk() };
}

describe('background notes sync (Dexie, the real replicator, the test server)', () => {
  it('server sync: set up on two devices, a note added on one appears on the other; status tells what happened', async () => {
    const db = `bg-${n++}`;
    await fetch(`${couch.url}/${db}`, { method: 'PUT' });
    const { a, b } = devices();
    const note = await addNote(a.db, { ...page, body: 'from the laptop' });
    const cfg = { url: couch.url, db, auth: { kind: 'none' as const }, passphrase: 'a long passphrase' };
    await a.sync.configure(cfg);
    const sa = await a.sync.status();
    expect(sa.server).toMatchObject({ configured: true, enabled: true, waiting: 0, conflicts: 0 });
    expect(sa.server.lastError).toBeUndefined();
    expect(sa.server.lastSync).toBeGreaterThan(0);
    await b.sync.configure(cfg);
    expect((await getNote(b.db, note.id))?.body).toBe('from the laptop');
    // Concurrent body edits: both devices end with the same note and a conflict to review.
    await changeNote(a.db, note.id, { body: 'laptop words' });
    await changeNote(b.db, note.id, { body: 'phone words' });
    expect((await a.sync.status()).server.waiting).toBe(1);
    await a.sync.runServer();
    await b.sync.runServer();
    await a.sync.runServer();
    const [na, nb] = [await getNote(a.db, note.id), await getNote(b.db, note.id)];
    expect(na).toEqual(nb);
    expect((await a.sync.status()).server.conflicts).toBe(1);
    await done(a, b);
  }, 30_000);

  it('a wrong passphrase is refused in words, turns server sync off, and writes nothing', async () => {
    const db = `bg-${n++}`;
    await fetch(`${couch.url}/${db}`, { method: 'PUT' });
    const { a, b } = devices();
    await addNote(a.db, { ...page, body: 'x' });
    await a.sync.configure({ url: couch.url, db, auth: { kind: 'none' }, passphrase: 'right one' });
    const before = (await (await fetch(`${couch.url}/${db}`)).json()).update_seq;
    await addNote(b.db, { ...page, body: 'y' });
    await b.sync.configure({ url: couch.url, db, auth: { kind: 'none' }, passphrase: 'wrong one' });
    const s = await b.sync.status();
    expect(s.server.enabled).toBe(false);
    expect(s.server.lastError).toMatch(/passphrase does not open the notes on this server/);
    expect((await (await fetch(`${couch.url}/${db}`)).json()).update_seq).toEqual(before);
    await expect(b.sync.configure({ url: 'http://couch.example.org', db, auth: { kind: 'none' }, passphrase: 'p' })).rejects.toThrow(/localhost/);
    await done(a, b);
  }, 30_000);

  it('browser sync: a note reaches the other device through storage.sync; stop keeps local notes', async () => {
    const { cloud, a, b } = devices();
    const note = await addNote(a.db, { ...page, body: 'synced by the browser' });
    await a.sync.runBrowser();
    expect((await a.sync.status()).browser).toMatchObject({ enabled: true, synced: 1, notSynced: [] });
    cloud.deliver();
    await b.sync.browserChanged(Object.fromEntries(Object.entries(await b.area.get()).map(([k, v]) => [k, { newValue: v }])));
    expect((await getNote(b.db, note.id))?.body).toBe('synced by the browser');
    await b.sync.stop('browser');
    expect((await b.sync.status()).browser.enabled).toBe(false);
    expect((await getNote(b.db, note.id))?.body).toBe('synced by the browser');
    await done(a, b);
  });
});
