/**
 * The main content script is not in the manifest: the background injects it into
 * the frame whose loader reported the page loaded.
 */
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundDeps } from '../../../background/deps';
import { pageHandlers } from '../../../background/page';

describe('content/start', () => {
  const handlers = pageHandlers({ ready: Promise.resolve() } as unknown as BackgroundDeps);
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('injects the main content script into the sender’s tab and frame', async () => {
    const inject = vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([] as never);
    expect(await handlers['content/start']({}, { tab: { id: 7, url: 'https://news.example/a' }, frameId: 0 })).toEqual({ ok: true });
    expect(inject).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [0] }, files: ['/content-scripts/content.js'] });
  });

  it('refuses senders that are not a tab’s content script', async () => {
    const inject = vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([] as never);
    await expect(handlers['content/start']({}, { url: 'chrome-extension://x/popup.html' })).rejects.toThrow(/content script/);
    expect(inject).not.toHaveBeenCalled();
  });
});
