/**
 * Pages that change after load: live-blog updates, removed paragraphs and
 * single-page navigation through the History API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import type { Page, Session } from './driver';
import { highlightTexts } from './page-probes';

type Server = Awaited<ReturnType<typeof startServer>>;

const LONG = 'The update ran long, with questions about overtime, precinct staffing, transit patrols and the budget for the coming year.';

export function dynamicPageScenario(open: () => Promise<Session>): void {
  describe('a page that changes after load', () => {
    let session: Session;
    let server: Server;
    let page: Page;

    beforeAll(async () => {
      server = await startServer({ root: 'tests/fixtures' });
      session = await open();
      page = await session.newPage();
      await page.goto(`${server.origin}/dynamic/live.html`);
      await page.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);
    });
    afterAll(async () => {
      await session?.close();
      await server?.close();
    });

    it('reads only the article: the navigation link "ICE rink hours" is not marked', async () => {
      expect(await page.evaluate(highlightTexts, 'gloss-entity')).toEqual(['Jessica Tisch']);
    });

    it('highlights a mention in a paragraph appended after load', async () => {
      await page.evaluate((text) => (window as unknown as { appendUpdate(t: string): void }).appendUpdate(text), `Update: Mayor Zohran Mamdani joined the briefing. ${LONG}`);
      await page.waitFor(() => [...(CSS.highlights.get('gloss-entity') ?? [])].some((r) => r.toString() === 'Zohran Mamdani'));
      expect(await page.evaluate(highlightTexts, 'gloss-entity')).toEqual(['Jessica Tisch', 'Zohran Mamdani']);
    });

    it('drops the highlight of a paragraph the page removed', async () => {
      await page.evaluate(() => (window as unknown as { removeParagraph(id: string): void }).removeParagraph('p1'));
      await page.waitFor(() => ![...(CSS.highlights.get('gloss-entity') ?? [])].some((r) => r.toString() === 'Jessica Tisch'));
      expect(await page.evaluate(highlightTexts, 'gloss-entity')).toEqual(['Zohran Mamdani']);
    });

    it('starts over on single-page navigation with history.pushState', async () => {
      await page.evaluate(
        (long) =>
          (window as unknown as { navigateTo(p: string, t: string, ps: string[]): void }).navigateTo('/dynamic/second-story', 'Second story', [
            `The NYPD said on Wednesday that ICE had not asked for help. ${long}`,
            `A spokesperson repeated that the department follows city law. ${long}`,
          ]),
        LONG,
      );
      await page.waitFor(() => {
        const texts = [...(CSS.highlights.get('gloss-entity') ?? [])].map((r) => r.toString());
        return texts.includes('NYPD') && texts.includes('ICE') && !texts.includes('Zohran Mamdani');
      });
      expect((await page.evaluate(highlightTexts, 'gloss-entity')).sort()).toEqual(['ICE', 'NYPD']);
    });
  });
}
