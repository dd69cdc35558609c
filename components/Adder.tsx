/**
 * The adder: a small Gloss button beside the reader's selection with "Note" and
 * "Highlight", and the compact composer "Note" opens in its place. Rendered inside
 * Gloss's one shadow host by content/adder.tsx, which positions and drives them.
 *
 * The buttons take no focus on mousedown, so clicking them keeps the page's
 * selection as it was.
 */
import { t } from '../i18n';
import type { DraftStore } from '../storage/drafts';
import { NoteEditor } from './NoteCard';
import './adder.css';

const keepSelection = (e: MouseEvent) => e.preventDefault();

export function AdderButton({ onNote, onHighlight, busy }: { onNote(): void; onHighlight(): void; busy?: boolean }) {
  return (
    <div class="gloss-adder" role="toolbar" aria-label={t('adderToolbar')} data-testid="gloss-adder">
      <span class="gloss-adder-mark" aria-hidden="true">
        G
      </span>
      <button type="button" data-action="adder-note" onMouseDown={keepSelection} onClick={onNote} disabled={busy}>
        {t('adderNote')}
      </button>
      <button type="button" data-action="adder-highlight" onMouseDown={keepSelection} onClick={onHighlight} disabled={busy}>
        {t('adderHighlight')}
      </button>
    </div>
  );
}

export interface ComposerProps {
  quote: string;
  draftKey: string;
  drafts: DraftStore;
  knownTags: readonly string[];
  onSave(body: string, tags: string[]): Promise<unknown>;
  /** Escape: close, keeping the draft (until the selection changes). */
  onClose(): void;
  /** Discard: close and forget the draft. */
  onDiscard(): void;
  /** The reader typed something not yet saved (or it was saved). */
  onDirty?(dirty: boolean): void;
}

/** The compact composer at the selection: the quote, the body (simple Markdown), tags, Save with Ctrl/Cmd+Enter. */
export function Composer({ quote, draftKey, drafts, knownTags, onSave, onClose, onDiscard, onDirty }: ComposerProps) {
  return (
    <div class="card gloss-composer" role="dialog" aria-modal="false" aria-label={t('composerLabel')} data-testid="gloss-composer" tabIndex={-1}>
      <blockquote class="note-quote">{quote.length > 280 ? `${quote.slice(0, 280)}…` : quote}</blockquote>
      <NoteEditor
        body=""
        tags={[]}
        compact
        autoFocus
        saveLabel={t('save')}
        draftKey={draftKey}
        drafts={drafts}
        knownTags={knownTags}
        onSave={onSave}
        onCancel={(discard) => (discard ? onDiscard() : onClose())}
        onDirty={onDirty}
      />
      <p class="gloss-composer-hint">{t('composerHint')}</p>
    </div>
  );
}

/** A short message where the adder would be (the shortcut pressed with nothing selected). */
export function AdderHint({ text }: { text: string }) {
  return (
    <div class="gloss-adder gloss-adder-hint" role="status" data-testid="gloss-adder-hint">
      {text}
    </div>
  );
}
