/**
 * The options page: one section per setting group, in the order of SECTIONS. A feature
 * adds its section there; the shell knows nothing else about it.
 */
import type { ComponentType } from 'preact';
import { t, type MessageKey } from '../../i18n';
import { PageShell } from '../PageShell';
import { HighlightSettings } from './HighlightSettings';
import { PausedSites } from './PausedSites';
import { Privacy } from './Privacy';
import { SettingsBackup } from './SettingsBackup';
import { Shortcuts } from './Shortcuts';
import { SourceDefaults } from './SourceDefaults';

/**
 * Notes sync settings: engineer `sync` mounts SyncView here (replace this component in
 * SECTIONS with it; keep the section id `sync` and its heading).
 */
function NotesSyncSlot() {
  return (
    <p class="muted" data-slot="notes-sync">
      {t('optSyncLater')}
    </p>
  );
}

interface Section {
  id: string;
  title: MessageKey;
  component: ComponentType;
}

export const SECTIONS: Section[] = [
  { id: 'highlights', title: 'optHighlights', component: HighlightSettings },
  { id: 'paused', title: 'optPausedSites', component: PausedSites },
  { id: 'sources', title: 'optSources', component: SourceDefaults },
  { id: 'shortcuts', title: 'optShortcuts', component: Shortcuts },
  { id: 'sync', title: 'optSync', component: NotesSyncSlot },
  { id: 'backup', title: 'optBackup', component: SettingsBackup },
  { id: 'privacy', title: 'optPrivacy', component: Privacy },
];

export function OptionsPage() {
  return (
    <PageShell title={t('optionsTitle')}>
      {SECTIONS.map(({ id, title, component: Body }) => (
        <section key={id} id={id} aria-labelledby={`${id}-h`}>
          <h2 id={`${id}-h`}>{t(title)}</h2>
          <Body />
        </section>
      ))}
    </PageShell>
  );
}
