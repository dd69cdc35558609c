/**
 * The popup's Sources view: subscribe to a knowledge source by URL or import a file,
 * and for each source see what it holds and how it is syncing; turn it on or off,
 * refresh it now, change how often it refreshes, or remove it.
 *
 * Imports run in the background; the view polls `sources/list` while anything is
 * running and shows a progress bar (records written of the total).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { SourceProgress, SourceSummary } from '../../messaging/protocol';
import { LIMITS } from '../../packs/limits';
import { Catalogue } from './Catalogue';
import './sources.css';

const POLL_MS = 300;
/** The pack size limit (packs/limits.ts), checked before the file is read. */
const MAX_FILE_BYTES = LIMITS.maxPackBytes;
const INTERVALS: { minutes: number; label: string }[] = [
  { minutes: 60, label: 'Hourly' },
  { minutes: 360, label: 'Every 6 hours' },
  { minutes: 1440, label: 'Daily' },
  { minutes: 10080, label: 'Weekly' },
];

function relative(ts: number | undefined, now: number): string {
  if (!ts) return 'never';
  const d = ts - now;
  const abs = Math.abs(d);
  const unit = abs < 90_000 ? `${Math.max(1, Math.round(abs / 1000))} s` : abs < 5_400_000 ? `${Math.round(abs / 60_000)} min` : abs < 172_800_000 ? `${Math.round(abs / 3_600_000)} h` : `${Math.round(abs / 86_400_000)} days`;
  if (abs < 5_000) return 'just now';
  return d < 0 ? `${unit} ago` : `in ${unit}`;
}

const fmt = (n: number) => n.toLocaleString('en');

function ProgressBar({ progress }: { progress: SourceProgress }) {
  const { phase, done, total } = progress;
  let label: string;
  if (phase === 'queued') label = 'Waiting…';
  else if (phase === 'download') label = total ? `Downloading: ${fmt(Math.round(done / 1024))} of ${fmt(Math.round(total / 1024))} KB` : `Downloading: ${fmt(Math.round(done / 1024))} KB`;
  else if (phase === 'parse') label = 'Checking the pack…';
  else label = `${done === total ? 'Saved' : 'Saving'} ${fmt(done)} of ${fmt(total ?? 0)} records`;
  const determinate = (phase === 'write' || phase === 'download') && !!total;
  return (
    <div class="progress" data-testid="source-progress" data-phase={phase} data-done={done} data-total={total ?? ''}>
      {determinate ? <progress max={total} value={done} aria-label={label} /> : <progress aria-label={label} />}
      <span class="muted">{label}</span>
    </div>
  );
}

function SourceItem({ s, now, onChange, onError }: { s: SourceSummary; now: number; onChange: () => void; onError: (m: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
    onChange();
  };
  const placeholder = s.id.startsWith('import:');
  return (
    <li class={`source status-${s.status}${s.enabled ? '' : ' disabled'}`} data-testid="source" data-source-id={s.id}>
      <div class="source-head">
        <div class="source-title">
          <strong data-testid="source-name">{s.name}</strong>
          {s.publisher && <span class="muted"> by {s.publisher}</span>}
        </div>
        {!placeholder && (
          <label class="switch" title={s.enabled ? 'Turn this source off' : 'Turn this source on'}>
            <input type="checkbox" data-testid="source-enabled" checked={s.enabled} onChange={(e) => void act(() => send('sources/set-enabled', { id: s.id, enabled: (e.target as HTMLInputElement).checked }))} />
            On
          </label>
        )}
      </div>
      <div class="muted" data-testid="source-counts">
        {fmt(s.entityCount)} entities · {fmt(s.claimCount)} claims{s.enabled ? '' : ' · off'}
        {s.kind === 'bundled' ? ' · built in' : s.kind === 'file' ? ' · from a file' : ''}
      </div>
      {s.kind === 'url' && (
        <div class="muted" data-testid="source-sync">
          {s.url && (
            <span class="url" title={s.url}>
              {s.url}
            </span>
          )}
          <br />
          Last sync {relative(s.lastSync, now)}
          {s.nextSync && s.status !== 'syncing' ? ` · next ${relative(s.nextSync, now)}` : ''}
        </div>
      )}
      {s.awaitingReader && (
        <p class="muted" data-testid="source-awaiting">
          Added on another device. Turn it on to download and use it here.
        </p>
      )}
      {s.progress && <ProgressBar progress={s.progress} />}
      {!s.progress && s.status === 'syncing' && <div class="muted">Syncing…</div>}
      {s.status === 'error' && s.error && (
        <p class="error" role="alert" data-testid="source-error">
          {s.error}
        </p>
      )}
      {!placeholder && (
        <div class="actions">
          {s.kind === 'url' && (
            <>
              <button type="button" data-testid="source-refresh" disabled={s.status === 'syncing'} onClick={() => void act(() => send('sources/refresh', { id: s.id }))}>
                Refresh now
              </button>
              <select
                aria-label={`How often to refresh ${s.name}`}
                data-testid="source-interval"
                value={String(s.intervalMinutes ?? 1440)}
                onChange={(e) => void act(() => send('sources/set-interval', { id: s.id, intervalMinutes: Number((e.target as HTMLSelectElement).value) }))}
              >
                {INTERVALS.some((i) => i.minutes === (s.intervalMinutes ?? 1440)) ? null : <option value={String(s.intervalMinutes)}>Every {s.intervalMinutes} min</option>}
                {INTERVALS.map((i) => (
                  <option key={i.minutes} value={String(i.minutes)}>
                    {i.label}
                  </option>
                ))}
              </select>
            </>
          )}
          {s.kind !== 'bundled' &&
            (confirming ? (
              <>
                <button type="button" class="danger" data-testid="source-remove-confirm" onClick={() => void act(() => send('sources/remove', { id: s.id }))}>
                  Remove {s.name}?
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" data-testid="source-remove" onClick={() => setConfirming(true)}>
                Remove
              </button>
            ))}
        </div>
      )}
    </li>
  );
}

export function SourcesView() {
  const [sources, setSources] = useState<SourceSummary[]>();
  const [url, setUrl] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string }>();
  const [importing, setImporting] = useState(false);
  const [now, setNow] = useState(Date.now());
  const fileInput = useRef<HTMLInputElement>(null);
  const alive = useRef(true);

  const load = async () => {
    try {
      const list = await send('sources/list', {});
      if (alive.current) {
        setSources(list);
        setNow(Date.now());
      }
    } catch (e) {
      if (alive.current) setMessage({ kind: 'error', text: `Could not list the sources: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  useEffect(() => {
    alive.current = true;
    void load();
    return () => {
      alive.current = false;
    };
  }, []);

  // Poll while anything is running (downloads, imports), so progress and results show.
  const busy = importing || !!sources?.some((s) => s.status === 'syncing' || s.progress);
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [busy]);

  const addUrl = async (e: Event) => {
    e.preventDefault();
    if (!url.trim()) return;
    setMessage(undefined);
    try {
      const s = await send('sources/add-url', { url: url.trim() });
      setUrl('');
      setMessage({ kind: 'ok', text: `Subscribed to ${s.url ?? s.name}. Its download, status and any error show in its row below.` });
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    }
    await load();
  };

  const importFile = async () => {
    const file = fileInput.current?.files?.[0];
    if (!file) return;
    setMessage(undefined);
    if (file.size > MAX_FILE_BYTES) {
      setMessage({ kind: 'error', text: `'${file.name}' is ${fmt(Math.round(file.size / 1_048_576))} MB; Gloss imports files up to ${MAX_FILE_BYTES / 1_048_576} MB. Nothing was imported.` });
      if (fileInput.current) fileInput.current.value = '';
      return;
    }
    setImporting(true);
    try {
      const text = await file.text();
      const s = await send('sources/add-file', { text, filename: file.name, contentType: file.type || undefined });
      setMessage({ kind: 'ok', text: `Imported ${s.name}: ${fmt(s.entityCount)} entities, ${fmt(s.claimCount)} claims.` });
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setImporting(false);
      if (fileInput.current) fileInput.current.value = '';
      await load();
    }
  };

  return (
    <section aria-labelledby="sources-h" class="sources-view">
      <h2 id="sources-h">Sources</h2>
      <form class="add" onSubmit={(e) => void addUrl(e)} data-testid="add-source">
        <label for="source-url" class="muted">
          Subscribe to a pack by its https link
        </label>
        <div class="row">
          <input id="source-url" type="url" data-testid="source-url" placeholder="https://example.org/pack.json" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
          <button type="submit" data-testid="source-add">
            Add
          </button>
        </div>
        <label class="file muted">
          or import a file (Gloss pack, ClaimReview, Wikidata JSON, CSV):{' '}
          <input ref={fileInput} type="file" data-testid="source-file" accept=".json,.jsonl,.csv,.html,.htm,application/json,text/csv" disabled={importing} onChange={() => void importFile()} />
        </label>
      </form>
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'ok'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="sources-message">
          {message.text}
        </p>
      )}
      <Catalogue sources={sources} onChange={() => void load()} onError={(text) => setMessage({ kind: 'error', text })} />
      {!sources && <p class="muted">Loading…</p>}
      {sources && sources.length === 0 && <p class="muted">No sources yet.</p>}
      <ul class="source-list" data-testid="source-list">
        {sources?.map((s) => (
          <SourceItem key={s.id} s={s} now={now} onChange={() => void load()} onError={(text) => setMessage({ kind: 'error', text })} />
        ))}
      </ul>
    </section>
  );
}
