/**
 * Adder benchmark: how quickly the note button appears beside a selection, and how
 * quickly a saved note is painted, in Chromium and Firefox ESR with the built
 * extension, driven by real mouse and keyboard input (Playwright, Puppeteer) on the
 * sample article and corpus pages. Gloss's closed UI is read through the browsers'
 * automation protocols (tests/e2e/driver.ts).
 *
 *   npm run build:all && npx tsx bench/adder.ts [--reps 20] [--browsers chromium,firefox] [--corpus ../shared/corpus/articles]
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
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../scripts/lib/server.mjs';
import { openChromium, openFirefox, type Page, type Session, tabIdOf } from '../tests/e2e/driver.ts';
import { writeSection } from './report.ts';

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '20' },
    browsers: { type: 'string', default: 'chromium,firefox' },
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

/** Waits until Gloss's closed UI (read through the automation protocol) has, or has not, an element. */
async function waitUi(page: Page, selector: string, present: boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await page.gloss.all(selector, () => 1)).length > 0 !== present) {
    if (Date.now() > end) throw new Error(`${selector} ${present ? 'never appeared' : 'stayed'}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function clickUi(page: Page, selector: string): Promise<void> {
  const [box] = await page.gloss.all(selector, (el) => {
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

interface Run {
  browser: string;
  visible: number[];
  painted: number[];
  perPage: string[];
}

/** Notes up to `reps` sentences on each page in one browser; the content script's own timings. */
async function measure(browser: 'chromium' | 'firefox', urls: string[]): Promise<Run> {
  const session: Session = await (browser === 'firefox' ? openFirefox() : openChromium());
  const run: Run = { browser, visible: [], painted: [], perPage: [] };
  const extension = await session.newPage();
  await extension.goto(`${session.extensionOrigin}/popup.html`);
  for (const url of urls) {
    const page: Page = await session.newPage();
    await page.goto(url);
    // Gloss goes into a page at its load event, or 3 s after navigation for pages still loading.
    await new Promise((r) => setTimeout(r, 4_000));
    const tabId = await tabIdOf(session, url);
    await page.bringToFront();
    const stats = async (): Promise<Stats> =>
      extension.evaluate(async (id) => {
        type Tabs = { tabs: { sendMessage(id: number, m: unknown): Promise<{ ok: boolean; value: Stats }> } };
        const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
        return (await (g.browser ?? g.chrome).tabs.sendMessage(id!, { gloss: 'page/stats', data: {} })).value;
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
        const [text] = await page.gloss.all('[data-testid="gloss-composer"]', (el) => (el as HTMLElement).innerText);
        console.warn(`${browser} ${url}: the note was not saved: ${text?.replace(/\s+/g, ' ').slice(-200)}`);
        await page.press('Escape');
        continue;
      }
      done++;
    }
    await new Promise((r) => setTimeout(r, 500));
    const a = (await stats()).adder;
    if (a) {
      run.visible.push(...a.selectionToVisibleMs);
      run.painted.push(...a.saveToPaintedMs);
      run.perPage.push(`| ${browser} | ${url.replace(/^https?:\/\/[^/]+\//, '')} | ${a.saveToPaintedMs.length} | ${fmt(quantile(a.selectionToVisibleMs, 0.5))} | ${fmt(quantile(a.saveToPaintedMs, 0.5))} |`);
    }
    await page.close();
  }
  await session.close();
  return run;
}

async function main(): Promise<void> {
  const browsers = values.browsers!.split(',').filter((b): b is 'chromium' | 'firefox' => b === 'chromium' || b === 'firefox');
  for (const b of browsers) {
    const manifest = b === 'firefox' ? '.output/firefox-mv2/manifest.json' : '.output/chrome-mv3/manifest.json';
    if (!existsSync(manifest)) throw new Error(`Build Gloss for ${b} first: npm run build:all`);
  }
  const fixtures = await startServer({ root: 'tests/fixtures' });
  const articles = await startServer({ root: corpus });
  const urls = [`${fixtures.origin}/sample/mamdani-nypd-ice.html`];
  for (const site of values.sites!.split(',').filter(Boolean)) {
    const file = join(corpus, 'readability', site, 'source.html');
    if (!existsSync(file)) continue;
    // The saved pages' own scripts stay off (some navigate away, which Firefox's driver
    // reports as an error), in both browsers alike.
    const path = `/readability/${site}/source.html`;
    articles.route(path, async () => ({ headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'" }, body: await readFile(file) }));
    urls.push(`${articles.origin}${path}`);
  }
  const runs: Run[] = [];
  for (const b of browsers) {
    console.log(`${b}: ${urls.length} pages, up to ${reps} notes each`);
    runs.push(await measure(b, urls));
  }
  await fixtures.close();
  await articles.close();
  const row = (name: string, xs: number[]) => `| ${name} | ${xs.length} | ${fmt(quantile(xs, 0.5))} | ${fmt(quantile(xs, 0.9))} | ${fmt(Math.max(...xs))} |`;
  const body = `Command: \`npm run build:all && npx tsx bench/adder.ts --reps ${reps} --browsers ${browsers.join(',')}\` (headless Chromium and Firefox ESR one after the other, real mouse and keyboard through Playwright and Puppeteer; load average at the end ${loadavg()[0]!.toFixed(2)} on a shared 2-core machine). Run ${new Date().toISOString().slice(0, 10)}.

Measured by the content script's own clock: selection = from the reader's mouseup to the frame after the Gloss button is placed beside the selection; save = from Ctrl+Enter in the composer to the frame after the new note's marks are drawn (storing the note in the background and re-anchoring the page's notes included). Each page gets up to ${reps} notes, so later saves re-anchor more notes. Firefox reports event times and \`performance.now()\` in whole milliseconds, hence its round figures.

| browser | step | n | median ms | p90 ms | max ms |
|---|---|---|---|---|---|
${runs.flatMap((r) => [row(`${r.browser} | selection → adder visible`, r.visible), row(`${r.browser} | Save → highlight painted`, r.painted)]).join('\n')}

| browser | page | notes | median selection → adder ms | median save → painted ms |
|---|---|---|---|---|
${runs.flatMap((r) => r.perPage).join('\n')}
`;
  writeSection('adder', 'Adder and composer (issue 14)', body);
  console.log(body);
}

await main();
