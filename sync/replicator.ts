/**
 * Replicates the device's notes with a CouchDB-protocol database (Apache
 * CouchDB 3, Cloudant, PouchDB Server), every note encrypted (sync/crypto.ts).
 *
 * One run: open the key-check document (a wrong passphrase stops here, before
 * any write), pull through `_changes` from the checkpoint in
 * `_local/gloss-<device>`, merging every leaf of a conflicted document and
 * deleting the losers, then push what changed locally with the known `_rev`
 * (409: fetch, merge, retry). The checkpoint moves only after the pulled
 * notes are stored, and a push is recorded only once the server confirmed it,
 * so a run stopped anywhere resumes without losing or redoing an edit: a write
 * whose answer was lost comes back as a 409 and merges to the same note.
 *
 * Pure but for the `fetch` it is given.
 */
import type { Note } from '../notes/types';
import { BadEnvelopeError, KEYCHECK_ID, newKeyCheck, openKeyCheck, openNote, sealNote } from './crypto';
import { CouchClient, SyncHttpError, abortError, type HttpOptions, type HttpStats } from './http';
import { canonicalJson, mergeNote } from './merge';
import type { RemoteVersion, SyncStore, TargetState } from './store';
import { checkDbName, checkServerUrl, type ServerTarget } from './target';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANGES_BATCH = 1000;
const FETCH_BATCH = 200;
const PUSH_BATCH = 100;
/** Rounds of fetch-merge-retry for notes another device keeps writing (a 409 storm), per run. */
const PUSH_ROUNDS = 8;

export interface ReplicatorOptions extends Omit<HttpOptions, 'signal'> {
  /** Name of this device's sync state in the store (one per target). */
  targetKey: string;
  /** This device's id: names its checkpoint on the server. */
  device: string;
  passphrase: string;
  /** PBKDF2 iterations for a new key-check document, and the least accepted (tests lower it). */
  iterations?: number;
  minIterations?: number;
  /** Derived keys by salt, iterations and passphrase, kept across runs. */
  keyCache?: Map<string, CryptoKey>;
  /** Create the database if it does not exist (needs admin rights on CouchDB). */
  createDb?: boolean;
}

export interface SyncReport {
  pulled: number;
  pushed: number;
  /** Server documents that had conflicting revisions, merged and cleaned up. */
  resolvedOnServer: number;
  /** Notes still waiting to be pushed (another device kept changing them). */
  waiting: number;
  /** Server documents that could not be read (why), left alone. */
  unreadable: string[];
  http: HttpStats;
}

/** The server document id of a note: a UUID as is, any other id hashed so no page address shows. */
export async function docIdFor(noteId: string): Promise<string> {
  if (UUID_RE.test(noteId)) return `note-${noteId.toLowerCase()}`;
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(noteId)));
  return `note-h-${Array.from(digest.slice(0, 20), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

interface Doc {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  _conflicts?: string[];
  n?: number;
  [k: string]: unknown;
}

export class Replicator {
  private readonly client: CouchClient;
  private key: CryptoKey | undefined;
  private keyFor: string | undefined;
  private readonly idCache = new Map<string, string>();

  constructor(
    target: ServerTarget,
    private readonly store: SyncStore,
    private readonly opts: ReplicatorOptions,
    signal?: AbortSignal,
  ) {
    const checked: ServerTarget = { ...target, url: checkServerUrl(target.url), db: checkDbName(target.db) };
    this.client = new CouchClient(checked, { ...opts, signal });
    this.signal = signal;
  }
  private readonly signal: AbortSignal | undefined;

  get stats(): HttpStats {
    return this.client.stats;
  }

  private async docId(noteId: string): Promise<string> {
    let id = this.idCache.get(noteId);
    if (!id) {
      id = await docIdFor(noteId);
      this.idCache.set(noteId, id);
    }
    return id;
  }

  private check(): void {
    if (this.signal?.aborted) throw abortError();
  }

  /** Open (or, on an empty database, create) the key-check document. Throws WrongPassphraseError before any write. */
  async openKey(): Promise<CryptoKey> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const got = await this.client.request('GET', `/${KEYCHECK_ID}`);
      if (got.status === 200) {
        const cacheKey = `${got.body?._rev}\n${this.opts.passphrase}`;
        if (this.key && this.keyFor === cacheKey) return this.key;
        this.key = await openKeyCheck(got.body, this.opts.passphrase, this.opts.minIterations, this.opts.keyCache);
        this.keyFor = cacheKey;
        return this.key;
      }
      if (got.status !== 404) throw new SyncHttpError(`The server answered HTTP ${got.status} when Gloss looked for its notes.`, got.status);
      if ((await this.client.request('GET', '')).status === 404) {
        if (!this.opts.createDb) throw new SyncHttpError(`The database “${this.client.target.db}” does not exist on the server. Create it (see docs/sync.md) or check its name.`, 404);
        const made = await this.client.request('PUT', '');
        if (made.status !== 201 && made.status !== 202 && made.status !== 412) throw new SyncHttpError(`Gloss could not create the database (HTTP ${made.status}).`, made.status);
        continue;
      }
      // An empty database: this device sets the passphrase. Another device may race us; 409 means re-read theirs.
      const { doc } = await newKeyCheck(this.opts.passphrase, this.opts.iterations);
      const put = await this.client.request('PUT', `/${KEYCHECK_ID}`, doc);
      if (put.status !== 201 && put.status !== 202 && put.status !== 409) throw new SyncHttpError(`Gloss could not store its key check (HTTP ${put.status}).`, put.status);
    }
    throw new SyncHttpError('Gloss could not read its key check from the server.');
  }

  /** One full run: key check, pull, push. */
  async sync(): Promise<SyncReport> {
    const report: SyncReport = { pulled: 0, pushed: 0, resolvedOnServer: 0, waiting: 0, unreadable: [], http: this.client.stats };
    const key = await this.openKey();
    await this.pull(key, report);
    await this.push(key, report);
    return report;
  }

  private checkpointId(): string {
    return `_local/gloss-${this.opts.device}`;
  }

  private async readCheckpoint(): Promise<{ seq: unknown; rev?: string }> {
    const got = await this.client.request('GET', this.client.docPath(this.checkpointId()));
    if (got.status === 200) return { seq: got.body.seq ?? 0, rev: got.body._rev };
    return { seq: 0 };
  }

  private async writeCheckpoint(seq: unknown, rev: string | undefined): Promise<string | undefined> {
    for (let i = 0; i < 3; i++) {
      const put = await this.client.request('PUT', this.client.docPath(this.checkpointId()), rev ? { _rev: rev, seq } : { seq });
      if (put.status === 201 || put.status === 200) return put.body?.rev;
      if (put.status !== 409) throw new SyncHttpError(`Gloss could not save its sync position (HTTP ${put.status}).`, put.status);
      rev = (await this.readCheckpoint()).rev;
    }
    return rev;
  }

  /** Decrypt every leaf of the documents, merge them, and clean up conflicted ones on the server. */
  private async readLeaves(key: CryptoKey, docs: Doc[], report: SyncReport): Promise<RemoteVersion[]> {
    const out: RemoteVersion[] = [];
    for (const doc of docs) {
      this.check();
      const leaves: Doc[] = [doc];
      for (const rev of doc._conflicts ?? []) {
        const got = await this.client.request('GET', `${this.client.docPath(doc._id)}?rev=${encodeURIComponent(rev)}`);
        if (got.status === 200) leaves.push(got.body as Doc);
      }
      let merged: Note | undefined;
      let counter = 0;
      try {
        for (const leaf of leaves) {
          const note = await openNote(key, doc._id, leaf);
          if ((await this.docId(note.id)) !== doc._id) throw new BadEnvelopeError(doc._id, 'it holds another note');
          merged = merged ? mergeNote(merged, note) : note;
          counter = Math.max(counter, leaf.n ?? 0);
        }
      } catch (e) {
        if (!(e instanceof BadEnvelopeError)) throw e;
        // A document Gloss cannot read is left alone, and said so; the other notes go on syncing.
        report.unreadable.push(e.message);
        continue;
      }
      if (!merged) continue;
      if (leaves.length > 1) {
        // Write the merge over the winning revision and delete every losing leaf, in one request.
        const n = counter + 1;
        const body = { docs: [{ _id: doc._id, _rev: doc._rev, ...(await sealNote(key, doc._id, n, merged)) }, ...leaves.slice(1).map((l) => ({ _id: doc._id, _rev: l._rev, _deleted: true }))] };
        const res = await this.client.request('POST', '/_bulk_docs', body);
        const first = Array.isArray(res.body) ? res.body[0] : undefined;
        if (first?.ok && first.rev) {
          report.resolvedOnServer++;
          out.push({ note: merged, rev: first.rev, counter: n });
          continue;
        }
        // Someone else changed it meanwhile: take what we merged, the next run resolves the rest.
      }
      out.push({ note: merged, rev: doc._rev, counter });
    }
    return out;
  }

  private async pull(key: CryptoKey, report: SyncReport): Promise<void> {
    let { seq, rev } = await this.readCheckpoint();
    for (;;) {
      this.check();
      const changes = await this.client.request('GET', `/_changes?since=${encodeURIComponent(typeof seq === 'string' ? seq : JSON.stringify(seq))}&limit=${CHANGES_BATCH}&style=all_docs`);
      if (changes.status !== 200 || !Array.isArray(changes.body?.results)) throw new SyncHttpError(`The server's list of changes could not be read (HTTP ${changes.status}).`, changes.status);
      const results = changes.body.results as { id: string; deleted?: boolean; changes: { rev: string }[] }[];
      // Our own writes coming back (one leaf, the revision we recorded) are skipped before their documents are fetched.
      const ids: string[] = [];
      for (const r of results) {
        if (!r.id.startsWith('note-')) continue;
        if (r.changes.length === 1 && !r.deleted && (await this.knownRev({ _id: r.id, _rev: '' })) === r.changes[0]!.rev) continue;
        ids.push(r.id);
      }
      for (let at = 0; at < ids.length; at += FETCH_BATCH) {
        const all = await this.client.request('POST', '/_all_docs?include_docs=true&conflicts=true', { keys: ids.slice(at, at + FETCH_BATCH) });
        if (all.status !== 200 || !Array.isArray(all.body?.rows)) throw new SyncHttpError(`The server's notes could not be read (HTTP ${all.status}).`, all.status);
        const docs = (all.body.rows as { doc?: Doc | null }[]).map((r) => r.doc).filter((d): d is Doc => !!d && !d._deleted);
        // Skip our own writes coming back: same revision as we recorded, and no conflicts.
        const fresh: Doc[] = [];
        for (const d of docs) {
          const noteKnown = await this.knownRev(d);
          if (noteKnown !== d._rev || d._conflicts?.length) fresh.push(d);
        }
        const versions = await this.readLeaves(key, fresh, report);
        this.check();
        await this.store.absorb(this.opts.targetKey, versions);
        for (const v of versions) this.revByDoc.set(await this.docId(v.note.id), v.rev);
        report.pulled += versions.length;
      }
      const last = changes.body.last_seq;
      if (canonicalJson(last) !== canonicalJson(seq)) rev = await this.writeCheckpoint(last, rev);
      seq = last;
      if (results.length < CHANGES_BATCH) return;
    }
  }

  /** Revisions this run wrote or read, and for UUID notes what the store remembers: our own writes coming back are skipped. */
  private readonly revByDoc = new Map<string, string>();
  private async knownRev(d: Doc): Promise<string | undefined> {
    const mem = this.revByDoc.get(d._id);
    if (mem) return mem;
    const uuid = d._id.slice(5);
    if (!UUID_RE.test(uuid)) return undefined;
    return (await this.store.states(this.opts.targetKey, [uuid]))[0]?.rev;
  }

  private async push(key: CryptoKey, report: SyncReport): Promise<void> {
    for (let round = 0; round < PUSH_ROUNDS; round++) {
      this.check();
      const pending = await this.store.pending(this.opts.targetKey);
      report.waiting = pending.length;
      if (!pending.length) return;
      for (let i = 0; i < pending.length; i += PUSH_BATCH) {
        await this.pushBatch(key, pending.slice(i, i + PUSH_BATCH), report);
      }
    }
    report.waiting = (await this.store.pending(this.opts.targetKey)).length;
  }

  private async pushBatch(key: CryptoKey, batch: { note: Note; state: TargetState | undefined }[], report: SyncReport): Promise<void> {
    const docs = [];
    const sent: RemoteVersion[] = [];
    for (const { note, state } of batch) {
      const id = await this.docId(note.id);
      const n = (state?.counter ?? 0) + 1;
      docs.push({ _id: id, ...(state?.rev ? { _rev: state.rev } : {}), ...(await sealNote(key, id, n, note)) });
      sent.push({ note, rev: '', counter: n });
    }
    this.check();
    const res = await this.client.request('POST', '/_bulk_docs', { docs });
    if (res.status !== 201 && res.status !== 200) throw new SyncHttpError(`The server did not take the notes (HTTP ${res.status}).`, res.status);
    const results = res.body as { id: string; rev?: string; ok?: boolean; error?: string }[];
    if (!Array.isArray(results) || results.length !== docs.length) throw new SyncHttpError('The server answered a batch of notes with a wrong list of results.');
    const done: RemoteVersion[] = [];
    const conflicted: string[] = [];
    results.forEach((r, i) => {
      const v = sent[i]!;
      if (r.ok && r.rev) {
        done.push({ ...v, rev: r.rev });
        this.revByDoc.set(r.id, r.rev);
      } else if (r.error === 'conflict') conflicted.push(r.id);
      else throw new SyncHttpError(`The server refused a note (${r.error ?? 'unknown error'}).`);
    });
    await this.store.recorded(this.opts.targetKey, done);
    report.pushed += done.length;
    if (!conflicted.length) return;
    // 409: read the server's version (all leaves), merge it in; the next round pushes the merge.
    const all = await this.client.request('POST', '/_all_docs?include_docs=true&conflicts=true', { keys: conflicted });
    const rows = (all.body?.rows ?? []) as { id?: string; key?: string; value?: { deleted?: boolean }; doc?: Doc | null }[];
    // Deleted on the server (by hand: Gloss never deletes a winner): write the note again as a new document.
    const gone = new Set(rows.filter((r) => r.value?.deleted).map((r) => r.key));
    if (gone.size) {
      const ids = [];
      for (const { note } of batch) if (gone.has(await this.docId(note.id))) ids.push(note.id);
      await this.store.forget(this.opts.targetKey, ids);
    }
    const docsNow = rows.map((r) => r.doc).filter((d): d is Doc => !!d && !d._deleted);
    const versions = await this.readLeaves(key, docsNow, report);
    await this.store.absorb(this.opts.targetKey, versions);
    for (const v of versions) this.revByDoc.set(await this.docId(v.note.id), v.rev);
  }
}

