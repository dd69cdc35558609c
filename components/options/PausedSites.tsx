/** The sites Gloss is paused on (synced), each with a button to resume it. */
import { t } from '../../i18n';
import { pausedSites } from '../../storage/settings';
import { useSetting } from './use-setting';

export function PausedSites() {
  const [sites, setSites] = useSetting(pausedSites);
  if (!sites) return null;
  return (
    <>
      <p class="muted">{t('optPausedHelp')}</p>
      {sites.length === 0 ? (
        <p class="muted">{t('optNoPausedSites')}</p>
      ) : (
        <ul class="plain" data-testid="paused-sites">
          {sites.map((host) => (
            <li key={host}>
              <span>{host}</span>
              <button type="button" aria-label={t('optResumeSite', host)} onClick={() => void setSites(sites.filter((s) => s !== host))}>
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
