/**
 * The foundation scenario, run in Chromium and in Firefox: a reader opens the
 * sample article with Gloss installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import type { Page, Session } from './driver';
import { glossBox, waitForGloss, waitForNoGloss } from './gloss-ui';
import { RECORD_MUTATIONS, highlightTexts, pageSeesGloss, textCentre } from './page-probes';

type Server = Awaited<ReturnType<typeof startServer>>;

export function sampleArticleScenario(open: () => Promise<Session>): void {
  describe('the sample article', () => {
    let session: Session;
    let server: Server;
    let page: Page;
    let url: string;

    beforeAll(async () => {
      server = await startServer({ root: 'tests/fixtures' });
      url = `${server.origin}/sample/mamdani-nypd-ice.html`;
      session = await open();
      page = await session.newPage();
      await page.beforeLoad(RECORD_MUTATIONS);
      await page.goto(url);
      await page.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);
    });

    afterAll(async () => {
      await session?.close();
      await server?.close();
    });

    it('highlights the known entities, first mention of each', async () => {
      const entities = await page.evaluate(highlightTexts, 'gloss-entity');
      for (const name of ['Mamdani', 'NYPD', 'ICE', 'Jessica Tisch']) expect(entities).toContain(name);
      expect(entities.some((t) => /^(New York City|NYC)$/.test(t))).toBe(true);
      // Quiet by default: one highlight per entity.
      expect(entities.filter((t) => t === 'ICE')).toHaveLength(1);
    });

    it('highlights the fact-checked claims in the article', async () => {
      const claims = (await page.evaluate(highlightTexts, 'gloss-claim')).map((t) => t.replace(/\s+/g, ' '));
      expect(claims.some((t) => t.includes('youngest mayor-elect since 1917'))).toBe(true);
      expect(claims.some((t) => t.includes('single largest deportation force in American history'))).toBe(true);
      expect(claims.some((t) => t.includes('not defund or demonize it'))).toBe(true);
    });

    it('does not mark "Ice" in "Ice skating season"', async () => {
      const inAside = await page.evaluate(() => {
        const aside = document.querySelector('aside')!;
        return ['gloss-entity', 'gloss-claim'].flatMap((n) => [...(CSS.highlights.get(n) ?? [])]).filter((r) => aside.contains(r.startContainer)).map((r) => r.toString());
      });
      expect(inAside).toEqual([]);
    });

    it('leaves the page DOM alone apart from its one host element, and the page script still ran', async () => {
      const report = await page.evaluate(() => ({
        mutations: (window as unknown as { __mutations: { target: string; inGloss: boolean; added: string[]; removed: string[]; type: string }[] }).__mutations,
        hosts: document.querySelectorAll('gloss-ui').length,
        ferry: [...document.querySelectorAll('aside li')].some((li) => li.textContent?.includes('NYC Ferry adds late-night service')),
        bodyChildren: [...document.body.children].map((c) => c.tagName.toLowerCase()),
      }));
      expect(report.ferry).toBe(true);
      expect(report.hosts).toBe(1);
      expect(report.bodyChildren.at(-1)).toBe('gloss-ui');
      const foreign = report.mutations.filter(
        (m) => !m.inGloss && !(m.target === 'body' && m.added.every((a) => a === 'gloss-ui') && m.removed.length === 0) && !(m.target === 'ol' && m.added.join() === 'li'),
      );
      expect(foreign).toEqual([]);
    });

    it('opens a card when the reader hovers "Zohran Mamdani", and Escape closes it; the page sees none of it', async () => {
      const point = await page.evaluate(textCentre, { selector: 'article', text: 'Zohran Mamdani' });
      expect(point).not.toBeNull();
      await page.mouseMove(point!.x, point!.y);
      const text = await waitForGloss(page, '.card');
      expect(text).toContain('Zohran Mamdani');
      expect(text).toMatch(/Mayor of New York City|Democrat/);
      const links = await page.gloss.all('.card a', (a) => (a as HTMLAnchorElement).href);
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((l) => /^https?:\/\//.test(l))).toBe(true);
      const box = (await glossBox(page, '.card'))!;
      expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 900 && box.width > 0).toBe(true);
      expect(await page.gloss.all('.card', (c) => c.getAttribute('role'))).toEqual(['dialog']);
      // The card is open, and the page's own scripts still see nothing of it.
      expect(await page.evaluate(pageSeesGloss)).toEqual({ shadowRoot: null, attributes: [], text: '', childNodes: 0 });
      await page.press('Escape');
      await waitForNoGloss(page, '.card');
      await page.mouseMove(5, 5);
    });

    it('the card shows that the "since 1917" claim is inaccurate', async () => {
      const point = await page.evaluate(textCentre, { selector: 'article', text: 'youngest mayor-elect' });
      await page.mouseMove(point!.x, point!.y);
      expect(await waitForGloss(page, '.card', (t) => /Mostly accurate/.test(t))).toMatch(/1892/);
      await page.press('Escape');
      await page.mouseMove(5, 5);
    });

    it('reaches an annotation from the keyboard and announces its card', async () => {
      await waitForNoGloss(page, '.card');
      await page.press('Alt+Shift+KeyN');
      await page.waitFor(() => CSS.highlights.get('gloss-focus') !== undefined);
      const focus = await page.evaluate(highlightTexts, 'gloss-focus');
      expect(focus).toHaveLength(1);
      await waitForGloss(page, '.card');
      const [labelled] = await page.gloss.all('.card [id="gloss-card-title"]', (h) => h.textContent ?? '');
      const [live] = await page.gloss.all('[aria-live]', (r) => r.textContent ?? '');
      expect(labelled).toBeTruthy();
      expect(live).toContain(labelled!.startsWith('Fact-checked') ? 'Fact-checked' : labelled!);
      // Focus is in Gloss's card: the page sees only that its host has focus.
      expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('gloss-ui');
      await page.press('Alt+Shift+KeyN');
      await page.waitFor((first) => CSS.highlights.get('gloss-focus') !== undefined && [...CSS.highlights.get('gloss-focus')!][0]!.toString() !== first, focus[0]);
      await page.press('Escape');
      await page.waitFor(() => !CSS.highlights.get('gloss-focus'));
      await waitForNoGloss(page, '.card');
    });

    it('lists what it found in the popup, and pausing the site removes the highlights', async () => {
      const popup = await session.newPage();
      await popup.goto(`${session.extensionOrigin}/popup.html`);
      const tabId = await popup.evaluate(async (articleUrl) => {
        type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
        const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
        const tabs = await (g.browser ?? g.chrome).tabs.query({});
        return tabs.find((t) => t.url === articleUrl)?.id;
      }, url);
      expect(tabId).toBeTypeOf('number');
      await popup.goto(`${session.extensionOrigin}/popup.html?tab=${tabId}`);
      await popup.waitFor(() => document.querySelector('[data-testid="found-entities"]')?.textContent?.includes('Zohran Mamdani'));
      const sources = await popup.evaluate(() => document.querySelector('[data-testid="sources"]')?.textContent ?? '');
      expect(sources).toMatch(/Gloss starter pack/);
      expect(sources).toMatch(/5 entities · 3 claims/);
      await popup.click('input[type="checkbox"]');
      await page.waitFor(() => !CSS.highlights.get('gloss-entity') && !CSS.highlights.get('gloss-claim'));
      // Remembered per site: still paused after a reload.
      await page.reload();
      await new Promise((r) => setTimeout(r, 1500));
      expect(await page.evaluate(highlightTexts, 'gloss-entity')).toEqual([]);
      await popup.click('input[type="checkbox"]');
      await page.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0);
      await popup.close();
    });
  });
}
