/**
 * Beside a note in the notes list: text kept from edits on two devices, and a
 * note kept because it was edited while another device deleted it. Rendered as
 * plain text; "Dismiss" lets a copy go, "Delete anyway" deletes the note.
 */
import { send } from '../../messaging/client';
import type { Note } from '../../notes/types';
import { conflictCopies, deletionOverridden } from '../../sync/merge';
import { S } from './sync-strings';

export function SyncNotice({ note, onChanged }: { note: Note; onChanged: () => void }) {
  const copies = conflictCopies(note);
  const overridden = deletionOverridden(note);
  if (!copies.length && !overridden) return null;
  return (
    <div class="sync-notice" data-testid="sync-notice">
      {copies.map((c) => (
        <div key={c.stamp} class="conflict-copy" data-testid="conflict-copy">
          <p class="muted">{S.conflictIntro}</p>
          <blockquote>{c.body}</blockquote>
          <button type="button" class="link" data-action="dismiss-conflict" onClick={() => void send('notes/dismiss-conflict', { id: note.id, stamps: [c.stamp] }).then(onChanged)}>
            {S.dismiss}
          </button>
        </div>
      ))}
      {overridden && (
        <p data-testid="delete-overridden">
          {S.deleteOverridden}{' '}
          <button type="button" class="link" data-action="delete-anyway" onClick={() => void send('notes/delete', { ids: [note.id] }).then(onChanged)}>
            {S.deleteAnyway}
          </button>{' '}
          <button type="button" class="link" data-action="keep-note" onClick={() => void send('notes/restore', { ids: [note.id] }).then(onChanged)}>
            {S.keep}
          </button>
        </p>
      )}
    </div>
  );
}
