/** The refresh interval new linked sources start with (each source can change its own). */
import { t } from '../../i18n';
import { defaultIntervalMinutes } from '../../storage/settings';
import { INTERVALS } from '../popup/SourcesView';
import { useSetting } from './use-setting';

export function SourceDefaults() {
  const [minutes, setMinutes] = useSetting(defaultIntervalMinutes);
  if (minutes === undefined) return null;
  return (
    <>
      <label>
        {t('optDefaultInterval')}
        <select value={String(minutes)} data-testid="default-interval" onChange={(e) => void setMinutes(Number((e.target as HTMLSelectElement).value))}>
          {INTERVALS.map((i) => (
            <option key={i.minutes} value={String(i.minutes)}>
              {t(i.label)}
            </option>
          ))}
        </select>
      </label>
      <p class="muted">{t('optManageSources')}</p>
    </>
  );
}
