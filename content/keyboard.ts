/**
 * In-page keys for moving through annotations. The browser-level command
 * (manifest `commands`, remappable by the reader) sends the same request; these
 * keys cover pages where the command is not delivered.
 */
export const NEXT_KEY = { altKey: true, shiftKey: true, code: 'KeyN' } as const;
export const PREVIOUS_KEY = { altKey: true, shiftKey: true, code: 'KeyP' } as const;

export function isNextKey(e: KeyboardEvent): 1 | -1 | 0 {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return 0;
  if (e.code === NEXT_KEY.code) return 1;
  if (e.code === PREVIOUS_KEY.code) return -1;
  return 0;
}
