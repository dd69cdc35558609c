/**
 * The reader's sources at work: subscribing by URL, importing files, refreshing on a
 * schedule with conditional requests, removing, and reporting progress.
 *
 * No browser API here (fetch, the sync list and change notifications are injected), so
 * the whole flow runs in Vitest against fake-indexeddb and a fake fetch.
 *
 * Guarantees:
 * - A refresh replaces a source's records in one transaction (storage/knowledge-base.ts);
 *   a failed, invalid or interrupted refresh leaves the previous version in use and
 *   records the error on the source row.
 * - One job per source at a time; a second "refresh" joins the running one.
 * - A URL source's row is marked 'syncing' while its refresh runs; rows still 'syncing'
 *   when the background starts (it was stopped mid-refresh) are refreshed again by
 *   `resume()`.
 *
 * While a big install's transaction is open, IndexedDB makes other readers of the
 * knowledge base wait; `list()` therefore answers from a snapshot taken when the write
 * began (plus the job's live progress), so the popup keeps updating. Page matching waits
 * for the write to commit (chunks of 2,000 records keep that to seconds even for large
 * packs); downloads and parsing do not hold the database.
 */
import { t } from '../i18n';
import type { SourceProgress, SourceSummary } from '../messaging/protocol';
import { fetchSource, importSource, LIMITS, parsePack, SourceError, type PackResult } from '../packs';
import { type EntityRow, type GlossDB, recordKey } from '../storage/db';
import { reservedNameProblem } from '../packs/provenance';
import { installPack, removeSource, setSourceEnabled, type SourceState, updateSourceState } from '../storage/knowledge-base';
import { type LocalUrlSource, mergeSyncList } from '../storage/sync-list';
import { describeFetchError, describePackErrors } from './sources-errors';
import { sourceRequestHeaders } from './sources-wikidata';
import { clampInterval, DEFAULT_INTERVAL_MINUTES, dueSources, nextSyncAt } from './sources-schedule';

export interface SyncListPort {
  subscribe(url: string, intervalMinutes?: number): Promise<void>;
  remove(url: string): Promise<void>;
  write?(list: import('../storage/sync-list').SyncList): Promise<void>;
}

export interface SourceSyncOptions {
  fetch: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  maxBytes?: number;
  chunkSize?: number;
  languages?: readonly string[];
  /** The sync list in browser.storage.sync (absent in tests that don't need it). */
  syncList?: SyncListPort;
  /**
   * Called after a change. `records`: what the matchers see changed (records written,
   * a source enabled, disabled or removed): rebuild and re-match open pages.
   */
  onChange?: (what: 'records' | 'state') => void | Promise<void>;
  /** How long a finished job's progress stays visible (so the reader sees the bar complete). */
  lingerMs?: number;
  /** A source's records were just written (before `onChange`): lets the matchers skip reading them back. */
  onInstalled?: (row: SourceState, entities: readonly EntityRow[]) => void;
  /** Who Gloss is, for servers that ask clients to say (Wikidata's `Api-User-Agent`). */
  userAgent?: string;
  /**
   * Whether only Gloss's own contexts can write the sync list (Chromium closes storage.sync to
   * content scripts; Firefox cannot). When not, sources that arrive through it wait, off and
   * not downloaded, for the reader to turn them on, and it removes only such unconfirmed ones.
   * Default: trusted.
   */
  syncListTrusted?: () => boolean;
}

interface Job {
  progress: SourceProgress;
  abort: AbortController;
  promise: Promise<SourceState | undefined>;
  /** For a source with no row yet (a file being imported): what to list meanwhile. */
  placeholder?: SourceSummary;
}

/** Stable id of a URL source, so every device (and a re-add) names it the same. */
export function urlSourceId(url: string): string {
  const h = (seed: number) => {
    let x = seed >>> 0;
    for (let i = 0; i < url.length; i++) {
      x ^= url.charCodeAt(i);
      x = Math.imul(x, 0x01000193) >>> 0;
    }
    return x.toString(16).padStart(8, '0');
  };
  return `url-${h(0x811c9dc5)}${h(0x2f3a1b07)}`;
}

export function fileSourceId(packId: string): string {
  return `file-${packId}`;
}

/** Only https (http only for this machine, so tests and local pack servers work). */
export function normaliseSourceUrl(raw: string): string {
  const text = raw.trim();
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(t('errNotWebAddress', text.slice(0, 200)));
  }
  const local = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) {
    throw new Error(t('errNotHttps', u.href.slice(0, 200)));
  }
  if (u.username || u.password) throw new Error(t('errCredentials'));
  u.hash = '';
  return u.href;
}

/**
 * importSource, with a clearer message for broken JSON: the importer reports text it
 * cannot recognise generically; when the text looks like JSON but does not parse,
 * say that, with the parser's position.
 */
export function importText(text: string, opts: Parameters<typeof importSource>[1]): PackResult {
  const result = importSource(text, opts);
  if (result.ok) return result;
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{') || body.startsWith('[')) {
    try {
      JSON.parse(body);
    } catch {
      const strict = parsePack(body, { sourceName: opts?.sourceName, maxBytes: opts?.maxBytes });
      if (!strict.ok) return strict;
    }
  }
  return result;
}

export function toSummary(s: SourceState): SourceSummary {
  const out: SourceSummary = {
    id: s.id,
    name: s.name,
    publisher: s.publisher,
    kind: s.kind,
    url: s.url,
    enabled: s.enabled,
    entityCount: s.entityCount,
    claimCount: s.claimCount,
    updated: s.updated || undefined,
    lastSync: s.lastSync,
    nextSync: s.nextSync,
    status: s.status,
    error: s.error,
    intervalMinutes: s.kind === 'url' ? (s.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES) : undefined,
    awaitingReader: s.awaitingReader || undefined,
  };
  for (const k of Object.keys(out) as (keyof SourceSummary)[]) if (out[k] === undefined) delete out[k];
  return out;
}

export class SourceSync {
  private readonly jobs = new Map<string, Job>();
  /** Finished jobs' last progress, shown for a moment. */
  private readonly finished = new Map<string, { progress: SourceProgress; until: number }>();
  private writes: Promise<unknown> = Promise.resolve();
  private writing = 0;
  private cache: SourceState[] | undefined;
  private readonly now: () => number;

  constructor(
    private readonly db: GlossDB,
    private readonly opts: SourceSyncOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** Run big writes one after another; `list()` answers from its cache meanwhile. */
  private write<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writes.then(async () => {
      // Snapshot the rows `list()` answers from while this write holds the database.
      this.cache = (await this.db.sources.toArray()) as SourceState[];
      this.writing++;
      try {
        return await fn();
      } finally {
        this.writing--;
      }
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async changed(what: 'records' | 'state'): Promise<void> {
    try {
      await this.opts.onChange?.(what);
    } catch (e) {
      console.warn('Gloss: source change listener failed', e);
    }
  }

  /** Sources with the progress of running jobs. Never waits on an import in progress. */
  async list(): Promise<SourceSummary[]> {
    let rows: SourceState[];
    if (this.writing > 0 && this.cache) rows = this.cache;
    else rows = this.cache = (await this.db.sources.toArray()) as SourceState[];
    const now = this.now();
    const out = rows.map((r) => {
      const s = toSummary(r);
      const job = this.jobs.get(r.id);
      if (job) {
        s.progress = { ...job.progress };
        s.status = 'syncing';
      } else {
        const done = this.finished.get(r.id);
        if (done && done.until > now) s.progress = { ...done.progress };
      }
      return s;
    });
    for (const [id, job] of this.jobs) {
      if (job.placeholder && !rows.some((r) => r.id === id)) out.push({ ...job.placeholder, progress: { ...job.progress } });
    }
    return out;
  }

  async get(id: string): Promise<SourceState | undefined> {
    return (await this.db.sources.get(id)) as SourceState | undefined;
  }

  private async mustGet(id: string): Promise<SourceState> {
    const row = await this.get(id);
    if (!row) throw new Error(`There is no source '${id}' (it may have been removed).`);
    return row;
  }

  private startJob(id: string, run: (job: Job) => Promise<SourceState | undefined>, placeholder?: SourceSummary): Job {
    const job: Job = { progress: { phase: 'queued', done: 0 }, abort: new AbortController(), promise: Promise.resolve(undefined), placeholder };
    this.jobs.set(id, job);
    this.finished.delete(id);
    job.promise = run(job).finally(() => {
      if (this.jobs.get(id) === job) this.jobs.delete(id);
      if (job.progress.phase === 'write' && !job.abort.signal.aborted) {
        this.finished.set(id, { progress: job.progress, until: this.now() + (this.opts.lingerMs ?? 3_000) });
      }
    });
    return job;
  }

  /** Subscribe to a pack by URL. Returns once the source is listed; the download runs on. */
  async addUrl(rawUrl: string, intervalMinutes?: number, fromSync = false): Promise<SourceState> {
    const url = normaliseSourceUrl(rawUrl);
    const id = urlSourceId(url);
    let row = await this.get(id);
    const unconfirmed = fromSync && !(this.opts.syncListTrusted?.() ?? true);
    if (!row) {
      const u = new URL(url);
      row = {
        id,
        name: `${u.host}${u.pathname}`.slice(0, 120),
        publisher: u.host,
        licence: '',
        kind: 'url',
        url,
        enabled: !unconfirmed,
        updated: '',
        entityCount: 0,
        claimCount: 0,
        intervalMinutes: clampInterval(intervalMinutes),
        status: unconfirmed ? 'ok' : 'syncing',
        failures: 0,
        ...(unconfirmed ? { awaitingReader: true } : {}),
      };
      try {
        await this.db.sources.add(row);
      } catch (e) {
        // Added meanwhile (the popup and the sync list at once): use that row.
        const existing = await this.get(id);
        if (!existing) throw e;
        row = existing;
      }
      }
    if (!fromSync) await this.opts.syncList?.subscribe(url, row.intervalMinutes).catch((e) => console.warn('Gloss: sync list', e));
    if (row.awaitingReader) {
      if (fromSync) {
        await this.changed('state');
        return row;
      }
      // The reader subscribed to it here too: confirmed.
      row = (await updateSourceState(this.db, id, { awaitingReader: undefined, enabled: true }))!;
    }
    void this.refresh(id).catch(() => undefined);
    await this.changed('state');
    return row;
  }

  /** Refresh a URL source now (or join the refresh already running). */
  refresh(id: string): Promise<SourceState | undefined> {
    const running = this.jobs.get(id);
    if (running) return running.promise;
    return this.startJob(id, (job) => this.runRefresh(id, job)).promise;
  }

  private async runRefresh(id: string, job: Job): Promise<SourceState | undefined> {
    const row = await this.mustGet(id);
    if (row.kind !== 'url' || !row.url) throw new Error(`'${row.name}' is not a URL source; import the file again to update it.`);
    const url = row.url;
    const started = this.now();
    const hadPrevious = row.entityCount + row.claimCount > 0 || !!row.installedAt;
    await updateSourceState(this.db, id, { status: 'syncing', lastAttempt: started });
    const signal = job.abort.signal;

    const fail = async (message: string, waitMs?: number): Promise<SourceState | undefined> => {
      if (signal.aborted) return undefined;
      const failures = (row.failures ?? 0) + 1;
      const next = await updateSourceState(this.db, id, {
        status: 'error',
        error: message,
        failures,
        lastAttempt: started,
        // A server that said when to come back (429/503 Retry-After) is not asked sooner.
        nextSync: Math.max(nextSyncAt(this.now(), row.intervalMinutes, 'error', failures), this.now() + (waitMs ?? 0)),
      });
        await this.changed('state');
      return next;
    };

    job.progress = { phase: 'download', done: 0 };
    let fetched: Awaited<ReturnType<typeof fetchSource>>;
    try {
      fetched = await fetchSource(url, hadPrevious ? { etag: row.etag, lastModified: row.lastModified } : undefined, {
        fetch: this.opts.fetch,
        timeoutMs: this.opts.timeoutMs,
        maxBytes: this.opts.maxBytes,
        signal,
        headers: sourceRequestHeaders(url, this.opts.userAgent),
        now: this.now,
        onProgress: (done, total) => (job.progress = { phase: 'download', done, ...(total !== undefined ? { total } : {}) }),
      });
    } catch (e) {
      return fail(describeFetchError(e, row.name), e instanceof SourceError ? e.retryAfterMs : undefined);
    }
    if (signal.aborted) return undefined;

    if (fetched.status === 'unchanged') {
      // One small request, nothing rewritten: the records and the matcher fingerprint stay.
      const next = await updateSourceState(this.db, id, {
        status: 'ok',
        error: undefined,
        failures: 0,
        lastSync: this.now(),
        installedAt: row.installedAt ?? row.lastSync,
        nextSync: nextSyncAt(this.now(), row.intervalMinutes, 'unchanged'),
      });
        await this.changed('state');
      return next;
    }

    job.progress = { phase: 'parse', done: 0 };
    const parsed = importText(fetched.text, {
      url,
      contentType: fetched.contentType,
      sourceName: row.updated ? row.name : url,
      languages: this.opts.languages ? [...this.opts.languages] : undefined,
      maxBytes: this.opts.maxBytes,
    });
    if (!parsed.ok) return fail(describePackErrors(parsed.errors, hadPrevious, 'url'));
    if (signal.aborted) return undefined;
    const reserved = reservedNameProblem(parsed.pack.name);
    if (reserved) return fail(`Source '${url}': ${reserved}`);

    const pack = parsed.pack;
    job.progress = { phase: 'write', done: 0, total: pack.entities.length + pack.claims.length };
    let installed: SourceState;
    try {
      installed = await this.write(() => {
        if (signal.aborted) throw new Error('cancelled');
        return installPack(this.db, pack, {
          kind: 'url',
          sourceId: id,
          url,
          etag: fetched.etag,
          lastModified: fetched.lastModified,
          intervalMinutes: row.intervalMinutes,
          nextSync: nextSyncAt(this.now(), row.intervalMinutes, 'updated'),
          requireExisting: true,
          chunkSize: this.opts.chunkSize,
          onProgress: (p) => (job.progress = { phase: 'write', ...p }),
        });
      });
    } catch (e) {
      if (signal.aborted) return undefined;
      return fail(`Source '${row.name}': the records could not be saved (${e instanceof Error ? e.message : String(e)}). The previous version is still in use; press Refresh to try again.`);
    } finally {
      }
    this.installed(installed, pack);
    await this.changed('records');
    return installed;
  }

  private installed(row: SourceState, pack: { entities: readonly EntityRow[] | readonly Omit<EntityRow, 'key' | 'sourceId'>[] }): void {
    try {
      this.opts.onInstalled?.(row, pack.entities.map((e) => ({ ...e, key: recordKey(row.id, e.id), sourceId: row.id })));
    } catch (e) {
      console.warn('Gloss: install listener failed', e);
    }
  }

  /** Import a pack from a file's text. Resolves when it is installed; rejects with a reader-facing message. */
  async addFile(text: string, filename: string, contentType?: string): Promise<SourceState> {
    const name = filename.split(/[\\/]/).pop()!.slice(0, 200) || 'file';
    const tempId = `import:${name}`;
    if (this.jobs.has(tempId)) throw new Error(`'${name}' is already being imported.`);
    let lastPack: { entities: readonly Omit<EntityRow, 'key' | 'sourceId'>[] } | undefined;
    const placeholder: SourceSummary = { id: tempId, name, publisher: '', kind: 'file', enabled: true, entityCount: 0, claimCount: 0, status: 'syncing' };
    const job = this.startJob(tempId, async (j) => {
      j.progress = { phase: 'parse', done: 0 };
      // Let the popup see the job before the (synchronous) parse starts.
      await new Promise((r) => setTimeout(r, 0));
      const parsed = importText(text, { filename: name, contentType, sourceName: name, languages: this.opts.languages ? [...this.opts.languages] : undefined, maxBytes: this.opts.maxBytes ?? LIMITS.maxPackBytes });
      if (!parsed.ok) throw new Error(describePackErrors(parsed.errors, false, 'file'));
      const reserved = reservedNameProblem(parsed.pack.name);
      if (reserved) throw new Error(`'${name}': ${reserved}`);
      const pack = parsed.pack;
      lastPack = pack;
      const id = fileSourceId(pack.id);
      const other = this.jobs.get(id);
      if (other) await other.promise.catch(() => undefined);
      // From here the job is listed under the source's own id.
      this.jobs.delete(tempId);
      this.jobs.set(id, j);
      j.placeholder = { ...placeholder, id, name: pack.name, publisher: pack.publisher };
      j.progress = { phase: 'write', done: 0, total: pack.entities.length + pack.claims.length };
      try {
        return await this.write(() =>
          installPack(this.db, pack, {
            kind: 'file',
            sourceId: id,
            chunkSize: this.opts.chunkSize,
            onProgress: (p) => (j.progress = { phase: 'write', ...p }),
          }),
        );
      } catch (e) {
        throw new Error(`'${name}': the records could not be saved (${e instanceof Error ? e.message : String(e)}). Nothing was changed.`);
      } finally {
            if (this.jobs.get(id) === j) this.jobs.delete(id);
        if (j.progress.phase === 'write') this.finished.set(id, { progress: j.progress, until: this.now() + (this.opts.lingerMs ?? 3_000) });
      }
    }, placeholder);
    const row = await job.promise;
    if (row && lastPack) this.installed(row, lastPack);
    lastPack = undefined;
    await this.changed('records');
    return row!;
  }

  async remove(id: string): Promise<void> {
    const row = await this.mustGet(id);
    const job = this.jobs.get(id);
    job?.abort.abort();
    await this.write(() => removeSource(this.db, id));
    this.jobs.delete(id);
    this.finished.delete(id);
    if (row.kind === 'url' && row.url) await this.opts.syncList?.remove(row.url).catch((e) => console.warn('Gloss: sync list', e));
    await this.changed('records');
  }

  async setEnabled(id: string, enabled: boolean): Promise<SourceState> {
    const row = await this.mustGet(id);
    await this.write(() => setSourceEnabled(this.db, id, enabled));
    if (enabled && row.awaitingReader) {
      // The reader confirmed a source from another device: now it may be downloaded.
      await updateSourceState(this.db, id, { awaitingReader: undefined });
      void this.refresh(id).catch(() => undefined);
    }
    await this.changed('records');
    return this.mustGet(id);
  }

  async setInterval(id: string, intervalMinutes: number, fromSync = false): Promise<SourceState> {
    const row = await this.mustGet(id);
    if (row.kind !== 'url') throw new Error('Only URL sources are refreshed on a schedule.');
    const interval = clampInterval(intervalMinutes);
    // Re-plan from the last attempt, so a shorter interval takes effect now.
    const base = row.lastSync ?? row.lastAttempt ?? this.now();
    const next = await updateSourceState(this.db, id, { intervalMinutes: interval, nextSync: row.status === 'error' ? row.nextSync : base + interval * 60_000 });
    if (!fromSync && row.url) await this.opts.syncList?.subscribe(row.url, interval).catch((e) => console.warn('Gloss: sync list', e));
    await this.changed('state');
    return next!;
  }

  /** At startup: refreshes the background was stopped in the middle of start again. */
  async resume(): Promise<string[]> {
    const rows = (await this.db.sources.toArray()) as SourceState[];
    const stuck = rows.filter((r) => r.status === 'syncing' && !this.jobs.has(r.id));
    for (const r of stuck) {
      if (r.kind === 'url' && r.url) void this.refresh(r.id).catch(() => undefined);
      else await updateSourceState(this.db, r.id, { status: r.error ? 'error' : 'ok' });
    }
    return stuck.map((r) => r.id);
  }

  /** Refresh the URL sources whose time has come. Returns the ids started. */
  async runDue(): Promise<string[]> {
    const rows = (await this.db.sources.toArray()) as SourceState[];
    const due = dueSources(rows, this.now()).filter((r) => !this.jobs.has(r.id) && !r.awaitingReader);
    for (const r of due) void this.refresh(r.id).catch(() => undefined);
    return due.map((r) => r.id);
  }

  /** Bring this device in line with the synced subscription list (see storage/sync-list.ts). */
  async reconcile(remote: unknown): Promise<{ subscribed: string[]; removed: string[] }> {
    const rows = ((await this.db.sources.toArray()) as SourceState[]).filter((r) => r.kind === 'url' && r.url);
    const local: LocalUrlSource[] = rows.map((r) => ({ url: r.url!, intervalMinutes: r.intervalMinutes }));
    const plan = mergeSyncList(local, remote, this.now());
    const byUrl = new Map(rows.map((r) => [r.url!, r]));
    const subscribed: string[] = [];
    for (const s of plan.subscribe) {
      try {
        await this.addUrl(s.url, s.intervalMinutes, true);
        subscribed.push(s.url);
      } catch (e) {
        console.warn('Gloss: could not subscribe to a synced source', s.url, e);
      }
    }
    const trusted = this.opts.syncListTrusted?.() ?? true;
    const removed: string[] = [];
    for (const url of plan.remove) {
      const row = byUrl.get(url);
      // A list content scripts could write removes only what the reader never confirmed.
      if (!row || (!trusted && !row.awaitingReader)) continue;
      this.jobs.get(row.id)?.abort.abort();
      await this.write(() => removeSource(this.db, row.id));
      removed.push(url);
      }
    for (const r of plan.retime) {
      const row = byUrl.get(r.url);
      if (row) await this.setInterval(row.id, r.intervalMinutes, true);
    }
    if (plan.next) await this.opts.syncList?.write?.(plan.next);
    if (removed.length) await this.changed('records');
    return { subscribed, removed };
  }

  /** Wait for every running job (tests). */
  async idle(): Promise<void> {
    while (this.jobs.size) await Promise.allSettled([...this.jobs.values()].map((j) => j.promise));
    await this.writes;
  }
}
