/** The welcome page opens when Gloss is installed, and not when it is updated. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startWelcome } from '../../../background/welcome';

async function welcomeTabs() {
  await new Promise((r) => setTimeout(r, 0));
  return (await fakeBrowser.tabs.query({})).filter((t) => t.url?.endsWith('/welcome.html'));
}

describe('welcome page', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    startWelcome();
  });

  it('opens on install', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(await welcomeTabs()).toHaveLength(1);
  });

  it('does not open on an update or a browser update', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.1.0', temporary: false });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'browser_update', temporary: false });
    expect(await welcomeTabs()).toHaveLength(0);
  });
});
