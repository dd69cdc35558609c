/**
 * Gloss's storage belongs to Gloss's own pages and background. Content scripts
 * run in renderers shared with web pages, so on browsers that allow it every
 * storage area is closed to them (`setAccessLevel`, Chromium: session, local
 * and sync; Firefox supports it only for session, which is closed by default).
 * Content scripts learn the settings they need by message (`site/get`,
 * `site/paused`), so closing storage costs them nothing.
 */
import { browser } from 'wxt/browser';

type Area = { setAccessLevel?: (o: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

/** Which areas are closed to content scripts; the others are treated as writable by them (see storage/sync-list.ts). */
export const closedAreas = new Set<'session' | 'local' | 'sync'>();

let closing: Promise<void> | undefined;

/** Close what can be closed (once per background start); resolves when closedAreas is final. */
export function closeStorageToContentScripts(): Promise<void> {
  closing ??= close();
  return closing;
}

/** For tests: forget that storage was closed. */
export function resetStorageAccess(): void {
  closing = undefined;
  closedAreas.clear();
}

async function close(): Promise<void> {
  const storage = browser.storage as unknown as Record<'session' | 'local' | 'sync', Area | undefined>;
  await Promise.all(
    (['session', 'local', 'sync'] as const).map(async (name) => {
      const area = storage[name];
      if (typeof area?.setAccessLevel !== 'function') return;
      try {
        await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
        closedAreas.add(name);
      } catch {
        // Firefox: "only supported for storage.session"; older Chromium: session only.
      }
    }),
  );
}
