/**
 * The popup shell: one tab bar, one view per feature. A feature adds its view to
 * VIEWS; the shell knows nothing else about it.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n';
import { activeTab, type ActiveTab } from '../../popup/active-tab';
import { NotesView } from './NotesView';
import { PageView } from './PageView';
import { SourcesView } from './SourcesView';
import { SyncView } from './SyncView';

interface View {
  id: string;
  label: MessageKey;
  component: ComponentType<{ tab: ActiveTab | undefined }>;
}

const VIEWS: View[] = [
  { id: 'page', label: 'popupViewPage', component: PageView },
  { id: 'notes', label: 'popupViewNotes', component: NotesView },
  { id: 'sources', label: 'sources', component: SourcesView },
  { id: 'sync', label: 'popupViewSync', component: SyncView },
];

export function Popup() {
  const [tab, setTab] = useState<ActiveTab>();
  const initial = new URLSearchParams(location.search).get('view');
  const [view, setView] = useState(VIEWS.find((v) => v.id === initial)?.id ?? 'page');
  useEffect(() => void activeTab().then(setTab), []);
  const Current = (VIEWS.find((v) => v.id === view) ?? VIEWS[0]!).component;
  return (
    <main>
      <header class="top">
        <h1>{t('extName')}</h1>
        {VIEWS.length > 1 && (
          <nav role="tablist" aria-label={t('popupViewsLabel')}>
            {VIEWS.map((v) => (
              <button key={v.id} type="button" role="tab" aria-selected={v.id === view} data-view={v.id} onClick={() => setView(v.id)}>
                {t(v.label)}
              </button>
            ))}
          </nav>
        )}
      </header>
      <Current tab={tab} />
    </main>
  );
}
