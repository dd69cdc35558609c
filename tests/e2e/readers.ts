/**
 * A new reader's first minutes, run in Chromium and in Firefox: the welcome page opens
 * on install (and not on update), the options page changes the highlight mode and the
 * open article follows, and with the browser in German the popup, options and card are
 * in German with German dates. axe-core checks Gloss's pages in light and dark.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import type { GlossInspector, LaunchOptions, Page, Session } from './driver';
import { waitForGloss } from './gloss-ui';
import { highlightTexts } from './page-probes';

type Server = Awaited<ReturnType<typeof startServer>>;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface AxeFinding {
  id: string;
  impact: string;
  nodes: string[];
}

/** axe-core on the page as it is now: the serious and critical violations, WCAG 2.1 AA and best practice. */
export async function axeSerious(page: Page): Promise<AxeFinding[]> {
  await page.evaluateScript(AXE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ passes: unknown[]; violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    if (!r.passes.length) throw new Error('axe-core checked nothing');
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** The addresses of the open tabs, as Gloss's own pages see them (BiDi does not report moz-extension navigations). */
async function openTabs(session: Session): Promise<string[]> {
  const probe = await session.newPage();
  await probe.goto(`${session.extensionOrigin}/options.html`);
  const urls = await probe.evaluate(async () => {
    type Tabs = { tabs: { query(q: object): Promise<{ url?: string }[]> } };
    const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
    return (await (g.browser ?? g.chrome).tabs.query({})).map((t) => t.url ?? '');
  });
  await probe.close();
  return urls;
}

/** Gloss's pages (each popup view, options, welcome) checked by axe-core in each colour scheme the driver can show. */
async function axePages(session: Session, schemes: ('light' | 'dark' | 'browser')[], articleUrl?: string): Promise<Record<string, AxeFinding[]>> {
  const pages = ['welcome.html', 'options.html', 'popup.html?view=page', 'popup.html?view=notes', 'popup.html?view=sources'];
  if (articleUrl) {
    // The popup on an article: what was found (with verdict labels), and the notes view on a web page.
    const article = await session.newPage();
    await article.goto(articleUrl);
    await article.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);
    const probe = await session.newPage();
    await probe.goto(`${session.extensionOrigin}/options.html`);
    const id = await tabIdOf(probe, articleUrl);
    await probe.close();
    // A note on the page, written in the popup as a reader would, so the notes view shows a note card.
    const popup = await session.newPage();
    await popup.goto(`${session.extensionOrigin}/popup.html?view=notes&tab=${id}`);
    await popup.waitFor(() => !!document.querySelector('[data-testid="add-note"] textarea'));
    const notes = await popup.evaluate(() => document.querySelectorAll('[data-testid="notes-list"] > li').length);
    if (notes === 0) {
      await popup.evaluate(() => {
        const area = document.querySelector<HTMLTextAreaElement>('[data-testid="add-note"] textarea')!;
        area.value = 'Compare with the **council vote** on the harbour plan.';
        area.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await popup.click('[data-testid="add-note"] button[data-action="save"]');
      await popup.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] .note').length > 0);
    }
    await popup.close();
    pages.push(`popup.html?view=page&tab=${id}`, `popup.html?view=notes&tab=${id}`);
  }
  const page = await session.newPage();
  const found: Record<string, AxeFinding[]> = {};
  for (const scheme of schemes) {
    // Light is every browser's default; dark only where the driver can show it (else a session launched dark).
    if (scheme !== 'browser' && !(await page.colorScheme(scheme)) && scheme === 'dark') continue;
    for (const p of pages) {
      await page.goto(`${session.extensionOrigin}/${p}`);
      await page.waitFor(() => (document.querySelector('#app')?.children.length ?? 0) > 0);
      if (p.includes('view=notes&tab')) await page.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] .note').length > 0);
      await sleep(300);
      const v = await axeSerious(page);
      if (v.length) found[`${p} (${scheme})`] = v;
    }
  }
  await page.close();
  return found;
}

async function tabIdOf(popup: Page, url: string): Promise<number> {
  return popup.evaluate(async (articleUrl) => {
    type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
    const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
    const tabs = await (g.browser ?? g.chrome).tabs.query({});
    return tabs.find((t) => t.url === articleUrl)?.id ?? -1;
  }, url);
}

/** A browser with Gloss and the sample article served, for one describe block. */
function withSession(open: (opts?: LaunchOptions) => Promise<Session>, opts: LaunchOptions | undefined, ready: (session: Session, articleUrl: string) => void): void {
  let session: Session | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    server = await startServer({ root: 'tests/fixtures' });
    session = await open(opts);
    ready(session, `${server.origin}/sample/mamdani-nypd-ice.html`);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
}

export function readersScenario(open: (opts?: LaunchOptions) => Promise<Session>, german: LaunchOptions): void {
  describe('a new reader', () => {
    let session: Session;
    let url: string;
    withSession(open, undefined, (s, u) => ((session = s), (url = u)));

    it('gets the welcome page on install', async () => {
      const welcome = `${session.extensionOrigin}/welcome.html`;
      for (let i = 0; i < 50 && !(await openTabs(session)).includes(welcome); i++) await sleep(200);
      expect(await openTabs(session)).toContain(welcome);
      const page = await session.newPage();
      await page.goto(welcome);
      await page.waitFor(() => document.querySelectorAll('[data-testid="shortcuts"] tr[data-command]').length > 0);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toMatch(/never leaves your device/);
      // The shortcuts as the browser binds them (commands.getAll).
      expect(text).toMatch(/Alt\s*\+\s*Shift\s*\+\s*M\s+Add a Gloss note/);
      expect(await page.evaluate(() => !!document.querySelector('a[href="/sample.html"]'))).toBe(true);
      await page.close();
    });

    it('can try Gloss on the sample article bundled with it', async () => {
      const page = await session.newPage();
      await page.goto(`${session.extensionOrigin}/sample.html`);
      await page.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);
      expect(await page.evaluate(highlightTexts, 'gloss-entity')).toContain('Jessica Tisch');
      expect(await page.evaluate(() => document.querySelector('.gloss-sample-notice')?.textContent)).toMatch(/Sample article bundled with Gloss/);
      await page.close();
    });

    it('has no serious or critical axe-core findings on its pages, light and dark', async () => {
      expect(await axePages(session, ['light', 'dark'], url)).toEqual({});
    });

    it('has no serious or critical axe-core findings on the entity and claim cards, light and dark', async () => {
      const article = await session.newPage();
      await article.goto(url);
      await article.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);
      // The cards as the reader reaches them from the keyboard: the real markup and styles.
      const cards: Record<string, string> = {};
      // Every annotation on the page once (the keyboard cycles through them): each verdict's colours get checked.
      for (let i = 0; i < 12; i++) {
        await article.press('Alt+Shift+KeyN');
        await sleep(250);
        const inspector: GlossInspector = article.gloss;
        const [html]: string[] = await inspector.all('.card', (el: Element) => el.outerHTML);
        const titles: string[] = await inspector.all('#gloss-card-title', (el: Element) => el.textContent ?? '');
        const title = titles[0];
        if (!html) continue;
        const kind = title === 'Fact-checked claim' ? 'claim' : 'entity';
        const verdict = /verdict-([a-z-]+)/.exec(html)?.[1] ?? '';
        cards[`${kind} ${verdict}`.trim()] ??= html;
      }
      expect(Object.keys(cards).some((k) => k.startsWith('entity'))).toBe(true);
      expect(Object.keys(cards).filter((k) => k.startsWith('claim')).length).toBeGreaterThan(1);
      const styles = (await article.gloss.all('style', (el) => el.textContent ?? '')).join('\n');
      await article.close();

      // Each card alone in an open shadow root (axe cannot enter a closed one), with Gloss's styles.
      const harness = await session.newPage();
      await harness.goto(url);
      const found: Record<string, AxeFinding[]> = {};
      for (const scheme of ['light', 'dark'] as const) {
        await harness.colorScheme(scheme);
        for (const [kind, html] of Object.entries(cards)) {
          await harness.evaluate(({ html, styles }) => {
            document.body.innerHTML = '<main><h1>Article</h1><div id="host"></div></main>';
            const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
            root.innerHTML = `<style>${styles}</style>${html}`;
          }, { html, styles });
          const v = await axeSerious(harness);
          if (v.length) found[`${kind} card (${scheme})`] = v;
        }
      }
      await harness.close();
      expect(found).toEqual({});
    });

    it('sets the popup’s text at 13 px or more (Chrome’s extension stylesheet would shrink it)', async () => {
      const page = await session.newPage();
      const sizes: Record<string, number> = {};
      for (const view of ['page', 'notes', 'sources']) {
        await page.goto(`${session.extensionOrigin}/popup.html?view=${view}`);
        await page.waitFor(() => (document.querySelector('#app')?.children.length ?? 0) > 0);
        await sleep(300);
        const smallest = await page.evaluate(() => {
          let min = Infinity;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.textContent?.trim() || !n.parentElement?.checkVisibility()) continue;
            min = Math.min(min, parseFloat(getComputedStyle(n.parentElement).fontSize));
          }
          return min;
        });
        sizes[view] = smallest;
      }
      await page.close();
      for (const [view, px] of Object.entries(sizes)) expect(px, view).toBeGreaterThanOrEqual(13);
    });

    it('reaches every control of the options and welcome pages with Tab', async () => {
      const page = await session.newPage();
      for (const path of ['options.html', 'welcome.html']) {
        await page.goto(`${session.extensionOrigin}/${path}`);
        // Key presses go to the tab in front (Firefox drops them in background tabs).
        await page.bringToFront();
        await page.waitFor(() => document.querySelectorAll('button').length > 0);
        await sleep(300);
        const controls = await page.evaluate(() =>
          [...document.querySelectorAll('a[href], button, input, select, textarea, summary')].filter((e) => (e as HTMLElement).checkVisibility()).length,
        );
        const reached = new Set<string>();
        for (let i = 0; i < controls + 5; i++) {
          await page.press('Tab');
          reached.add(await page.evaluate(() => {
            const e = document.activeElement as HTMLElement | null;
            if (!e || e === document.body) return '';
            const all = [...document.querySelectorAll('*')];
            return `${e.tagName}#${all.indexOf(e)}`;
          }));
        }
        reached.delete('');
        // Radio buttons of one group are one stop (arrow keys move within it).
        const radios = await page.evaluate(() => document.querySelectorAll('input[type=radio]').length);
        expect(reached.size, path).toBeGreaterThanOrEqual(controls - Math.max(0, radios - 1));
      }
      await page.close();
    });

    it('shows on the toolbar button how many things the page has, unless the reader turns the badge off', async () => {
      const article = await session.newPage();
      await article.goto(url);
      await article.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);
      const options = await session.newPage();
      await options.goto(`${session.extensionOrigin}/options.html`);
      const id = await tabIdOf(options, url);
      const badge = () =>
        options.evaluate(async (tabId) => {
          type Action = { getBadgeText(d: { tabId: number }): Promise<string> };
          const g = globalThis as unknown as { browser?: { action?: Action; browserAction?: Action }; chrome: { action: Action } };
          const api = g.browser ? (g.browser.action ?? g.browser.browserAction)! : g.chrome.action;
          return api.getBadgeText({ tabId });
        }, id);
      // The starter pack finds 5 entities and 3 claims in the sample article.
      for (let i = 0; i < 50 && (await badge()) !== '8'; i++) await sleep(200);
      expect(await badge()).toBe('8');
      await options.click('[data-testid="show-badge"]');
      for (let i = 0; i < 50 && (await badge()) !== ''; i++) await sleep(100);
      expect(await badge()).toBe('');
      await options.click('[data-testid="show-badge"]');
      for (let i = 0; i < 50 && (await badge()) !== '8'; i++) await sleep(200);
      expect(await badge()).toBe('8');
      await options.close();
      await article.close();
    });

    it('options: every mention or the first, and the open article follows', async () => {
      const article = await session.newPage();
      await article.goto(url);
      await article.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);
      const ice = async () => (await article.evaluate(highlightTexts, 'gloss-entity')).filter((t) => t === 'ICE').length;
      expect(await ice()).toBe(1);

      const options = await session.newPage();
      await options.goto(`${session.extensionOrigin}/options.html`);
      await options.click('[data-testid="mentions-all"]');
      await article.waitFor(() => [...(CSS.highlights.get('gloss-entity') ?? [])].filter((r) => r.toString() === 'ICE').length > 1, undefined, 15_000);
      expect(await ice()).toBeGreaterThan(1);

      await options.click('[data-testid="mentions-first"]');
      await article.waitFor(() => [...(CSS.highlights.get('gloss-entity') ?? [])].filter((r) => r.toString() === 'ICE').length === 1, undefined, 15_000);
      await options.close();
      await article.close();
    });

    it('does not open the welcome page again on an update', async (ctx) => {
      // Chromium unloads an unpacked extension that calls runtime.reload() and does not load it again (checked in 156).
      if (!session.reinstall) return ctx.skip();
      const welcome = `${session.extensionOrigin}/welcome.html`;
      // The welcome page of the install is open (it opens a moment after start-up); the reader closes it.
      for (let i = 0; i < 50 && !(await openTabs(session)).includes(welcome); i++) await sleep(200);
      const probe = await session.newPage();
      await probe.goto(`${session.extensionOrigin}/options.html`);
      await probe.evaluate(async (u) => {
        type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; remove(ids: number[]): Promise<void> } };
        const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
        const api = (g.browser ?? g.chrome).tabs;
        await api.remove((await api.query({})).filter((t) => t.url === u).map((t) => t.id!));
      }, welcome);
      await probe.close();
      expect(await openTabs(session)).not.toContain(welcome);
      // Installing the same add-on again is an update: onInstalled fires with reason "update".
      await session.reinstall();
      await sleep(3000);
      expect(await openTabs(session)).not.toContain(welcome);
    });
  });

  describe('a reader whose browser is in German', () => {
    let session: Session;
    let url: string;
    withSession(open, german, (s, u) => ((session = s), (url = u)));

    it('has no serious or critical axe-core findings on the German pages, in the browser’s theme', async () => {
      expect(await axePages(session, ['browser'], url)).toEqual({});
    });

    it('sees the popup, the options and the card in German, with German dates', async () => {
      const article = await session.newPage();
      await article.goto(url);
      await article.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);

      const popup = await session.newPage();
      await popup.goto(`${session.extensionOrigin}/popup.html`);
      const tabId = await tabIdOf(popup, url);
      await popup.goto(`${session.extensionOrigin}/popup.html?tab=${tabId}`);
      await popup.waitFor(() => /Auf dieser Seite/i.test(document.body.innerText) && /Entitäten/.test(document.body.innerText));
      const text = await popup.evaluate(() => document.body.innerText);
      expect(text).toMatch(/Quellen/i);
      expect(text).toMatch(/5 Entitäten · 3 Behauptungen/);
      expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(/^de/);

      await popup.goto(`${session.extensionOrigin}/options.html`);
      await popup.waitFor(() => /Gloss-Einstellungen/.test(document.body.innerText));
      expect(await popup.evaluate(() => document.body.innerText)).toMatch(/Pausierte Websites/);
      await popup.close();

      // The card, opened from the keyboard: German labels and dates ("Stand 14. Nov. 2025").
      await article.press('Alt+Shift+KeyN');
      const card = await waitForGloss(article, '.card', (text) => /Aus |Geprüfte Behauptung/.test(text));
      expect(card).toMatch(/Stand \d{1,2}\. [A-ZÄÖÜ][a-zäöü]+\.? \d{4}|Geprüfte Behauptung/);
      await article.close();
    });
  });
}
