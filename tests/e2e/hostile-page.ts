/**
 * A hostile page (issue 11): its own main-world scripts try to read Gloss's UI
 * and the reader's notes, drive Gloss with synthetic keys, pointer moves and
 * clicks, rewrite a card, and switch Gloss off or make it re-read with WXT's
 * start-up message and location events. They get nothing, while the reader's
 * real pointer and keyboard (Playwright / Puppeteer input is trusted) still
 * open cards and work with notes.
 *
 * The attacks run through `page.evaluate`, i.e. with exactly a page script's
 * access. What the reader sees is read from outside the page, through the
 * browser's automation protocol (CDP in Chromium, WebDriver BiDi in Firefox),
 * and as screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import type { Page, Session } from './driver';
import { clickGloss, expectSameShot, glossBox, glossCount, glossText, waitForGloss, waitForMarks, waitForNoGloss } from './gloss-ui';
import { textCentre } from './page-probes';

type Server = Awaited<ReturnType<typeof startServer>>;

const QUOTE = 'it also signals a potential for increased friction with federal authorities';
const NOTE_BODY = 'Private: ask the council clerk about this.';
const ENTITY_NOTE = 'Private: met her office on Tuesday.';
const VIEWPORT = { x: 0, y: 0, width: 1280, height: 900 };

/**
 * Installed before the page's own scripts, in the page's world: records every
 * message posted to the window, every shadow root created through the page's
 * `attachShadow` (patched), and each time Gloss repaints its highlights.
 */
const SPY = `
  window.__hostile = { messages: [], shadowHosts: [], repaints: 0 };
  addEventListener('message', (e) => { try { window.__hostile.messages.push(JSON.stringify(e.data).slice(0, 300)); } catch { window.__hostile.messages.push(String(e.data)); } }, true);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { const root = attach.call(this, init); window.__hostile.shadowHosts.push(this.localName); window.__hostile.stolenRoot = root; return root; };
  let last;
  setInterval(() => { const h = CSS.highlights.get('gloss-entity'); if (h && h !== last) { if (last) window.__hostile.repaints++; last = h; } }, 20);
`;

interface Hostile {
  messages: string[];
  shadowHosts: string[];
  repaints: number;
  stolenRoot?: unknown;
}

/** In the page: everything a script can find out about Gloss's UI and notes. */
function readGloss(): { shadowRoot: unknown; attributes: string[]; text: string; html: string; closedRootApis: string[]; registry: string[]; hostile: Omit<Hostile, 'stolenRoot'> & { stolen: boolean } } {
  const host = document.querySelector('gloss-ui')!;
  const h = (window as unknown as { __hostile: Hostile }).__hostile;
  const w = window as unknown as { chrome?: { dom?: { openOrClosedShadowRoot?: unknown } } };
  return {
    shadowRoot: host.shadowRoot,
    attributes: host.getAttributeNames(),
    text: host.textContent ?? '',
    html: host.innerHTML,
    closedRootApis: [
      typeof (host as unknown as { openOrClosedShadowRoot?: unknown }).openOrClosedShadowRoot !== 'undefined' ? 'openOrClosedShadowRoot' : '',
      typeof w.chrome?.dom?.openOrClosedShadowRoot !== 'undefined' ? 'chrome.dom' : '',
    ].filter(Boolean),
    registry: [...CSS.highlights.keys()].sort(),
    hostile: { messages: h.messages, shadowHosts: h.shadowHosts, repaints: h.repaints, stolen: !!h.stolenRoot },
  };
}

/** In the page: synthetic Alt+Shift+N/P/M and Escape on every target a page can reach, and mousemoves over `point`. */
function driveWithSyntheticInput(point: { x: number; y: number }): void {
  const host = document.querySelector('gloss-ui')!;
  for (const target of [window, document, document.body, host, document.querySelector('article')!]) {
    for (const code of ['KeyN', 'KeyP', 'KeyM']) {
      for (const type of ['keydown', 'keyup']) target.dispatchEvent(new KeyboardEvent(type, { key: code.slice(3), code, altKey: true, shiftKey: true, bubbles: true, composed: true, cancelable: true }));
    }
  }
  const under = document.elementFromPoint(point.x, point.y)!;
  for (let i = 0; i < 5; i++) {
    for (const target of [under, document, window]) {
      target.dispatchEvent(new MouseEvent('mousemove', { clientX: point.x + i, clientY: point.y, bubbles: true, composed: true }));
      target.dispatchEvent(new PointerEvent('pointermove', { clientX: point.x + i, clientY: point.y, bubbles: true, composed: true }));
    }
  }
}

/** In the page: click whatever is at a point of the screen (Gloss's card, if it were reachable), and try to rewrite it. */
function clickAndRewriteAt(point: { x: number; y: number }): string {
  const hit = document.elementFromPoint(point.x, point.y)!;
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
    hit.dispatchEvent(new MouseEvent(type, { clientX: point.x, clientY: point.y, bubbles: true, composed: true, cancelable: true }));
  }
  (hit as HTMLElement).click?.();
  const host = document.querySelector('gloss-ui') as HTMLElement;
  host.innerHTML = '<div class="card"><span class="verdict">Accurate</span></div>';
  let reattach = 'refused';
  try {
    host.attachShadow({ mode: 'open' }).innerHTML = '<div class="card">Accurate</div>';
    reattach = 'accepted';
  } catch {
    // A host has one shadow root: Gloss's.
  }
  return `${hit.localName}:${reattach}`;
}

/** In the page: WXT's content-script kill switch and location events, spoofed. */
function spoofWxt(extensionId: string): void {
  for (const id of [extensionId, 'gloss@gloss.invalid', '']) {
    for (const name of ['content', 'gloss-page']) {
      const started = `${id}:${name}:wxt:content-script-started`;
      window.postMessage({ type: started, contentScriptName: name, messageId: 'hostile' }, '*');
      document.dispatchEvent(new CustomEvent(started, { detail: { contentScriptName: name, messageId: 'hostile' } }));
      for (let i = 0; i < 20; i++) window.dispatchEvent(new Event(`${id}:${name}:wxt:locationchange`));
    }
  }
  for (let i = 0; i < 20; i++) {
    window.dispatchEvent(new Event('wxt:locationchange'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function hostilePageScenario(open: () => Promise<Session>): void {
  describe('a hostile page', () => {
    let session: Session;
    let server: Server;
    let page: Page;
    let ext: Page;
    let tabId: number;
    let url: string;

    /** Runs in an extension page: a message to the background, or to the tab's Gloss. */
    const message = (type: string, data: unknown, tab?: number) =>
      ext.evaluate(
        async ({ type, data, tab }) => {
          type Api = { runtime: { sendMessage(m: unknown): Promise<unknown> }; tabs: { sendMessage(t: number, m: unknown): Promise<unknown> } };
          const g = globalThis as unknown as { browser?: Api; chrome: Api };
          const api = g.browser ?? g.chrome;
          const reply = (await (tab === undefined ? api.runtime.sendMessage({ gloss: type, data }) : api.tabs.sendMessage(tab, { gloss: type, data }))) as { ok: boolean; value?: unknown; error?: string };
          if (!reply?.ok) throw new Error(`${type}: ${reply?.error ?? 'no reply'}`);
          return reply.value;
        },
        { type, data, tab },
      );
    const ready = () => page.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);
    const popupWindows = () =>
      ext.evaluate(async () => {
        type Windows = { windows: { getAll(q: object): Promise<unknown[]> } };
        const g = globalThis as unknown as { browser?: Windows; chrome: Windows };
        return (await (g.browser ?? g.chrome).windows.getAll({ windowTypes: ['popup'] })).length;
      });

    beforeAll(async () => {
      server = await startServer({ root: 'tests/fixtures' });
      url = `${server.origin}/sample/mamdani-nypd-ice.html`;
      session = await open();
      page = await session.newPage();
      await page.beforeLoad(SPY);
      await page.goto(url);
      await ready();
      ext = await session.newPage();
      await ext.goto(`${session.extensionOrigin}/popup.html?view=page`);
      tabId = await ext.evaluate(async (articleUrl) => {
        type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
        const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
        return (await (g.browser ?? g.chrome).tabs.query({})).find((t) => t.url === articleUrl)!.id!;
      }, url);
      // The reader's notes: one on a sentence of this page, one on an entity (written elsewhere).
      const state = (await message('notes/page-state', {}, tabId)) as { pageUrl: string; entities: { key: string; name: string }[] };
      const tisch = state.entities.find((e) => e.name === 'Jessica Tisch')!;
      await message('notes/create', {
        pageUrl: state.pageUrl,
        target: { kind: 'text', quote: QUOTE, selectors: [{ type: 'TextQuoteSelector', exact: QUOTE, prefix: 'However, ', suffix: ', who have' }] },
        body: NOTE_BODY,
        tags: [],
      });
      await message('notes/create', { pageUrl: 'https://elsewhere.example/story', pageTitle: 'Another site', target: { kind: 'entity', entityId: tisch.key, entityName: tisch.name }, body: ENTITY_NOTE, tags: [] });
      await page.bringToFront();
      await page.reload();
      await ready();
      // The noted passage in view: marks are read where the reader sees them.
      await page.evaluate(textCentre, { selector: 'article', text: 'increased friction' });
      await waitForMarks(page, (t) => t.includes(QUOTE));
    }, 90_000);

    afterAll(async () => {
      await session?.close();
      await server?.close();
    });

    it('cannot read Gloss: a bare host, a closed root (not even through a patched attachShadow), no note highlight, no start-up message', async () => {
      const seen = await page.evaluate(readGloss);
      expect(seen.shadowRoot).toBeNull();
      expect(seen.attributes).toEqual([]);
      expect(seen.text).toBe('');
      expect(seen.html).toBe('');
      expect(seen.closedRootApis).toEqual([]);
      // Gloss's own attachShadow is not the page's: the patch never saw it.
      expect(seen.hostile.shadowHosts).toEqual([]);
      expect(seen.hostile.stolen).toBe(false);
      // Entity and claim highlights are public-pack matches; the reader's notes are not among them.
      expect(seen.registry.every((k) => ['gloss-claim', 'gloss-entity', 'gloss-focus'].includes(k))).toBe(true);
      // Nothing posted to the window (WXT's started message carried the extension id).
      expect(seen.hostile.messages).toEqual([]);
      expect(await page.evaluate((probe) => document.documentElement.innerHTML.includes(probe), NOTE_TEXT_PROBE)).toBe(false);
    });

    it('synthetic keys and pointer moves open nothing: no card, no focus, no note window', async () => {
      const point = (await page.evaluate(textCentre, { selector: 'article', text: 'Jessica Tisch' }))!;
      await page.mouseMove(5, 5);
      await sleep(400);
      const before = await page.shot(VIEWPORT);
      const windowsBefore = await popupWindows();
      await page.evaluate(driveWithSyntheticInput, point);
      await sleep(1000);
      expect(await page.evaluate(() => CSS.highlights.has('gloss-focus'))).toBe(false);
      expect(await glossCount(page, '.card')).toBe(0);
      await expectSameShot(page, VIEWPORT, before);
      expect(await popupWindows()).toBe(windowsBefore);
    });

    it('WXT\'s start-up message and location events neither switch Gloss off nor make it re-read', async () => {
      const id = session.extensionOrigin.replace(/^[a-z-]+:\/\//, '');
      const repaints = (await page.evaluate(readGloss)).hostile.repaints;
      await page.evaluate(spoofWxt, id);
      await sleep(1500);
      expect((await page.evaluate(readGloss)).hostile.repaints).toBe(repaints);
      expect(await page.evaluate(() => CSS.highlights.get('gloss-entity')?.size ?? 0)).toBeGreaterThan(0);
      // Still on: the reader's keys still work after the attempts.
      await page.press('Alt+Shift+KeyN');
      await page.waitFor(() => CSS.highlights.has('gloss-focus'));
      await page.press('Escape');
      await page.waitFor(() => !CSS.highlights.has('gloss-focus'));
    });

    it('the reader\'s pointer opens the entity card with their note; the page\'s clicks and rewrites change nothing in it', async () => {
      const point = (await page.evaluate(textCentre, { selector: 'article', text: 'Jessica Tisch' }))!;
      await page.mouseMove(5, 5);
      await sleep(400);
      const closed = await page.shot(VIEWPORT);
      await page.mouseMove(point.x, point.y);
      const text = await waitForGloss(page, '.card', (t) => t.includes(ENTITY_NOTE));
      expect(text).toContain('Jessica Tisch');
      await sleep(300);
      const opened = await page.shot(VIEWPORT);
      const box = (await glossBox(page, '.card'))!;
      const hit = await page.evaluate(clickAndRewriteAt, { x: box.x + box.width / 2, y: box.y + 20 });
      // The page's hit test stops at the host; it cannot put a second root on it.
      expect(hit).toBe('gloss-ui:refused');
      await sleep(500);
      expect(await glossText(page, '.card')).toBe(text);
      // What the reader sees did not change (the page's light-DOM children of the host are not shown).
      await expectSameShot(page, VIEWPORT, opened);
      expect((await page.evaluate(readGloss)).text).not.toContain(ENTITY_NOTE);
      await page.press('Escape');
      await waitForNoGloss(page, '.card');
      await expectSameShot(page, VIEWPORT, closed);
      await page.mouseMove(5, 5);
      await page.evaluate(() => void (document.querySelector('gloss-ui')!.innerHTML = ''));
    });

    it('the page cannot press the note card\'s Delete; the reader can', async () => {
      const point = (await page.evaluate(textCentre, { selector: 'article', text: 'increased friction' }))!;
      await page.mouseMove(point.x, point.y);
      expect(await waitForGloss(page, '.note-card', (t) => t.includes(NOTE_BODY))).toMatch(/Delete/);
      const del = (await glossBox(page, '.note-card button[data-action="delete"]'))!;
      await page.evaluate(clickAndRewriteAt, { x: del.x + del.width / 2, y: del.y + del.height / 2 });
      await sleep(800);
      expect(await glossText(page, '.note-card')).not.toMatch(/Note deleted/);
      expect(await waitForMarks(page, (t) => t.length > 0)).toEqual([QUOTE]);
      await clickGloss(page, '.note-card button[data-action="delete"]');
      await waitForGloss(page, '.note-card', (t) => /Note deleted/.test(t));
      await waitForMarks(page, (t) => t.length === 0);
      await clickGloss(page, '.note-card button[data-action="undo"]');
      await waitForMarks(page, (t) => t.includes(QUOTE));
      await page.press('Escape');
      await waitForNoGloss(page, '.note-card');
    });

    it('text that changes while Gloss reads it is never highlighted a character off', async () => {
      // Every mention painted (the reader's setting), so the changing paragraph's are too.
      await ext.evaluate(async () => {
        type Storage = { storage: { local: { set(v: object): Promise<void> } } };
        const g = globalThis as unknown as { browser?: Storage; chrome: Storage };
        await (g.browser ?? g.chrome).storage.local.set({ allMentions: true });
      });
      await page.reload();
      await ready();
      const known = new Set(await page.evaluate(() => [...(CSS.highlights.get('gloss-entity') ?? [])].map((r) => r.toString())));
      known.add('Zohran Mamdani');
      // New paragraphs in the article body; each one's text shifts by a character once, at a
      // different moment around when Gloss reads them. A poller records every highlight in them.
      const painted = await page.evaluate(async () => {
        const first = [...document.querySelectorAll('article p')].find((e) => e.textContent!.includes('Zohran Mamdani'))!;
        const added: HTMLParagraphElement[] = [];
        for (let i = 0; i < 16; i++) {
          const p = document.createElement('p');
          p.textContent = 'Mayor Zohran Mamdani met NYPD officials.';
          first.before(p);
          added.push(p);
        }
        added.forEach((p, i) => setTimeout(() => void ((p.firstChild as Text).data = `X${(p.firstChild as Text).data}`), 200 + 15 * i));
        const seen: string[] = [];
        for (const end = Date.now() + 3000; Date.now() < end; ) {
          for (const r of CSS.highlights.get('gloss-entity') ?? []) if (added.some((p) => p.contains((r as Range).startContainer))) seen.push((r as Range).toString());
          await new Promise((r) => setTimeout(r, 0));
        }
        return seen;
      });
      await sleep(1000);
      const now = await page.evaluate(() => [...(CSS.highlights.get('gloss-entity') ?? [])].map((r) => r.toString()));
      // Every highlight, while the text shifted and after, covers a whole name. (Right after the page
      // replaces a text node's data, ranges in it are collapsed, painting nothing, until Gloss drops them.)
      expect([...painted.filter((t) => t !== ''), ...now].filter((t) => !known.has(t))).toEqual([]);
      expect(now).toContain('Zohran Mamdani');
      expect(page.consoleErrors.filter((e) => /gloss|extension|WrongDocument/i.test(e))).toEqual([]);
    });

    it('a page changing its URL in a loop gets few re-reads, and no Gloss error reaches its console', async () => {
      const repaints = (await page.evaluate(readGloss)).hostile.repaints;
      const started = Date.now();
      await page.evaluate(async () => {
        for (let i = 0; i < 40; i++) {
          history.pushState({}, '', `?spam=${i}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      });
      await sleep(3000);
      // (A background tab's timers run late, so the loop may take longer than 2 s: count per elapsed time.)
      const seconds = (Date.now() - started) / 1000;
      const after = (await page.evaluate(readGloss)).hostile.repaints - repaints;
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThanOrEqual(Math.ceil(seconds / 2) + 1);
      expect(after).toBeLessThan(40);
      expect(page.consoleErrors.filter((e) => /gloss|extension|WrongDocument/i.test(e))).toEqual([]);
    });
  });
}

/** Text only Gloss's UI holds: a page that could read the card would find it in the body. */
const NOTE_TEXT_PROBE = 'Private:';
