/**
 * Known claims, end to end in Chromium: a reader subscribes to a pack of
 * fact-checked claims; an article that rewords one of them gets the claim
 * highlight on that sentence and a card with the verdict and reviewer, and the
 * rest of the article gets none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import { openChromium, type Page, type Session } from './driver';
import { waitForGloss } from './gloss-ui';
import { highlightTexts, textCentre } from './page-probes';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('known claims (chromium)', () => {
  let session: Session;
  let server: Server;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ root: 'tests/fixtures' });
    session = await openChromium();
    const popup = await session.newPage();
    await popup.goto(`${session.extensionOrigin}/popup.html?view=sources`);
    await popup.waitFor(() => document.querySelectorAll('[data-testid="source"]').length > 0);
    await popup.evaluate((url) => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="source-url"]')!;
      input.value = url;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, `${server.origin}/claims-e2e/pack.json`);
    await popup.click('[data-testid="source-add"]');
    await popup.waitFor(
      () => [...document.querySelectorAll<HTMLElement>('[data-testid="source"]')].some((e) => e.innerText.includes('Claims test pack') && /5 claims/.test(e.innerText) && !e.classList.contains('status-syncing')),
      undefined,
      30_000,
    );
    page = await session.newPage();
    await page.goto(`${server.origin}/claims-e2e/article.html`);
    await page.waitFor(() => (CSS.highlights.get('gloss-claim')?.size ?? 0) > 0, undefined, 30_000);
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('marks the sentence that rewords a fact-checked claim, and nothing else', async () => {
    const claims = await page.evaluate(highlightTexts, 'gloss-claim');
    expect(claims).toHaveLength(1);
    expect(claims[0]).toContain('President Trump signed an executive order that bans childhood vaccines for 90 days');
    expect(claims[0]).not.toContain('superintendent');
  });

  it('its card shows the claim as the reviewer worded it, the verdict, the reviewer, the confidence and the shared terms', async () => {
    const point = await page.evaluate(textCentre, { selector: 'article', text: 'bans childhood vaccines' });
    await page.mouseMove(point!.x, point!.y);
    const text = await waitForGloss(page, '.card', (t) => /Fact-checked claim/.test(t));
    expect(text).toContain('President Trump signed an Executive Order banning childhood vaccinations for 90 days.');
    expect(text).toMatch(/Unrated/);
    expect(text).toMatch(/Illustrative test verdict/);
    expect(text).toMatch(/Snopes/);
    expect(text).toMatch(/Match confidence \d+%/);
    expect(text).toMatch(/shared terms: .*childhood/);
  });
});
