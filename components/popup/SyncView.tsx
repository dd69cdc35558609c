/**
 * The popup's Sync view: browser sync (how full, what did not fit) and server
 * sync (settings, last sync, notes waiting, conflicts, the last error), each
 * with "Sync now" and "Stop syncing". Errors come from the background already
 * in the reader's words. Settings are sent only from this extension page.
 */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { SyncStatus } from '../../sync/status';
import { S } from './sync-strings';
import { formatDateTime } from '../../i18n';
import './sync.css';

const POLL_MS = 2_000;

function when(ts: number | undefined): string {
  return ts ? formatDateTime(ts) : S.never;
}

type AuthKind = 'none' | 'basic' | 'bearer';

function ServerForm({ initial, onDone, onCancel }: { initial: SyncStatus['server']; onDone: (s: SyncStatus) => void; onCancel?: () => void }) {
  const [url, setUrl] = useState(initial.url ?? 'https://');
  const [db, setDb] = useState(initial.db ?? 'gloss-notes');
  const [authKind, setAuthKind] = useState<AuthKind>(initial.authKind ?? 'basic');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onDone(await send('sync/configure', { url, db, authKind, ...(authKind === 'basic' ? { user, password } : {}), ...(authKind === 'bearer' ? { token } : {}), passphrase }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const field = (label: string, value: string, set: (v: string) => void, name: string, type = 'text') => (
    <label class="sync-field">
      {label}
      <input name={name} type={type} value={value} autoComplete="off" onInput={(e) => set((e.target as HTMLInputElement).value)} required={name !== 'password'} />
    </label>
  );
  return (
    <form class="sync-form" data-testid="sync-server-form" onSubmit={(e) => void submit(e)}>
      {field(S.url, url, setUrl, 'url', 'url')}
      {field(S.db, db, setDb, 'db')}
      <label class="sync-field">
        {S.authKind}
        <select name="authKind" value={authKind} onChange={(e) => setAuthKind((e.target as HTMLSelectElement).value as AuthKind)}>
          <option value="basic">{S.authBasic}</option>
          <option value="bearer">{S.authBearer}</option>
          <option value="none">{S.authNone}</option>
        </select>
      </label>
      {authKind === 'basic' && field(S.user, user, setUser, 'user')}
      {authKind === 'basic' && field(S.password, password, setPassword, 'password', 'password')}
      {authKind === 'bearer' && field(S.token, token, setToken, 'token', 'password')}
      {field(S.passphrase, passphrase, setPassphrase, 'passphrase', 'password')}
      <p class="muted">{S.passphraseHelp}</p>
      {error && <p class="note-error" role="alert">{error}</p>}
      <p>
        <button type="submit" data-action="sync-save" disabled={busy}>
          {busy ? S.syncing : S.save}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {S.cancel}
          </button>
        )}
      </p>
    </form>
  );
}

/** The notes that did not fit in browser sync, listed by their first words (plain text). */
function NotSynced({ ids }: { ids: string[] }) {
  const [labels, setLabels] = useState<string[]>([]);
  useEffect(() => {
    void send('notes/list', {})
      .then(({ notes }) => {
        const wanted = new Set(ids);
        setLabels(notes.filter((n) => wanted.has(n.id)).map((n) => (n.body || n.pageTitle || n.pageUrl).slice(0, 80)));
      })
      .catch(() => setLabels([]));
  }, [ids.join()]);
  return (
    <details data-testid="sync-not-synced">
      <summary>{S.notSynced(ids.length)}</summary>
      <ul>
        {labels.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </details>
  );
}

export function SyncView() {
  const [status, setStatus] = useState<SyncStatus>();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  useEffect(() => {
    const ac = new AbortController();
    const poll = async () => {
      try {
        const s = await send('sync/status', {});
        if (!ac.signal.aborted) setStatus(s);
      } catch (e) {
        setError((e as Error).message);
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    ac.signal.addEventListener('abort', () => clearInterval(timer));
    return () => ac.abort();
  }, []);
  const act = async (name: string, fn: () => Promise<SyncStatus>) => {
    setBusy(name);
    setError(undefined);
    try {
      setStatus(await fn());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };
  if (!status) return <p class="muted">{error ?? S.syncing}</p>;
  const { browser: b, server } = status;
  const kb = (n: number) => Math.round(n / 1024);
  const controls = (target: 'server' | 'browser', enabled: boolean, running: boolean) =>
    enabled ? (
      <p>
        <button type="button" data-action={`sync-now-${target}`} disabled={!!busy || running} onClick={() => void act(`now-${target}`, () => send('sync/now', { target }))}>
          {busy === `now-${target}` || running ? S.syncing : S.syncNow}
        </button>
        <button type="button" data-action={`sync-stop-${target}`} onClick={() => void act(`stop-${target}`, () => send('sync/stop', { target }))}>
          {S.stop}
        </button>
      </p>
    ) : (
      <p>
        <span class="muted">{S.off}</span>{' '}
        <button type="button" data-action={`sync-start-${target}`} disabled={!!busy} onClick={() => void act(`start-${target}`, () => send('sync/start', { target }))}>
          {S.turnOn}
        </button>
      </p>
    );
  return (
    <section class="sync-view" data-testid="sync-view">
      {error && <p class="note-error" role="alert">{error}</p>}
      <section data-testid="sync-browser">
        <h2>{S.browserTitle}</h2>
        <p class="muted">{S.browserIntro}</p>
        <p>
          <meter min={0} max={b.bytesQuota} value={b.bytesUsed} high={b.bytesQuota * 0.8} /> {S.used(kb(b.bytesUsed), kb(b.bytesQuota))}
        </p>
        {b.bytesUsed > b.bytesQuota * 0.8 && <p role="status">{S.nearFull}</p>}
        {b.notSynced.length > 0 && <NotSynced ids={b.notSynced} />}
        <p class="muted">{S.lastSync(when(b.lastSync))}</p>
        {b.lastError && <p class="note-error" role="alert">{b.lastError}</p>}
        {controls('browser', b.enabled, b.running)}
      </section>
      <section data-testid="sync-server">
        <h2>{S.serverTitle}</h2>
        {!server.configured || editing ? (
          <>
            <p class="muted">{S.serverIntro}</p>
            <ServerForm
              initial={server}
              onDone={(s) => {
                setStatus(s);
                setEditing(false);
              }}
              onCancel={server.configured ? () => setEditing(false) : undefined}
            />
          </>
        ) : (
          <>
            <p>
              {server.url} · {server.db}
            </p>
            <p class="muted" data-testid="sync-server-last" data-last-sync={server.lastSync ?? 0}>
              {S.lastSync(when(server.lastSync))}
            </p>
            {server.waiting > 0 && <p data-testid="sync-waiting">{S.waiting(server.waiting)}</p>}
            {server.conflicts > 0 && <p data-testid="sync-conflicts">{S.conflicts(server.conflicts)}</p>}
            {server.lastError && (
              <p class="note-error" role="alert" data-testid="sync-server-error">
                {server.lastError}
              </p>
            )}
            {controls('server', server.enabled, server.running)}
            <p>
              <button type="button" class="link" data-action="sync-change" onClick={() => setEditing(true)}>
                {S.change}
              </button>
            </p>
          </>
        )}
      </section>
    </section>
  );
}
