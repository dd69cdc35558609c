/**
 * "Add note" in the popup: on the page's selection (prefilled with its quote),
 * on the whole page, or on an entity found on the page (then it shows in that
 * entity's card on every page).
 */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { NoteInput, NotesPageState } from '../../messaging/protocol';
import type { ActiveTab } from '../../popup/active-tab';
import { t } from '../../i18n';
import { newDraftKey } from '../../storage/drafts';
import { noteDrafts } from '../../storage/note-drafts';
import { NoteEditor } from '../NoteCard';

type Kind = 'text' | 'page' | 'entity';

export function AddNote({ tab, state, autoFocus, onSaved }: { tab: ActiveTab | undefined; state: NotesPageState | undefined; autoFocus?: boolean; onSaved(): Promise<void> }) {
  const selection = state?.selection ?? null;
  const entities = state?.entities ?? [];
  const [kind, setKind] = useState<Kind>('page');
  const [entity, setEntity] = useState('');
  const [round, setRound] = useState(0);

  useEffect(() => setKind(selection ? 'text' : 'page'), [selection?.quote]);
  useEffect(() => {
    if (!entities.some((e) => e.key === entity)) setEntity(entities[0]?.key ?? '');
  }, [entities.map((e) => e.key).join()]);

  if (!state) {
    return tab ? <p class="muted">{t('notesNeedWeb')}</p> : null;
  }

  const save = async (body: string, tags: string[]) => {
    let target: NoteInput['target'];
    if (kind === 'text') {
      if (!selection) throw new Error(t('selectTextFirst'));
      target = { kind: 'text', quote: selection.quote, selectors: selection.selectors };
    } else if (kind === 'entity') {
      const e = entities.find((x) => x.key === entity);
      if (!e) throw new Error(t('chooseEntity'));
      target = { kind: 'entity', entityId: e.key, entityName: e.name };
    } else target = { kind: 'page' };
    if (!body.trim() && !tags.length && kind !== 'text') throw new Error(t('writeSomething'));
    await send('notes/create', { pageUrl: state.pageUrl, pageTitle: state.pageTitle || undefined, target, body, tags });
    setRound((r) => r + 1);
    await onSaved();
  };

  return (
    <section aria-labelledby="add-note-h" class="add-note" data-testid="add-note">
      <h2 id="add-note-h">{t('addNote')}</h2>
      <div role="radiogroup" aria-label={t('attachNoteTo')} class="scope">
        <label>
          <input type="radio" name="note-kind" value="text" checked={kind === 'text'} disabled={!selection} onChange={() => setKind('text')} /> {t('attachSelected')}
        </label>
        <label>
          <input type="radio" name="note-kind" value="page" checked={kind === 'page'} onChange={() => setKind('page')} /> {t('attachWholePage')}
        </label>
        {entities.length > 0 && (
          <label>
            <input type="radio" name="note-kind" value="entity" checked={kind === 'entity'} onChange={() => setKind('entity')} /> {t('attachEntity')}
          </label>
        )}
      </div>
      {kind === 'text' && selection && (
        <blockquote class="note-quote" data-testid="add-note-quote">
          {selection.quote}
        </blockquote>
      )}
      {kind === 'text' && !selection && <p class="muted">{t('selectThenReopen')}</p>}
      {kind === 'entity' && (
        <select name="entity" aria-label={t('attachEntity')} value={entity} onChange={(e) => setEntity((e.target as HTMLSelectElement).value)}>
          {entities.map((e) => (
            <option key={e.key} value={e.key}>
              {e.name}
            </option>
          ))}
        </select>
      )}
      <NoteEditor key={round} body="" tags={[]} saveLabel={t('addNote')} autoFocus={autoFocus || !!selection} onSave={save} draftKey={newDraftKey(state.pageUrl)} drafts={noteDrafts} />
    </section>
  );
}
