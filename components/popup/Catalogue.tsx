/**
 * The catalogue of sources in the Sources view: curated Wikidata topics and fact-check
 * feeds, each described (publisher, licence, rough size, refresh interval), subscribed
 * with one click. The entries are data (catalogue/sources.json, checked by its schema).
 */
import { useState } from 'preact/hooks';
import { catalogue, type CatalogueEntry } from '../../catalogue';
import { send } from '../../messaging/client';
import type { SourceSummary } from '../../messaging/protocol';

/** This view's reader-facing strings, together for translation. */
const TEXT = {
  summary: (n: number) => `Catalogue: ${n} sources to add with one click`,
  subscribe: 'Subscribe',
  subscribing: 'Subscribing…',
  subscribed: 'Subscribed',
  records: (n: number, kind: CatalogueEntry['kind']) => `about ${n.toLocaleString('en')} ${kind === 'wikidata' ? 'entities' : 'fact checks'}`,
  size: (bytes: number) => (bytes >= 1_000_000 ? `about ${Math.round(bytes / 1_000_000)} MB` : `about ${Math.max(1, Math.round(bytes / 1000))} kB`),
  refresh: (minutes: number) => (minutes <= 60 ? 'refreshed hourly' : minutes <= 1440 ? 'refreshed daily' : minutes <= 10080 ? 'refreshed weekly' : `refreshed every ${Math.round(minutes / 1440)} days`),
  kind: (kind: CatalogueEntry['kind']) => (kind === 'wikidata' ? 'Wikidata topic' : 'Fact-check feed'),
};

function Entry({ entry, subscribed, onSubscribed, onError }: { entry: CatalogueEntry; subscribed: boolean; onSubscribed: () => void; onError: (m: string) => void }) {
  const [busy, setBusy] = useState(false);
  const subscribe = async () => {
    setBusy(true);
    try {
      await send('sources/add-url', { url: entry.url, intervalMinutes: entry.refreshMinutes });
      onSubscribed();
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const titleId = `catalogue-${entry.id}`;
  return (
    <li class="catalogue-entry" data-testid="catalogue-entry" data-entry-id={entry.id} aria-labelledby={titleId}>
      <div class="source-head">
        <strong id={titleId}>{entry.title}</strong>
        {subscribed ? (
          <span class="muted" data-testid="catalogue-subscribed">
            {TEXT.subscribed}
          </span>
        ) : (
          <button type="button" data-testid="catalogue-subscribe" aria-describedby={titleId} disabled={busy} onClick={() => void subscribe()}>
            {busy ? TEXT.subscribing : TEXT.subscribe}
          </button>
        )}
      </div>
      <p class="muted">{entry.description}</p>
      <p class="muted">
        {TEXT.kind(entry.kind)} by{' '}
        {entry.homepage ? (
          <a href={entry.homepage} target="_blank" rel="noopener noreferrer">
            {entry.publisher}
          </a>
        ) : (
          entry.publisher
        )}{' '}
        · {entry.licence} · {TEXT.records(entry.records, entry.kind)}, {TEXT.size(entry.bytes)} · {TEXT.refresh(entry.refreshMinutes)}
      </p>
    </li>
  );
}

/** The catalogue, folded by default so the reader's own sources stay in view. */
export function Catalogue({ sources, onChange, onError }: { sources: SourceSummary[] | undefined; onChange: () => void; onError: (m: string) => void }) {
  const entries = catalogue();
  const subscribed = new Set((sources ?? []).map((s) => s.url).filter(Boolean));
  return (
    <details class="catalogue" data-testid="catalogue">
      <summary>{TEXT.summary(entries.length)}</summary>
      <ul class="source-list">
        {entries.map((e) => (
          <Entry key={e.id} entry={e} subscribed={subscribed.has(e.url)} onSubscribed={onChange} onError={onError} />
        ))}
      </ul>
    </details>
  );
}
