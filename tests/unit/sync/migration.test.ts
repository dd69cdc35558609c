import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createNote, deleteNote } from '../../../notes';
import { CLOCK_KEY, GlossDB } from '../../../storage/db';
import { changeNote, getNote } from '../../../storage/notes';
import { deviceId } from '../../../storage/clock';
import type { HlcState } from '../../../sync/hlc';

describe('schema v3: notes made before sync get clock stamps', () => {
  it('stamps every note as an edit of this device, from its field times, and keeps stamping later edits after them', async () => {
    const name = 'migrate-v2-v3';
    const old = new Dexie(name);
    old.version(1).stores({ sources: 'id, kind, enabled', entities: 'key, sourceId', claims: 'key, sourceId', matchers: 'kind' });
    old.version(2).stores({ notes: 'id, pageUrl, updated, *tags, entityId' });
    const live = createNote({ id: 'n-live', pageUrl: 'https://e.com/a', target: { kind: 'page' }, body: 'kept' }, { now: '2026-01-01T00:00:00.000Z' });
    const gone = deleteNote(createNote({ id: 'n-gone', pageUrl: 'https://e.com/b', target: { kind: 'page' }, body: 'bin' }, { now: '2026-01-01T00:00:00.000Z' }), { now: '2026-01-02T00:00:00.000Z' });
    await old.table('notes').bulkAdd([live, gone]);
    old.close();

    const db = new GlossDB(name);
    const device = await deviceId(db);
    expect(((await db.meta.get(CLOCK_KEY))!.value as HlcState).device).toBe(device);
    const a = (await getNote(db, 'n-live'))!;
    const b = (await getNote(db, 'n-gone'))!;
    expect(a.body).toBe('kept');
    expect(a.sync?.stamps.body.endsWith(`-${device}`)).toBe(true);
    expect(a.fieldUpdated.body).toBe('2026-01-01T00:00:00.000Z');
    expect(b.deleted).toBe(true);
    expect(b.sync?.deleteFlag).toBe(true);
    // An edit now, even with a clock set years back, is stamped after the migrated stamps.
    const edited = await changeNote(db, 'n-live', { body: 'changed' }, '2020-01-01T00:00:00.000Z');
    expect(edited.sync!.stamps.body > a.sync!.stamps.body).toBe(true);
    await db.delete();
  });
});
