/**
 * Known claims in Portuguese, end to end in Chromium: a reader subscribes to a
 * real Portuguese ClaimReview feed (FACTCK.BR records, inLanguage pt-BR); a
 * Portuguese article (<html lang="pt-BR">) that restates one of its claims in
 * other words gets the claim highlight on that sentence, with the fact-checker's
 * card, and nothing else is flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import { openChromium, type Page, type Session } from './driver';
import { waitForGloss } from './gloss-ui';
import { highlightTexts, textCentre } from './page-probes';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('known claims in Portuguese (chromium)', () => {
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
    }, `${server.origin}/claimreview/factckbr-sample.jsonl`);
    await popup.click('[data-testid="source-add"]');
    await popup.waitFor(
      () => [...document.querySelectorAll<HTMLElement>('[data-testid="source"]')].some((e) => /14 claims/.test(e.innerText) && !e.classList.contains('status-syncing')),
      undefined,
      30_000,
    );
    page = await session.newPage();
    await page.goto(`${server.origin}/claims-e2e/pt/artigo.html`);
    await page.waitFor(() => (CSS.highlights.get('gloss-claim')?.size ?? 0) > 0, undefined, 30_000);
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('marks the Portuguese sentence that restates a Portuguese fact-checked claim, and nothing else', async () => {
    const claims = await page.evaluate(highlightTexts, 'gloss-claim');
    expect(claims).toHaveLength(1);
    expect(claims[0]).toContain('a imprensa internacional divulgou uma poupança de 108 milhões de dólares do ex-presidente Lula em Luxemburgo');
    expect(claims[0]).not.toContain('vacinas');
  });

  it('its card shows the claim as the fact-checker worded it and the fact-checker', async () => {
    const point = await page.evaluate(textCentre, { selector: 'article', text: 'poupança de 108 milhões' });
    await page.mouseMove(point!.x, point!.y);
    const text = await waitForGloss(page, '.card', (t) => /Luxemburgo/.test(t));
    expect(text).toContain('Imprensa internacional desmascara LULA e divulga poupança de U$ 108 milhões em Luxemburgo');
    expect(text).toMatch(/Aos Fatos/);
    expect(text).toMatch(/shared terms: .*Luxemburgo/);
  });
});
