/** `gloss sync check`: does this passphrase open the database, and how many notes does it hold? Read-only. */
import { KEYCHECK_ID, openKeyCheck, openNote } from './crypto';
import { CouchClient, SyncHttpError, type FetchLike } from './http';
import { checkDbName, checkServerUrl, type ServerTarget } from './target';

export interface CheckResult {
  notes: number;
  deleted: number;
  unreadable: number;
  conflicted: number;
}

export async function checkDatabase(target: ServerTarget, passphrase: string, fetch: FetchLike): Promise<CheckResult> {
  const client = new CouchClient({ ...target, url: checkServerUrl(target.url), db: checkDbName(target.db) }, { fetch, attempts: 3, baseDelayMs: 200 });
  const kc = await client.request('GET', `/${KEYCHECK_ID}`);
  if (kc.status === 404) throw new SyncHttpError('This database holds no Gloss notes yet (no key check document).', 404);
  if (kc.status !== 200) throw new SyncHttpError(`The server answered HTTP ${kc.status}.`, kc.status);
  const key = await openKeyCheck(kc.body, passphrase);
  const out: CheckResult = { notes: 0, deleted: 0, unreadable: 0, conflicted: 0 };
  let startkey = '"note-"';
  for (;;) {
    const page = await client.request('GET', `/_all_docs?include_docs=true&conflicts=true&limit=500&startkey=${encodeURIComponent(startkey)}&endkey=${encodeURIComponent('"note-\ufff0"')}`);
    const rows = (page.body?.rows ?? []) as { id: string; doc?: { _conflicts?: string[] } }[];
    const fresh = startkey === '"note-"' ? rows : rows.slice(1);
    for (const r of fresh) {
      if (r.doc?._conflicts?.length) out.conflicted++;
      try {
        const n = await openNote(key, r.id, r.doc);
        if (n.deleted) out.deleted++;
        else out.notes++;
      } catch {
        out.unreadable++;
      }
    }
    if (rows.length < 500) return out;
    startkey = JSON.stringify(rows[rows.length - 1]!.id);
  }
}
