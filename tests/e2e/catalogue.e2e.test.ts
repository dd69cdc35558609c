/**
 * Wikidata topics and the source catalogue, end to end in Chromium:
 * - a reader subscribes by link to a Wikidata Query Service query served from 127.0.0.1
 *   (a recorded real WDQS response) and hovers a name: the card shows a fact sourced to
 *   the item's Wikidata page, dated;
 * - a reader opens the catalogue and subscribes to "Countries and capitals" with one
 *   click; its records show on a real news page. The catalogue's link is the real
 *   https://query.wikidata.org one (nothing in the shipped build points elsewhere);
 *   the test answers it by intercepting the request in the browser (Playwright
 *   context.route), as a network without Wikidata would need.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browsers.mjs';
import { startServer } from '../../scripts/lib/server.mjs';
import { playwrightPage } from './driver';
import { clickGloss, glossCount, waitForGloss } from './gloss-ui';
import { highlightTexts } from './page-probes';

const OUT = process.env.GLOSS_OUT_DIR ?? '.output';
const RECORDED = readFileSync('tests/fixtures/wikidata/sparql/results_with_labels_descriptions_and_aliases.json', 'utf8');
const COUNTRIES = readFileSync('tests/fixtures/wikidata/sparql/countries-capitals.json', 'utf8');
const QUERY = readFileSync('tests/fixtures/wikidata/sparql/results_with_labels_descriptions_and_aliases.rq', 'utf8');

type Server = Awaited<ReturnType<typeof startServer>>;

/** Hover the highlighted mention of `text` (the one Gloss painted) and read the card. */
async function hoverText(page: Page, text: string): Promise<string> {
  const point = await page.evaluate((t) => {
    const range = [...(CSS.highlights.get('gloss-entity') ?? [])].find((r) => r.toString() === t) as Range | undefined;
    if (!range) return null;
    range.startContainer.parentElement!.scrollIntoView({ block: 'center', behavior: 'instant' });
    const box = range.getClientRects()[0]!;
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, text);
  expect(point, `"${text}" on the page`).not.toBeNull();
  await page.mouse.move(point!.x, point!.y, { steps: 4 });
  // Gloss's root is closed: its card is read through the developer protocol, as the driver does.
  return waitForGloss(playwrightPage(page), '.card', (t) => t.includes(text));
}

/** The links in the open card (read through the developer protocol). */
async function cardLinks(page: Page): Promise<string[]> {
  return playwrightPage(page).gloss!.all('.card a', (a) => (a as HTMLAnchorElement).href);
}

describe('Wikidata topics and the catalogue (chromium)', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let server: Server;
  let popup: Page;
  const wdqsRequests: Record<string, string>[] = [];

  beforeAll(async () => {
    server = await startServer({ root: 'tests/fixtures' });
    server.route('/sparql', () => ({ headers: { 'content-type': 'application/sparql-results+json' }, body: RECORDED }));
    browser = await launchChromium({ extensionDir: `${OUT}/chrome-mv3` });
    context = browser.context;
    await context.route('https://query.wikidata.org/sparql?**', async (route) => {
      wdqsRequests.push(route.request().headers());
      await route.fulfill({ status: 200, contentType: 'application/sparql-results+json', body: COUNTRIES });
    });
    popup = await context.newPage();
    await popup.goto(`${browser.extensionOrigin}/popup.html?view=sources`);
    await popup.waitForSelector('[data-testid="source"]');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a WDQS query link (recorded real response on 127.0.0.1) becomes entities whose cards show a dated Wikidata fact', async () => {
    const link = `${server.origin}/sparql?query=${encodeURIComponent(`# Pseudonyms\n${QUERY}`)}&format=json`;
    await popup.fill('[data-testid="source-url"]', link);
    await popup.click('[data-testid="source-add"]');
    const row = popup.locator('[data-testid="source"]', { hasText: 'Wikidata: Pseudonyms' });
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toMatch(/\d+ entities · 0 claims/);

    const page = await context.newPage();
    await page.goto(`${server.origin}/sources/philosophers.html`);
    await page.waitForFunction(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, { timeout: 20_000 });
    expect(await page.evaluate(highlightTexts, 'gloss-entity')).toContain('Søren Kierkegaard');
    const text = await hoverText(page, 'Søren Kierkegaard');
    expect(text).toMatch(/Danish philosopher and theologian/);
    expect(text).toMatch(/Pseudonyme: [AB]/);
    // Dated as of the day it was fetched (today).
    const today = new Date();
    expect(text).toMatch(new RegExp(`Pseudonyme: [AB] Wikidata · as of \\w+\\.? ${today.getDate()}, ${today.getFullYear()}`));
    expect(await cardLinks(page)).toContain('https://www.wikidata.org/wiki/Q6512');
    await page.close();
  });

  it('a catalogue entry subscribes with one click, and its records show on a real news page', async () => {
    await popup.click('[data-testid="catalogue"] > summary');
    const entry = popup.locator('[data-entry-id="wd-countries-capitals"]');
    await expect.poll(() => entry.innerText()).toMatch(/Countries and capitals[\s\S]*Wikidata topic by Wikidata · CC0 1\.0 · about 200 entities/);
    await entry.locator('[data-testid="catalogue-subscribe"]').click();
    const row = popup.locator('[data-testid="source"]', { hasText: 'Wikidata: Countries and capitals' });
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toMatch(/4 entities · 0 claims/);
    await expect.poll(() => entry.innerText()).toMatch(/Subscribed/);
    // One request to the real endpoint, saying who is asking.
    expect(wdqsRequests).toHaveLength(1);
    expect(wdqsRequests[0]!['api-user-agent']).toMatch(/^Gloss\/\d/);

    const page = await context.newPage();
    await page.goto(`${server.origin}/corpus-pages/nytimes-1.html`);
    await page.waitForFunction(() => [...(CSS.highlights.get('gloss-entity') ?? [])].some((r) => r.toString() === 'United States'), undefined, { timeout: 20_000 });
    const text = await hoverText(page, 'United States');
    expect(text).toMatch(/country primarily located in North America/);
    expect(text).toMatch(/Capital: Washington, D\.C\./);
    expect(text).toMatch(/From Wikidata: Countries and capitals/);
    await page.close();
  });

  it('the card reads at a glance: current role first, two facts, then More; a long card says it scrolls', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/sample/mamdani-nypd-ice.html`);
    // Quiet by default: his first mention ("Mamdani", after "Mayor-elect") carries the highlight.
    await page.waitForFunction(() => [...(CSS.highlights.get('gloss-entity') ?? [])].some((r) => r.toString() === 'Mamdani'), undefined, { timeout: 20_000 });
    const text = await hoverText(page, 'Mamdani');
    expect(text).toMatch(/Mayor of New York City since January 1, 2026.*\(as of Jan\.? 1, 2026\)/s);
    const p = playwrightPage(page);
    expect(await glossCount(p, '.facts li')).toBe(2);
    expect(text).not.toMatch(/Born/);
    expect(text).toMatch(/More \(\d+ more facts\)/);
    await clickGloss(p, 'button.more');
    const all = await waitForGloss(p, '.card', (t) => /Born on October 18, 1991/.test(t));
    expect(all).toMatch(/New York State Assembly · since Oct\.? 18, 1991/);
    // Eight facts do not fit: the card says so at its bottom edge.
    expect(await waitForGloss(p, '.scroll-hint')).toBe('Scroll for more ↓');
    await page.close();
  });
});
