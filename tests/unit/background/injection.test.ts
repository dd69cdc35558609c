/**
 * Gloss goes into a page only after it has loaded, once per document, never into
 * paused sites or non-web pages; resuming a site puts it into the open tabs.
 */
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INJECT_DEADLINE_MS, startInjection } from '../../../background/injection';
import type { BackgroundDeps } from '../../../background/deps';
import { pageHandlers } from '../../../background/page';
import { setPaused } from '../../../storage/settings';

/** A message from the popup, as `listen` classifies it. */
const READER = { kind: 'extension' } as const;

type Target = { tabId: number; frameIds: number[] };

describe('injecting Gloss after load', () => {
  /** Each tab's isolated-world flag, as the probe leaves it. */
  let flags: Map<number, boolean | undefined>;
  let scripts: { tabId: number; files?: string[] }[];
  let styles: { tabId: number; files?: string[] }[];
  let stop: () => void;

  beforeEach(() => {
    fakeBrowser.reset();
    flags = new Map();
    scripts = [];
    styles = [];
    // A stand-in for each page's isolated world: functions run against that tab's flag.
    vi.spyOn(browser.scripting, 'executeScript').mockImplementation((async (d: { target: Target; files?: string[]; func?: () => unknown }) => {
      if (d.func) {
        const g = globalThis as { glossInjected?: boolean };
        g.glossInjected = flags.get(d.target.tabId);
        const result = d.func();
        flags.set(d.target.tabId, g.glossInjected);
        delete g.glossInjected;
        return [{ frameId: 0, result }];
      }
      scripts.push({ tabId: d.target.tabId, files: d.files });
      return [];
    }) as never);
    vi.spyOn(browser.scripting, 'insertCSS').mockImplementation((async (d: { target: Target; files?: string[] }) => {
      styles.push({ tabId: d.target.tabId, files: d.files });
    }) as never);
    stop = startInjection();
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const update = async (tabId: number, status: string, url: string) => {
    await fakeBrowser.tabs.onUpdated.trigger(tabId, { status }, { id: tabId, url } as never);
    await vi.waitFor(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
  };

  it('injects the highlight styles and the main script when a web page completes loading, once', async () => {
    await update(1, 'loading', 'https://news.example/a');
    expect(scripts).toEqual([]);
    await update(1, 'complete', 'https://news.example/a');
    expect(styles).toEqual([{ tabId: 1, files: ['/highlights.css'] }]);
    expect(scripts).toEqual([{ tabId: 1, files: ['/gloss-page.js'] }]);
    // A second 'complete' for the same document (bfcache, same-document navigation) changes nothing.
    await update(1, 'complete', 'https://news.example/a#b');
    expect(scripts).toHaveLength(1);
  });

  it('tries again when a document refuses the script for a moment', async () => {
    const real = vi.mocked(browser.scripting.executeScript).getMockImplementation()!;
    let refusals = 2;
    vi.mocked(browser.scripting.executeScript).mockImplementation((async (d: never) => {
      if (refusals-- > 0) throw new Error('Frame with ID 0 is showing error page');
      return (real as unknown as (x: never) => unknown)(d);
    }) as never);
    await update(5, 'complete', 'https://flaky.example/a');
    await vi.waitFor(() => expect(scripts).toEqual([{ tabId: 5, files: ['/gloss-page.js'] }]), { timeout: 3000 });
  });

  it('tries again when the main script is refused after the probe went in', async () => {
    const real = vi.mocked(browser.scripting.executeScript).getMockImplementation()!;
    let refusals = 1;
    vi.mocked(browser.scripting.executeScript).mockImplementation((async (d: { files?: string[] }) => {
      if (d.files && refusals-- > 0) throw new Error('Frame with ID 0 was removed');
      return (real as unknown as (x: unknown) => unknown)(d);
    }) as never);
    await update(6, 'complete', 'https://flaky.example/b');
    await vi.waitFor(() => expect(scripts).toEqual([{ tabId: 6, files: ['/gloss-page.js'] }]), { timeout: 3000 });
  });

  it('leaves paused sites and non-web pages alone', async () => {
    await setPaused('paused.example', true);
    await update(2, 'complete', 'https://paused.example/story');
    await update(3, 'complete', 'chrome://settings/');
    await update(4, 'complete', 'file:///tmp/a.html');
    expect(scripts).toEqual([]);
    expect(styles).toEqual([]);
  });

  it('goes in at a deadline when a page is still loading', async () => {
    vi.useFakeTimers();
    const tab = await fakeBrowser.tabs.create({ url: 'https://slow.example/live' });
    void fakeBrowser.tabs.onUpdated.trigger(tab.id!, { status: 'loading' }, tab);
    await vi.advanceTimersByTimeAsync(INJECT_DEADLINE_MS - 10);
    expect(scripts).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    vi.useRealTimers();
    await vi.waitFor(() => expect(scripts).toEqual([{ tabId: tab.id!, files: ['/gloss-page.js'] }]));
  });

  it('goes into pages that were already open when Gloss was installed', async () => {
    const open = await fakeBrowser.tabs.create({ url: 'https://open.example/before' });
    const tabs = await fakeBrowser.tabs.query({});
    vi.spyOn(browser.tabs, 'query').mockResolvedValue(tabs.map((t) => ({ ...t, status: t.url ? 'complete' : 'loading' })) as never);
    // A worker that merely restarts probes nothing.
    await new Promise((r) => setTimeout(r, 20));
    expect(scripts).toEqual([]);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(scripts).toEqual([{ tabId: open.id, files: ['/gloss-page.js'] }]));
  });

  it('puts Gloss into the open tabs of a site the reader resumes, and only those', async () => {
    await setPaused('resumed.example', true);
    const a = await fakeBrowser.tabs.create({ url: 'https://resumed.example/one' });
    await fakeBrowser.tabs.create({ url: 'https://other.example/two' });
    const handlers = pageHandlers({ ready: Promise.resolve() } as unknown as BackgroundDeps);
    expect(await handlers['site/set']({ host: 'resumed.example', paused: false }, READER)).toEqual({ paused: false });
    expect(scripts).toEqual([{ tabId: a.id, files: ['/gloss-page.js'] }]);
    // Pausing injects nothing.
    await handlers['site/set']({ host: 'other.example', paused: true }, READER);
    expect(scripts).toHaveLength(1);
  });

  it('tells a page whether its own site is paused, and nothing about other sites', async () => {
    await setPaused('private.example', true);
    const handlers = pageHandlers({ ready: Promise.resolve() } as unknown as BackgroundDeps);
    const page = { kind: 'content' as const, url: 'https://news.example/a', tab: { id: 3, url: 'https://news.example/a' } };
    expect(await handlers['site/get']({ host: 'news.example' }, page)).toEqual({ paused: false });
    await expect(Promise.resolve().then(() => handlers['site/get']({ host: 'private.example' }, page))).rejects.toThrow(/own site/);
    expect(await handlers['site/get']({ host: 'private.example' }, READER)).toEqual({ paused: true });
  });
});
