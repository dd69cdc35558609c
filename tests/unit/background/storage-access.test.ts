/** Closing extension storage to content scripts where the browser allows it (Chromium), and knowing where it did not (Firefox). */
import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { closedAreas, closeStorageToContentScripts, resetStorageAccess } from '../../../background/storage-access';

describe('closeStorageToContentScripts', () => {
  it('asks every area that has setAccessLevel for trusted contexts only, and records which ones it closed', async () => {
    const storage = browser.storage as unknown as Record<string, { setAccessLevel?: unknown }>;
    const calls: [string, unknown][] = [];
    const saved = { session: storage.session?.setAccessLevel, local: storage.local?.setAccessLevel, sync: storage.sync?.setAccessLevel };
    storage.session = { ...(storage.session ?? {}), setAccessLevel: vi.fn(async (o: unknown) => void calls.push(['session', o])) };
    storage.local!.setAccessLevel = vi.fn(async (o: unknown) => void calls.push(['local', o]));
    // Firefox: only storage.session supports it; the others reject.
    storage.sync!.setAccessLevel = vi.fn(async () => {
      throw new Error('setAccessLevel is only supported for storage.session');
    });
    resetStorageAccess();
    await closeStorageToContentScripts();
    expect(calls).toEqual([
      ['session', { accessLevel: 'TRUSTED_CONTEXTS' }],
      ['local', { accessLevel: 'TRUSTED_CONTEXTS' }],
    ]);
    expect([...closedAreas].sort()).toEqual(['local', 'session']);
    storage.local!.setAccessLevel = saved.local;
    storage.sync!.setAccessLevel = saved.sync;
    closedAreas.clear();
  });
});
