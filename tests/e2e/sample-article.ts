/**
 * The foundation scenario, run in Chromium and in Firefox: a reader opens the
 * sample article with Gloss installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import type { Page, Session } from './driver';
import { RECORD_MUTATIONS, cardInViewport, cardLinks, cardRole, cardText, highlightTexts, textCentre } from './page-probes';

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

    it('opens a card when the reader hovers "Zohran Mamdani", and Escape closes it', async () => {
      const point = await page.evaluate(textCentre, { selector: 'article', text: 'Zohran Mamdani' });
      expect(point).not.toBeNull();
      await page.mouseMove(point!.x, point!.y);
      await page.waitFor(() => !!document.querySelector('gloss-ui')?.shadowRoot?.querySelector('.card'));
      const text = (await page.evaluate(cardText)) ?? '';
      expect(text).toContain('Zohran Mamdani');
      expect(text).toMatch(/Mayor of New York City|Democrat/);
      const links = await page.evaluate(cardLinks);
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((l) => /^https?:\/\//.test(l))).toBe(true);
      expect(await page.evaluate(cardInViewport)).toBe(true);
      expect((await page.evaluate(cardRole)).role).toBe('dialog');
      await page.press('Escape');
      await page.waitFor(() => !document.querySelector('gloss-ui')?.shadowRoot?.querySelector('.card'));
      await page.mouseMove(5, 5);
    });

    it('the card shows that the "since 1917" claim is inaccurate', async () => {
      const point = await page.evaluate(textCentre, { selector: 'article', text: 'youngest mayor-elect' });
      await page.mouseMove(point!.x, point!.y);
      await page.waitFor(() => /Mostly accurate/.test((document.querySelector('gloss-ui')?.shadowRoot?.querySelector('.card') as HTMLElement | null)?.innerText ?? ''));
      expect(await page.evaluate(cardText)).toMatch(/1892/);
      await page.press('Escape');
      await page.mouseMove(5, 5);
    });

    it('reaches an annotation from the keyboard and announces its card', async () => {
      await page.waitFor(() => !document.querySelector('gloss-ui')?.shadowRoot?.querySelector('.card'));
      await page.press('Alt+Shift+KeyN');
      await page.waitFor(() => !!document.querySelector('gloss-ui')?.shadowRoot?.querySelector('.card'));
      const focus = await page.evaluate(highlightTexts, 'gloss-focus');
      expect(focus).toHaveLength(1);
      const role = await page.evaluate(cardRole);
      expect(role.labelled).toBeTruthy();
      expect(role.live).toContain(role.labelled!.startsWith('Fact-checked') ? 'Fact-checked' : role.labelled!);
      expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('gloss-ui');
      await page.press('Alt+Shift+KeyN');
      await page.waitFor((first) => CSS.highlights.get('gloss-focus') !== undefined && [...CSS.highlights.get('gloss-focus')!][0]!.toString() !== first, focus[0]);
      await page.press('Escape');
      await page.waitFor(() => !document.querySelector('gloss-ui')?.shadowRoot?.querySelector('.card'));
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
