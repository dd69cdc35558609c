/**
 * The popup's page view: what Gloss found on this page, a per-site pause switch,
 * and the installed sources at a glance.
 */
import { useEffect, useState } from 'preact/hooks';
import { send, sendToTab } from '../../messaging/client';
import type { PageSummary, SourceSummary } from '../../messaging/protocol';
import type { ActiveTab } from '../../popup/active-tab';
import { t, tn } from '../../i18n';
import { typeLabel, verdictLabel } from '../Card';
import { SAMPLE_PAGE, SOURCES_PAGE } from '../welcome/WelcomePage';
import { browser } from 'wxt/browser';

export function PageView({ tab }: { tab: ActiveTab | undefined }) {
  const [summary, setSummary] = useState<PageSummary>();
  const [pageError, setPageError] = useState<string>();
  const [paused, setPausedState] = useState(false);
  const [sources, setSources] = useState<SourceSummary[]>();

  const refresh = async (tab: ActiveTab | undefined) => {
    if (!tab) return;
    if (tab.host) setPausedState((await send('site/get', { host: tab.host })).paused);
    try {
      setSummary(await sendToTab(tab.id, 'page/summary', {}));
      setPageError(undefined);
    } catch {
      setSummary(undefined);
      setPageError(tab.host ? t('pageNotRunning') : t('pageNotWeb'));
    }
  };

  useEffect(() => {
    void (async () => {
      await refresh(tab);
      setSources(await send('sources/list', {}));
    })();
  }, [tab]);

  const togglePause = async (next: boolean) => {
    if (!tab?.host) return;
    setPausedState((await send('site/set', { host: tab.host, paused: next })).paused);
    setTimeout(() => void refresh(tab), 150);
  };

  const reveal = (key: string) => tab && void sendToTab(tab.id, 'page/reveal', { key });

  return (
    <>
      <div class="site">
        {tab?.host && (
          <label class="switch">
            <input type="checkbox" checked={paused} onChange={(e) => void togglePause((e.target as HTMLInputElement).checked)} />
            {t('pauseOnSite', tab.host)}
          </label>
        )}
      </div>

      <section aria-labelledby="found-h">
        <h2 id="found-h">{t('pageOnThisPage')}</h2>
        {pageError && <p class="muted">{pageError}</p>}
        {summary && paused && <p class="muted">{t('pagePaused')}</p>}
        {summary && !paused && summary.entities.length === 0 && summary.claims.length === 0 && <NextStep />}
        {summary && summary.entities.length > 0 && (
          <ul class="found" data-testid="found-entities">
            {summary.entities.map((e) => (
              <li key={e.key}>
                <button type="button" onClick={() => reveal(e.key)}>
                  {e.name}
                </button>{' '}
                <span class="muted">{typeLabel(e.type)}</span>
              </li>
            ))}
          </ul>
        )}
        {summary && summary.claims.length > 0 && (
          <ul class="found claims" data-testid="found-claims">
            {summary.claims.map((c) => (
              <li key={c.key}>
                <button type="button" onClick={() => reveal(c.key)}>
                  {c.text}
                </button>{' '}
                <span class={`verdict verdict-${c.verdict}`}>{verdictLabel(c.verdict)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sources-h">
        <h2 id="sources-h">{t('sources')}</h2>
        <ul class="sources" data-testid="sources">
          {sources?.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong> <span class="muted">{t('sourceBy', s.publisher)}</span>
              <div class="muted">
                {tn('entityCount', s.entityCount)} · {tn('claimCount', s.claimCount)}
                {s.enabled ? '' : ` · ${t('sourceOff')}`}
                {s.status === 'error' && s.error ? ` · ${t('sourceErrorShort', s.error)}` : ''}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** The empty state's next step, the same as the welcome page's: add sources, or try the sample article. */
function NextStep() {
  return (
    <div class="next-step" data-testid="next-step">
      <p class="muted">{t('pageNothingFound')}</p>
      <p>{t('pageNextStep')}</p>
      <p>
        <a href={SOURCES_PAGE}>{t('welcomeOpenSources')}</a> ·{' '}
        <a href={SAMPLE_PAGE} target="_blank" onClick={(e) => (e.preventDefault(), void browser.tabs.create({ url: browser.runtime.getURL(SAMPLE_PAGE as '/sample.html') }))}>
          {t('welcomeOpenSample')}
        </a>
      </p>
    </div>
  );
}
