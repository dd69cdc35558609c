/**
 * Notes sync in the background: browser sync (storage.sync, on by default) and
 * server sync (a CouchDB-protocol database, end-to-end encrypted), run on
 * change (debounced), on an alarm, at start-up and on "Sync now".
 * Settings are the reader's: only extension pages may change them.
 */
import { browser } from 'wxt/browser';
import type { Handlers } from '../messaging/client';
import type { Note } from '../notes/types';
import { changeNote } from '../storage/notes';
import type { GlossDB } from '../storage/db';
import { deviceId } from '../storage/clock';
import { BrowserSync, SYNC_QUOTA, type SyncArea } from '../sync/browser-sync';
import { WrongPassphraseError } from '../sync/crypto';
import { conflictCopies, deletionOverridden } from '../sync/merge';
import { Replicator } from '../sync/replicator';
import type { BrowserSyncState, ServerSyncStatus, SyncStatus } from '../sync/status';
import { checkDbName, checkServerUrl, type ServerAuth } from '../sync/target';
import type { BackgroundDeps } from './deps';
import { broadcastRefresh, scopeOf } from './notes';
import { DexieSyncStore, absorbing, dexieLocalNotes } from './notes-sync-store';

export const SYNC_ALARM = 'gloss-notes-sync';
const SYNC_PERIOD_MINUTES = 15;
const DEBOUNCE_MS = 4_000;

interface ServerSettings {
  url: string;
  db: string;
  auth: ServerAuth;
  passphrase: string;
  enabled: boolean;
}
interface RunState {
  lastSync?: number;
  lastError?: string;
}
type BrowserSettings = RunState & { enabled: boolean; synced: number; notSynced: string[]; bytesUsed: number };

const SERVER_KEY = 'sync:server';
const SERVER_STATE_KEY = 'sync:server-state';
const BROWSER_KEY = 'sync:browser';

type SyncMessages = 'sync/status' | 'sync/configure' | 'sync/now' | 'sync/stop' | 'sync/start' | 'notes/dismiss-conflict';

/** The reader's words for what went wrong. */
function plain(e: unknown): string {
  const err = e as Error;
  if (err?.name === 'AbortError') return 'Sync was stopped before it finished; it picks up where it left off next time.';
  if (/QUOTA_BYTES|MAX_ITEMS/.test(err?.message ?? '')) return 'Browser sync is full. Notes that do not fit stay on this device; server sync has room for many more.';
  if (/MAX_WRITE_OPERATIONS/.test(err?.message ?? '')) return 'The browser asked Gloss to sync less often; it will try again in a few minutes.';
  return err?.message || String(e);
}

export class NotesSync {
  private serverTimer: ReturnType<typeof setTimeout> | undefined;
  private browserTimer: ReturnType<typeof setTimeout> | undefined;
  private serverRun: { abort: AbortController; done: Promise<void> } | undefined;
  private browserRunning: Promise<void> | undefined;
  private readonly keyCache = new Map<string, CryptoKey>();
  private browserSync: BrowserSync | undefined;

  constructor(
    private readonly db: GlossDB,
    private readonly area: SyncArea | undefined,
    private readonly fetchFn: typeof fetch = (u, i) => fetch(u, i),
  ) {}

  private async get<T>(key: string): Promise<T | undefined> {
    return (await this.db.meta.get(key))?.value as T | undefined;
  }
  private async put(key: string, value: unknown): Promise<void> {
    await this.db.meta.put({ key, value });
  }

  /** Notes arrived from one target: tell the tabs, and pass them on to the other target (a quiet run when nothing is new). */
  private notesChanged = (notes: Note[]) => {
    void broadcastRefresh(scopeOf(notes)).catch(() => undefined);
    this.scheduleAll();
  };

  /** A note changed on this device: sync soon, once the reader pauses. */
  scheduleAll(): void {
    this.schedule('server');
    this.schedule('browser');
  }

  schedule(target: 'server' | 'browser', delay = DEBOUNCE_MS): void {
    if (target === 'server') {
      clearTimeout(this.serverTimer);
      this.serverTimer = setTimeout(() => void this.runServer().catch((e) => console.error('Gloss: server sync failed', e)), delay);
    } else {
      clearTimeout(this.browserTimer);
      this.browserTimer = setTimeout(() => void this.runBrowser().catch((e) => console.error('Gloss: browser sync failed', e)), delay);
    }
  }

  /** Cancel scheduled runs (tests; a stopped background loses its timers anyway, the alarm remains). */
  dispose(): void {
    clearTimeout(this.serverTimer);
    clearTimeout(this.browserTimer);
  }

  // ── Server ──

  async runServer(): Promise<void> {
    if (this.serverRun) return this.serverRun.done;
    const settings = await this.get<ServerSettings>(SERVER_KEY);
    if (!settings?.enabled) return;
    const abort = new AbortController();
    const done = (async () => {
      const state: RunState = (await this.get<RunState>(SERVER_STATE_KEY)) ?? {};
      try {
        const repl = new Replicator(
          { url: settings.url, db: settings.db, auth: settings.auth },
          new DexieSyncStore(this.db, this.notesChanged),
          { fetch: this.fetchFn, targetKey: `server:${settings.url}/${settings.db}`, device: await deviceId(this.db), passphrase: settings.passphrase, keyCache: this.keyCache },
          abort.signal,
        );
        const report = await repl.sync();
        state.lastSync = Date.now();
        state.lastError = report.unreadable.length ? `${report.unreadable.length} note(s) on the server could not be read and were left alone: ${report.unreadable[0]}` : undefined;
      } catch (e) {
        state.lastError = plain(e);
        if (e instanceof WrongPassphraseError) await this.put(SERVER_KEY, { ...settings, enabled: false });
      } finally {
        await this.put(SERVER_STATE_KEY, state);
      }
    })();
    this.serverRun = { abort, done };
    try {
      await done;
    } finally {
      this.serverRun = undefined;
    }
  }

  async configure(input: { url: string; db: string; auth: ServerAuth; passphrase: string }): Promise<void> {
    const settings: ServerSettings = { url: checkServerUrl(input.url), db: checkDbName(input.db), auth: input.auth, passphrase: input.passphrase, enabled: true };
    if (!settings.passphrase) throw new Error('Choose a passphrase: it encrypts your notes before they leave this device.');
    this.serverRun?.abort.abort();
    await this.put(SERVER_KEY, settings);
    await this.put(SERVER_STATE_KEY, {});
    await this.runServer();
  }

  // ── Browser ──

  private browser(): BrowserSync | undefined {
    if (!this.area) return undefined;
    this.browserSync ??= new BrowserSync(this.area, dexieLocalNotes(this.db, this.notesChanged), SYNC_QUOTA);
    return this.browserSync;
  }

  async browserSettings(): Promise<BrowserSettings> {
    return (await this.get<BrowserSettings>(BROWSER_KEY)) ?? { enabled: true, synced: 0, notSynced: [], bytesUsed: 0 };
  }

  async runBrowser(): Promise<void> {
    if (this.browserRunning) return this.browserRunning;
    const sync = this.browser();
    const settings = await this.browserSettings();
    if (!sync || !settings.enabled) return;
    this.browserRunning = (async () => {
      try {
        const status = await sync.flush();
        Object.assign(settings, { synced: status.synced, notSynced: status.notSynced, bytesUsed: status.bytesUsed, lastError: undefined });
        if (status.waitUntil) this.schedule('browser', status.waitUntil - Date.now());
        else settings.lastSync = Date.now();
      } catch (e) {
        settings.lastError = plain(e);
        this.schedule('browser', 60_000);
      } finally {
        await this.put(BROWSER_KEY, settings);
      }
    })();
    try {
      await this.browserRunning;
    } finally {
      this.browserRunning = undefined;
    }
  }

  /** storage.sync changed (another device): merge the notes in. */
  async browserChanged(changes: Record<string, { newValue?: unknown }>): Promise<void> {
    const sync = this.browser();
    if (!sync || !(await this.browserSettings()).enabled) return;
    const items = Object.fromEntries(Object.entries(changes).filter(([k]) => k.startsWith('n:')).map(([k, c]) => [k, c.newValue]));
    if (!Object.keys(items).length) return;
    // A chunked note needs its other items: read the whole area.
    await sync.pull(Object.keys(items).some((k) => k.includes('#')) ? undefined : items);
    this.schedule('browser');
  }

  // ── Control ──

  async stop(target: 'server' | 'browser'): Promise<void> {
    if (target === 'server') {
      this.serverRun?.abort.abort();
      const s = await this.get<ServerSettings>(SERVER_KEY);
      if (s) await this.put(SERVER_KEY, { ...s, enabled: false });
    } else await this.put(BROWSER_KEY, { ...(await this.browserSettings()), enabled: false });
  }

  async start(target: 'server' | 'browser'): Promise<void> {
    if (target === 'server') {
      const s = await this.get<ServerSettings>(SERVER_KEY);
      if (!s) throw new Error('Set up server sync first.');
      await this.put(SERVER_KEY, { ...s, enabled: true });
      await this.runServer();
    } else {
      await this.put(BROWSER_KEY, { ...(await this.browserSettings()), enabled: true });
      await this.runBrowser();
    }
  }

  async status(): Promise<SyncStatus> {
    const [settings, state, b, notes] = await Promise.all([this.get<ServerSettings>(SERVER_KEY), this.get<RunState>(SERVER_STATE_KEY), this.browserSettings(), this.db.notes.toArray()]);
    const conflicts = notes.filter((n) => conflictCopies(n).length > 0 || deletionOverridden(n)).length;
    let waiting = 0;
    if (settings) waiting = (await new DexieSyncStore(this.db).pending(`server:${settings.url}/${settings.db}`)).length;
    const server: ServerSyncStatus = {
      configured: !!settings,
      enabled: !!settings?.enabled,
      running: !!this.serverRun,
      waiting: settings ? waiting : 0,
      conflicts,
      ...(settings ? { url: settings.url, db: settings.db, authKind: settings.auth.kind } : {}),
      ...(state?.lastSync ? { lastSync: state.lastSync } : {}),
      ...(state?.lastError ? { lastError: state.lastError } : {}),
    };
    const browserState: BrowserSyncState = {
      enabled: b.enabled && !!this.area,
      running: !!this.browserRunning,
      synced: b.synced,
      notSynced: b.notSynced,
      bytesUsed: b.bytesUsed,
      bytesQuota: SYNC_QUOTA.bytes,
      conflicts,
      ...(b.lastSync ? { lastSync: b.lastSync } : {}),
      ...(b.lastError ? { lastError: b.lastError } : {}),
    };
    return { server, browser: browserState };
  }

  handlers(): Handlers<SyncMessages> {
    return {
      'sync/status': () => this.status(),
      'sync/configure': async (req) => {
        const auth: ServerAuth =
          req.authKind === 'basic' ? { kind: 'basic', user: req.user ?? '', password: req.password ?? '' } : req.authKind === 'bearer' ? { kind: 'bearer', token: req.token ?? '' } : { kind: 'none' };
        await this.configure({ url: req.url, db: req.db, auth, passphrase: req.passphrase });
        return this.status();
      },
      'sync/now': async ({ target }) => {
        if (target === 'server') await this.runServer();
        else await this.runBrowser();
        return this.status();
      },
      'sync/stop': async ({ target }) => {
        await this.stop(target);
        return this.status();
      },
      'sync/start': async ({ target }) => {
        await this.start(target);
        return this.status();
      },
      'notes/dismiss-conflict': async ({ id, stamps }) => {
        const note = await changeNote(this.db, id, { dismissConflicts: stamps });
        this.scheduleAll();
        return note;
      },
    };
  }
}

function storageSyncArea(): SyncArea | undefined {
  const area = browser.storage?.sync;
  if (!area) return undefined;
  return {
    get: async () => (await area.get(null)) as Record<string, unknown>,
    set: (items) => area.set(items),
    remove: (keys) => area.remove(keys),
  };
}

/** Wire sync into the background: change hook, alarm, storage.sync listener, start-up run. Listeners register synchronously. */
export function startNotesSync({ db }: BackgroundDeps): NotesSync {
  const sync = new NotesSync(db, storageSyncArea());
  const changed = () => {
    if (absorbing.depth === 0) sync.scheduleAll();
  };
  db.notes.hook('creating', changed);
  db.notes.hook('updating', changed);
  db.notes.hook('deleting', changed);
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void sync.runBrowser();
    void sync.runServer();
  });
  void browser.alarms?.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  browser.storage?.onChanged.addListener((changes, area) => {
    if (area === 'sync') void sync.browserChanged(changes as Record<string, { newValue?: unknown }>);
  });
  sync.schedule('browser', 1_000);
  sync.schedule('server', 2_000);
  return sync;
}
