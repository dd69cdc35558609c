/**
 * The catalogue of sources in the Sources view: curated Wikidata topics and fact-check
 * feeds, each described (publisher, licence, rough size, refresh interval), subscribed
 * with one click. The entries are data (catalogue/sources.json, checked by its schema).
 */
import { useState } from 'preact/hooks';
import { catalogue, type CatalogueEntry } from '../../catalogue';
import { formatNumber, t, tn, tParts, type MessageKey } from '../../i18n';
import { send } from '../../messaging/client';
import type { SourceSummary } from '../../messaging/protocol';

/** This view's reader-facing strings, in the reader's language (public/_locales). */
const TEXT = {
  summary: (n: number) => tn('catSummary', n),
  subscribe: t('catSubscribe'),
  subscribing: t('catSubscribing'),
  subscribed: t('catSubscribed'),
  records: (n: number, kind: CatalogueEntry['kind']) => tn(kind === 'wikidata' ? 'catAboutEntities' : 'catAboutFactChecks', n),
  size: (bytes: number) =>
    t('catAboutSize', bytes >= 1_000_000 ? formatNumber(Math.round(bytes / 1_000_000), { style: 'unit', unit: 'megabyte' }) : formatNumber(Math.max(1, Math.round(bytes / 1000)), { style: 'unit', unit: 'kilobyte' })),
  refresh: (minutes: number) =>
    minutes <= 60 ? t('catRefreshHourly') : minutes <= 1440 ? t('catRefreshDaily') : minutes <= 10080 ? t('catRefreshWeekly') : tn('catRefreshEvery', Math.round(minutes / 1440)),
  kindBy: (kind: CatalogueEntry['kind']): MessageKey => (kind === 'wikidata' ? 'catKindWikidata' : 'catKindFeed'),
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
            {t('catalogueSubscribed')}
          </span>
        ) : (
          <button type="button" data-testid="catalogue-subscribe" aria-describedby={titleId} disabled={busy} onClick={() => void subscribe()}>
            {busy ? t('catalogueSubscribing') : t('catalogueSubscribe')}
          </button>
        )}
      </div>
      <p class="muted">{entry.description}</p>
      <p class="muted">
        {tParts(
          TEXT.kindBy(entry.kind),
          entry.homepage ? (
            <a href={entry.homepage} target="_blank" rel="noopener noreferrer">
              {entry.publisher}
            </a>
          ) : (
            entry.publisher
          ),
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
      <summary>{t('catalogueSummary')}</summary>
      <ul class="source-list">
        {entries.map((e) => (
          <Entry key={e.id} entry={e} subscribed={subscribed.has(e.url)} onSubscribed={onChange} onError={onError} />
        ))}
      </ul>
    </details>
  );
}
