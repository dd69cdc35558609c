/**
 * The keyboard shortcuts as the browser has them bound (commands.getAll, so a
 * remapping shows), the in-page keys, and the way to the browser's shortcuts page.
 * Used by the options page and the welcome page.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n';

interface Command {
  name?: string;
  description?: string;
  shortcut?: string;
}

type CommandsApi = { getAll(): Promise<Command[]>; openShortcutSettings?(): Promise<void> };
const commands = () => (browser as unknown as { commands?: CommandsApi }).commands;

/** Firefox (137+) opens its own shortcuts page; Chrome has chrome://extensions/shortcuts. */
export async function openShortcutSettings(): Promise<void> {
  const api = commands();
  if (typeof api?.openShortcutSettings === 'function') return api.openShortcutSettings();
  await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

const Keys = ({ combo }: { combo: string }) => (
  <>
    {combo.split('+').map((k, i) => (
      <span key={i}>
        {i > 0 && '+'}
        <kbd>{k}</kbd>
      </span>
    ))}
  </>
);

export function Shortcuts() {
  const [list, setList] = useState<Command[]>();
  useEffect(() => {
    void commands()
      ?.getAll()
      .then((all) => setList(all.filter((c) => c.name && !c.name.startsWith('_'))))
      .catch(() => setList([]));
  }, []);
  return (
    <>
      <table class="shortcuts" data-testid="shortcuts">
        <tbody>
          {list?.map((c) => (
            <tr key={c.name} data-command={c.name}>
              <th scope="row">{c.shortcut ? <Keys combo={c.shortcut} /> : <span class="muted">{t('optShortcutNotSet')}</span>}</th>
              <td>{c.description}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              <Keys combo="Alt+Shift+P" />
            </th>
            <td>{t('optShortcutPrevious')}</td>
          </tr>
          <tr>
            <th scope="row">
              <kbd>Esc</kbd>
            </th>
            <td>{t('optShortcutEscape')}</td>
          </tr>
        </tbody>
      </table>
      <p>
        <button type="button" class="link" data-action="open-shortcuts" onClick={() => void openShortcutSettings().catch(() => undefined)}>
          {t('optShortcutsChange')}
        </button>
      </p>
      <p class="muted">{t('optShortcutsFirefoxHelp')}</p>
    </>
  );
}
