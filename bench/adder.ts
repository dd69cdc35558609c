/**
 * Adder benchmark: how quickly the note button appears beside a selection, and how
 * quickly a saved note is painted, in Chromium with the built extension, driven by
 * real mouse and keyboard input (Playwright) on the sample article and the corpus's
 * seed articles.
 *
 *   npm run build && npx tsx bench/adder.ts [--reps 20] [--corpus ../shared/corpus/articles]
 *
 * Figures come from the content script's own clock (reported through `page/stats`,
 * never the page's performance timeline):
 * - selection to adder visible: from the reader's mouseup (the event's timestamp) to
 *   the frame after the button is placed;
 * - Save to highlight painted: from Save (Ctrl+Enter in the composer) to the frame
 *   after the note's marks are drawn, including the round trip to the background
 *   that stores the note and re-anchoring the page's notes.
 * Writes its section of docs/benchmarks.md.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../scripts/lib/server.mjs';
import { openChromium, type Page } from '../tests/e2e/driver.ts';
import { writeSection } from './report.ts';

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '20' },
    corpus: { type: 'string', default: '../shared/corpus/articles' },
    /** Corpus pages (readability/<site>/source.html) besides the sample article. */
    sites: { type: 'string', default: 'bbc-1,guardian-1,nytimes-1,lemonde-1' },
  },
});
const reps = Number(values.reps);
const corpus = resolve(values.corpus!);

interface Stats {
  adder?: { selectionToVisibleMs: number[]; saveToPaintedMs: number[] };
}

/** In the page: mouse points selecting the n-th sentence (of 40 to 220 characters) of the article's paragraphs. */
function sentencePoints(n: number): { from: { x: number; y: number }; to: { x: number; y: number }; text: string } | null {
  const root = document.body;
  const found: { node: Text; start: number; end: number }[] = [];
  for (const p of root.querySelectorAll('p')) {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let node: Text | undefined;
    for (let n = walker.nextNode(); n && !node; n = walker.nextNode()) if ((n as Text).data.trim().length > 60) node = n as Text;
    if (!node) continue;
    for (const m of node.data.matchAll(/[^.!?]{40,220}[.!?]/g)) {
      const start = m.index! + (m[0].length - m[0].trimStart().length);
      found.push({ node, start, end: m.index! + m[0].length });
    }
  }
  const s = found[n % Math.max(1, found.length)];
  if (!s) return null;
  s.node.parentElement!.scrollIntoView({ block: 'center', behavior: 'instant' });
  const range = document.createRange();
  range.setStart(s.node, s.start);
  range.setEnd(s.node, s.start + 1);
  const a = range.getClientRects()[0]!;
  range.setStart(s.node, s.end - 1);
  range.setEnd(s.node, s.end);
  const z = range.getClientRects()[0]!;
  return { from: { x: a.left + 1, y: a.top + a.height / 2 }, to: { x: z.right - 1, y: z.top + z.height / 2 }, text: s.node.data.slice(s.start, s.end) };
}

/** Waits until Gloss's closed UI (read through the developer protocol) has, or has not, an element. */
async function waitUi(page: Page, selector: string, present: boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await page.gloss!.all(selector, () => 1)).length > 0 !== present) {
    if (Date.now() > end) throw new Error(`${selector} ${present ? 'never appeared' : 'stayed'}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function clickUi(page: Page, selector: string): Promise<void> {
  const [box] = await page.gloss!.all(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  if (!box) throw new Error(`no ${selector}`);
  await page.mouseClick(box.x, box.y);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

async function main(): Promise<void> {
  if (!existsSync('.output/chrome-mv3/manifest.json')) throw new Error('Build Gloss first: npm run build');
  const fixtures = await startServer({ root: 'tests/fixtures' });
  const articles = await startServer({ root: corpus });
  const session = await openChromium();
  const servable = [`${fixtures.origin}/sample/mamdani-nypd-ice.html`];
  for (const site of values.sites!.split(',').filter(Boolean)) {
    if (existsSync(join(corpus, 'readability', site, 'source.html'))) servable.push(`${articles.origin}/readability/${site}/source.html`);
  }
  const visible: number[] = [];
  const painted: number[] = [];
  const perPage: string[] = [];
  const extension = await session.newPage();
  await extension.goto(`${session.extensionOrigin}/popup.html`);
  for (const path of servable) {
    const page: Page = await session.newPage();
    const url = path;
    await page.goto(url);
    // Gloss goes into a page at its load event, or 3 s after navigation for pages still loading.
    await new Promise((r) => setTimeout(r, 4_000));
    const tabId = await extension.evaluate(async (u) => {
      const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
      return (await c.tabs.query({})).find((t) => t.url === u)?.id;
    }, url);
    const stats = async (): Promise<Stats> =>
      extension.evaluate(async (id) => {
        const c = (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<{ ok: boolean; value: Stats }> } } }).chrome;
        return (await c.tabs.sendMessage(id!, { gloss: 'page/stats', data: {} })).value;
      }, tabId);
    let done = 0;
    for (let i = 0; done < reps && i < reps * 3; i++) {
      const at = await page.evaluate(sentencePoints, i);
      if (!at) break;
      await page.mouseClick(5, 5);
      await page.mouseDrag(at.from, at.to);
      try {
        await waitUi(page, '[data-testid="gloss-adder"]', true, 3_000);
      } catch {
        continue; // already noted, or not article text: the next sentence
      }
      await clickUi(page, '[data-action="adder-note"]');
      await waitUi(page, '[data-testid="gloss-composer"]', true);
      await page.type(`Bench note ${i}`);
      await page.press('Control+Enter');
      try {
        await waitUi(page, '[data-testid="gloss-composer"]', false, 5_000);
      } catch {
        const [text] = await page.gloss!.all('[data-testid="gloss-composer"]', (el) => (el as HTMLElement).innerText);
        console.warn(`${path}: the note was not saved: ${text?.replace(/\s+/g, ' ').slice(-200)}`);
        await page.press('Escape');
        continue;
      }
      done++;
    }
    await new Promise((r) => setTimeout(r, 500));
    const a = (await stats()).adder;
    if (a) {
      visible.push(...a.selectionToVisibleMs);
      painted.push(...a.saveToPaintedMs);
      perPage.push(`| ${path.replace(/^https?:\/\/[^/]+\//, '')} | ${a.saveToPaintedMs.length} | ${fmt(quantile(a.selectionToVisibleMs, 0.5))} | ${fmt(quantile(a.saveToPaintedMs, 0.5))} |`);
    }
    await page.close();
  }
  await session.close();
  await fixtures.close();
  await articles.close();
  const row = (name: string, xs: number[]) => `| ${name} | ${xs.length} | ${fmt(quantile(xs, 0.5))} | ${fmt(quantile(xs, 0.9))} | ${fmt(Math.max(...xs))} |`;
  const body = `Command: \`npm run build && npx tsx bench/adder.ts --reps ${reps}\` (Chromium ${'headless'}, real mouse and keyboard through Playwright; load average at the end ${loadavg()[0]!.toFixed(2)} on a shared 2-core machine).

Measured by the content script's own clock: selection = from the reader's mouseup to the frame after the Gloss button is placed beside the selection; save = from Ctrl+Enter in the composer to the frame after the new note's marks are drawn (storing the note in the background and re-anchoring the page's notes included). Each page gets up to ${reps} notes, so later saves re-anchor more notes.

| step | n | median ms | p90 ms | max ms |
|---|---|---|---|---|
${row('selection → adder visible', visible)}
${row('Save → highlight painted', painted)}

| page | notes | median selection → adder ms | median save → painted ms |
|---|---|---|---|
${perPage.join('\n')}
`;
  writeSection('adder', 'Adder and composer (issue 14)', body);
  console.log(body);
}

await main();
