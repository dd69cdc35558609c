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
import { formatNumber, formatRelative, t, tn, type MessageKey } from '../../i18n';
import { LIMITS } from '../../packs/limits';
import { Catalogue } from './Catalogue';
import './sources.css';

const POLL_MS = 300;
/** The pack size limit (packs/limits.ts), checked before the file is read. */
const MAX_FILE_BYTES = LIMITS.maxPackBytes;
/** The refresh intervals offered (here and as the default in the options page). */
export const INTERVALS: { minutes: number; label: MessageKey }[] = [
  { minutes: 60, label: 'intervalHourly' },
  { minutes: 360, label: 'interval6Hours' },
  { minutes: 1440, label: 'intervalDaily' },
  { minutes: 10080, label: 'intervalWeekly' },
];

const relative = (ts: number | undefined, now: number): string => (ts ? formatRelative(ts, now) : t('never'));

const kb = (bytes: number) => formatNumber(Math.round(bytes / 1024), { style: 'unit', unit: 'kilobyte' });
const mb = (bytes: number) => formatNumber(Math.round(bytes / 1_048_576), { style: 'unit', unit: 'megabyte' });

function ProgressBar({ progress }: { progress: SourceProgress }) {
  const { phase, done, total } = progress;
  let label: string;
  if (phase === 'queued') label = t('progressWaiting');
  else if (phase === 'download') label = total ? t('progressDownloading', kb(done), kb(total)) : t('progressDownloadingSize', kb(done));
  else if (phase === 'parse') label = t('progressChecking');
  else label = tn(done === total ? 'progressSaved' : 'progressSaving', total ?? 0, done);
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
          {s.publisher && <span class="muted"> {t('sourceBy', s.publisher)}</span>}
        </div>
        {!placeholder && (
          <label class="switch" title={t(s.enabled ? 'sourceTurnOff' : 'sourceTurnOn')}>
            <input type="checkbox" data-testid="source-enabled" checked={s.enabled} onChange={(e) => void act(() => send('sources/set-enabled', { id: s.id, enabled: (e.target as HTMLInputElement).checked }))} />
            {t('sourceOn')}
          </label>
        )}
      </div>
      <div class="muted" data-testid="source-counts">
        {tn('entityCount', s.entityCount)} · {tn('claimCount', s.claimCount)}
        {s.enabled ? '' : ` · ${t('sourceOff')}`}
        {s.kind === 'bundled' ? ` · ${t('sourceBuiltIn')}` : s.kind === 'file' ? ` · ${t('sourceFromFile')}` : ''}
      </div>
      {s.kind === 'url' && (
        <div class="muted" data-testid="source-sync">
          {s.url && (
            <span class="url" title={s.url}>
              {s.url}
            </span>
          )}
          <br />
          {t('sourceLastSync', relative(s.lastSync, now))}
          {s.nextSync && s.status !== 'syncing' ? ` · ${t('sourceNextSync', relative(s.nextSync, now))}` : ''}
        </div>
      )}
      {s.awaitingReader && (
        <p class="muted" data-testid="source-awaiting">
          Added on another device. Turn it on to download and use it here.
        </p>
      )}
      {s.progress && <ProgressBar progress={s.progress} />}
      {!s.progress && s.status === 'syncing' && <div class="muted">{t('syncing')}</div>}
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
                {t('sourceRefreshNow')}
              </button>
              <select
                aria-label={t('sourceIntervalLabel', s.name)}
                data-testid="source-interval"
                value={String(s.intervalMinutes ?? 1440)}
                onChange={(e) => void act(() => send('sources/set-interval', { id: s.id, intervalMinutes: Number((e.target as HTMLSelectElement).value) }))}
              >
                {INTERVALS.some((i) => i.minutes === (s.intervalMinutes ?? 1440)) ? null : <option value={String(s.intervalMinutes)}>{tn('everyMinutes', s.intervalMinutes ?? 0)}</option>}
                {INTERVALS.map((i) => (
                  <option key={i.minutes} value={String(i.minutes)}>
                    {t(i.label)}
                  </option>
                ))}
              </select>
            </>
          )}
          {s.kind !== 'bundled' &&
            (confirming ? (
              <>
                <button type="button" class="danger" data-testid="source-remove-confirm" onClick={() => void act(() => send('sources/remove', { id: s.id }))}>
                  {t('sourceRemoveConfirm', s.name)}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('keep')}
                </button>
              </>
            ) : (
              <button type="button" data-testid="source-remove" onClick={() => setConfirming(true)}>
                {t('remove')}
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
      if (alive.current) setMessage({ kind: 'error', text: t('sourcesListError', e instanceof Error ? e.message : String(e)) });
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
      setMessage({ kind: 'ok', text: t('sourceSubscribed', s.url ?? s.name) });
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
      setMessage({ kind: 'error', text: t('fileTooLarge', file.name, mb(file.size), mb(MAX_FILE_BYTES)) });
      if (fileInput.current) fileInput.current.value = '';
      return;
    }
    setImporting(true);
    try {
      const text = await file.text();
      const s = await send('sources/add-file', { text, filename: file.name, contentType: file.type || undefined });
      setMessage({ kind: 'ok', text: t('sourceImported', s.name, tn('entityCount', s.entityCount), tn('claimCount', s.claimCount)) });
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
      <h2 id="sources-h">{t('sources')}</h2>
      <form class="add" onSubmit={(e) => void addUrl(e)} data-testid="add-source">
        <label for="source-url" class="muted">
          {t('subscribeLabel')}
        </label>
        <div class="row">
          <input id="source-url" type="url" data-testid="source-url" placeholder="https://example.org/pack.json" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
          <button type="submit" data-testid="source-add">
            {t('add')}
          </button>
        </div>
        <label class="file muted">
          {t('importFileLabel')}{' '}
          <input ref={fileInput} type="file" data-testid="source-file" accept=".json,.jsonl,.csv,.html,.htm,application/json,text/csv" disabled={importing} onChange={() => void importFile()} />
        </label>
      </form>
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'ok'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="sources-message">
          {message.text}
        </p>
      )}
      <Catalogue sources={sources} onChange={() => void load()} onError={(text) => setMessage({ kind: 'error', text })} />
      {!sources && <p class="muted">{t('loading')}</p>}
      {sources && sources.length === 0 && <p class="muted">{t('noSources')}</p>}
      <ul class="source-list" data-testid="source-list">
        {sources?.map((s) => (
          <SourceItem key={s.id} s={s} now={now} onChange={() => void load()} onError={(text) => setMessage({ kind: 'error', text })} />
        ))}
      </ul>
    </section>
  );
}
