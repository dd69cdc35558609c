/** Every mention or only the first (open pages follow at once), and the toolbar badge. */
import { t } from '../../i18n';
import { allMentions, showBadge } from '../../storage/settings';
import { useSetting } from './use-setting';

export function HighlightSettings() {
  const [all, setAll] = useSetting(allMentions);
  const [badge, setBadge] = useSetting(showBadge);
  if (all === undefined || badge === undefined) return null;
  return (
    <>
      <fieldset>
        <legend>{t('optMentionsLegend')}</legend>
        <label>
          <input type="radio" name="mentions" value="first" checked={!all} onChange={() => void setAll(false)} data-testid="mentions-first" />
          {t('optFirstMention')}
        </label>
        <label>
          <input type="radio" name="mentions" value="all" checked={all} onChange={() => void setAll(true)} data-testid="mentions-all" />
          {t('optEveryMention')}
        </label>
      </fieldset>
      <label>
        <input type="checkbox" checked={badge} onChange={(e) => void setBadge((e.target as HTMLInputElement).checked)} data-testid="show-badge" />
        {t('optBadge')}
      </label>
    </>
  );
}
