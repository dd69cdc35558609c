/** Export the reader's settings to a file, and import one (checked whole first: a bad file changes nothing). */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { parseSettingsFile, settingsToFile, type SettingsParse } from '../../storage/settings-file';
import { allMentions, defaultIntervalMinutes, pausedSites, showBadge } from '../../storage/settings';

const MAX_FILE_BYTES = 1_000_000;
const ITEMS = { allMentions, showBadge, pausedSites, defaultIntervalMinutes } as const;

function reason(r: Extract<SettingsParse, { ok: false }>): string {
  if (r.reason === 'not-json') return t('settingsNotJson');
  if (r.reason === 'not-gloss') return t('settingsNotGloss');
  return t('settingsBadValue', 'field' in r ? r.field : '');
}

export function SettingsBackup() {
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  const exportSettings = async () => {
    const text = settingsToFile({
      allMentions: await allMentions.getValue(),
      showBadge: await showBadge.getValue(),
      pausedSites: await pausedSites.getValue(),
      defaultIntervalMinutes: await defaultIntervalMinutes.getValue(),
    });
    const filename = 'gloss-settings.json';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    setMessage({ ok: true, text: t('optExported', filename) });
  };

  const importSettings = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const parsed: SettingsParse = file.size > MAX_FILE_BYTES ? { ok: false, reason: 'not-gloss' } : parseSettingsFile(await file.text());
    if (!parsed.ok) return setMessage({ ok: false, text: t('optImportFailed', file.name, reason(parsed)) });
    for (const [key, value] of Object.entries(parsed.settings)) await (ITEMS[key as keyof typeof ITEMS] as { setValue(v: unknown): Promise<void> }).setValue(value);
    setMessage({ ok: true, text: t('optImported') });
  };

  return (
    <>
      <p class="muted">{t('optBackupHelp')}</p>
      <p>
        <button type="button" data-action="export-settings" onClick={() => void exportSettings()}>
          {t('optExport')}
        </button>
      </p>
      <label>
        {t('optImport')}
        <input type="file" accept=".json,application/json" data-testid="import-settings" onChange={(e) => void importSettings(e.target as HTMLInputElement)} />
      </label>
      {message && (
        <p class={message.ok ? 'status-ok' : 'status-error'} role={message.ok ? 'status' : 'alert'} data-testid="settings-message">
          {message.text}
        </p>
      )}
    </>
  );
}
