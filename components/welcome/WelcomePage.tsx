/**
 * The first-run page (opened on install, not on update): what Gloss is, the privacy
 * promise, what the highlights look like, the shortcuts as the browser binds them,
 * a bundled sample article to try, and where to add sources.
 */
import { browser } from 'wxt/browser';
import { t } from '../../i18n';
import { PageShell } from '../PageShell';
import { Privacy } from '../options/Privacy';
import { Shortcuts } from '../options/Shortcuts';

/** Gloss's own pages, also linked from the popup's empty state. */
export const SAMPLE_PAGE = '/sample.html';
export const SOURCES_PAGE = '/popup.html?view=sources';

export function WelcomePage() {
  return (
    <PageShell title={t('welcomeTitle')}>
      <p data-testid="welcome-what">{t('welcomeWhat')}</p>

      <section aria-labelledby="privacy-h">
        <h2 id="privacy-h">{t('welcomePrivacyTitle')}</h2>
        <p>{t('welcomePrivacy')}</p>
        <Privacy />
      </section>

      <section aria-labelledby="legend-h">
        <h2 id="legend-h">{t('welcomeLegend')}</h2>
        <ul class="plain legend">
          <li>
            <span class="legend-entity">{t('legendSampleEntity')}</span>
            <span>{t('legendEntity')}</span>
          </li>
          <li>
            <span class="legend-claim">{t('legendSampleClaim')}</span>
            <span>{t('legendClaim')}</span>
          </li>
          <li>
            <span class="legend-note">{t('legendSampleNote')}</span>
            <span>{t('legendNote')}</span>
          </li>
        </ul>
      </section>

      <section aria-labelledby="shortcuts-h">
        <h2 id="shortcuts-h">{t('optShortcuts')}</h2>
        <Shortcuts />
      </section>

      <section aria-labelledby="try-h">
        <h2 id="try-h">{t('welcomeTry')}</h2>
        <p>{t('welcomeTryText')}</p>
        <p>
          <a href={SAMPLE_PAGE} data-testid="open-sample">
            {t('welcomeOpenSample')}
          </a>
        </p>
      </section>

      <section aria-labelledby="sources-h">
        <h2 id="sources-h">{t('welcomeSources')}</h2>
        <p>{t('welcomeSourcesText')}</p>
        <p>
          <a href={SOURCES_PAGE} data-testid="open-sources">
            {t('welcomeOpenSources')}
          </a>{' '}
          ·{' '}
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('welcomeOpenOptions')}
          </button>
        </p>
      </section>
    </PageShell>
  );
}
