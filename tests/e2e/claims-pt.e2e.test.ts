/**
 * Known claims in Portuguese, end to end in Chromium: a reader subscribes to a
 * real Portuguese ClaimReview feed (FACTCK.BR records, inLanguage pt-BR); a
 * Portuguese article (<html lang="pt-BR">) that restates one of its claims in
 * other words gets the claim highlight on that sentence, with the fact-checker's
 * card, and nothing else is flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeAndOpen, type Server } from './claims-session';
import type { Page, Session } from './driver';
import { waitForGloss } from './gloss-ui';
import { highlightTexts, textCentre } from './page-probes';

describe('known claims in Portuguese (chromium)', () => {
  let session: Session;
  let server: Server;
  let page: Page;

  beforeAll(async () => {
    ({ server, session, page } = await subscribeAndOpen('claimreview/factckbr-sample.jsonl', [/14 claims/], 'claims-e2e/pt/artigo.html'));
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
