/**
 * Browser benchmark: Gloss in headless Chromium over every page in the corpus
 * with a 100,000-entity pack installed, next to the same pages without Gloss in
 * the same run and the same browser: every page is served under two host names
 * (both 127.0.0.1), and Gloss is paused on one of them (the popup's per-site
 * switch), under which the background injects nothing; so "without" is the same
 * Chromium, profile and background, with nothing of Gloss in the page.
 *
 *   npx tsx bench/browser.ts [--corpus ../shared/corpus/articles] [--entities 100000] [--reps 3]
 *
 * Per page: Gloss's main-thread time and its longest task (counted by the
 * content script itself), the longest task the page saw (Long Tasks API), time
 * from navigation start to highlights painted, hover-to-card time (including the
 * card's intentional 250 ms dwell), and load time with and without Gloss.
 * Writes its section of docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../scripts/lib/browsers.mjs';
import { waitForCard } from '../scripts/lib/closed-ui.mjs';
import { startServer } from '../scripts/lib/server.mjs';
import { bigPack } from './matching-data.ts';
import { writeSection } from './report.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/corpus/articles' },
    entities: { type: 'string', default: '100000' },
    reps: { type: 'string', default: '3' },
    'no-build': { type: 'boolean', default: false },
  },
});
const corpus = resolve(values.corpus!);
const entityCount = Number(values.entities);
const reps = Number(values.reps);
const outDir = '/tmp/gloss-bench-out';
/** Pages load from both names (mapped to 127.0.0.1); Gloss's content scripts skip the second. */
const WITH_HOST = 'gloss-on.test';
const WITHOUT_HOST = 'gloss-off.test';

function pages(): string[] {
  const list: string[] = [];
  const readability = join(corpus, 'readability');
  if (existsSync(readability))
    for (const site of readdirSync(readability).sort()) if (existsSync(join(readability, site, 'source.html'))) list.push(`readability/${site}/source.html`);
  const seed = join(corpus, 'seed');
  if (existsSync(seed)) for (const f of readdirSync(seed).sort()) if (f.endsWith('.html')) list.push(`seed/${f}`);
  return list;
}

async function sendFromExtension<T>(page: Page, message: unknown, tabId?: number): Promise<T> {
  const result = await page.evaluate(
    async ({ message, tabId }) => {
      const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> }; tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome;
      return tabId === undefined ? c.runtime.sendMessage(message) : c.tabs.sendMessage(tabId, message);
    },
    { message, tabId },
  );
  const r = result as { ok: boolean; value?: T; error?: string };
  if (!r?.ok) throw new Error(`extension replied: ${r?.error ?? 'nothing'}`);
  return r.value as T;
}

async function tabIdOf(extensionPage: Page, url: string): Promise<number | undefined> {
  return extensionPage.evaluate(async (u) => {
    const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    return (await c.tabs.query({})).find((t) => t.url === u)?.id;
  }, url);
}

const LONGTASKS = `window.__longtasks = []; try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: true }); } catch {}`;

/** Only the local server: saved pages reference hosts that this machine cannot reach. */
async function localOnly(context: BrowserContext): Promise<void> {
  await context.route(/^(?!http:\/\/(127\.0\.0\.1|gloss-on\.test|gloss-off\.test)[:/])(https?|wss?):/, (route) => route.abort());
  await context.addInitScript(LONGTASKS);
}

interface Measure {
  loadMs: number;
  longestPageTaskMs: number;
  glossMainThreadMs?: number;
  glossLongestTaskMs?: number;
  paintedMs?: number;
  /** When Gloss's main content script started, ms after loadEventEnd (negative: before the load event ended). */
  startedMs?: number;
  hoverToCardMs?: number;
  highlights?: number;
  longestStep?: string;
}

async function visit(context: BrowserContext, url: string, extensionPage?: Page): Promise<Measure> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  const { loadMs, loadEnd } = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { loadMs: nav.loadEventEnd - nav.startTime, loadEnd: nav.loadEventEnd };
  });
  const m: Measure = { loadMs, longestPageTaskMs: 0 };
  if (extensionPage) {
    const tabId = await tabIdOf(extensionPage, url);
    const stats = async () => sendFromExtension<{ mainThreadMs: number; longestTaskMs: number; firstPaintedAt?: number; startedAt?: number; longestByStep: Record<string, number> }>(extensionPage, { gloss: 'page/stats', data: {} }, tabId);
    const deadline = Date.now() + 15_000;
    let s = await stats().catch(() => undefined);
    while ((!s || s.firstPaintedAt === undefined) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      s = await stats().catch(() => undefined);
    }
    m.highlights = await page.evaluate(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) + (CSS.highlights.get('gloss-claim')?.size ?? 0));
    const point = await page.evaluate(() => {
      const first = [...(CSS.highlights.get('gloss-entity') ?? [])][0] as Range | undefined;
      if (!first) return null;
      (first.startContainer.parentElement as Element).scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = first.getClientRects()[0];
      return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
    });
    if (point) {
      await page.mouse.move(1, 1);
      const t0 = Date.now();
      await page.mouse.move(point.x, point.y);
      // Gloss's root is closed: the card is seen through CDP (polled every 20 ms).
      await waitForCard(page, 5000)
        .then(() => (m.hoverToCardMs = Date.now() - t0))
        .catch(() => undefined);
    }
    s = await stats().catch(() => s);
    if (s) {
      m.glossMainThreadMs = s.mainThreadMs;
      m.glossLongestTaskMs = s.longestTaskMs;
      m.paintedMs = s.firstPaintedAt === undefined ? undefined : s.firstPaintedAt - loadEnd;
      m.startedMs = s.startedAt === undefined ? undefined : s.startedAt - loadEnd;
      m.longestStep = Object.entries(s.longestByStep).sort((a, b) => b[1] - a[1])[0]?.[0];
    }
  }
  m.longestPageTaskMs = Math.max(0, ...(await page.evaluate(() => (window as unknown as { __longtasks: number[] }).__longtasks)));
  await page.close();
  return m;
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const quantile = (xs: number[], q: number) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.round((s.length - 1) * q)]! : NaN;
};
const fmt = (x: number | undefined, digits = 0) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));

async function main() {
  if (!values['no-build']) execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: { ...process.env, GLOSS_OUT_DIR: outDir } });
  const list = pages();
  console.log(`${list.length} pages from ${corpus}; building a ${entityCount}-entity pack…`);
  const pack = await bigPack(entityCount, 'bench-100k');
  const packText = JSON.stringify(pack);

  const server = await startServer({ root: corpus });
  const port = new URL(server.origin).port;
  const gloss = await launchChromium({
    extensionDir: `${outDir}/chrome-mv3`,
    args: [`--host-resolver-rules=MAP ${WITH_HOST} 127.0.0.1, MAP ${WITHOUT_HOST} 127.0.0.1`],
  });
  await localOnly(gloss.context);
  const withUrl = (path: string) => `http://${WITH_HOST}:${port}/${path}`;
  const withoutUrl = (path: string) => `http://${WITHOUT_HOST}:${port}/${path}`;

  const popup = await gloss.context.newPage();
  await popup.goto(`${gloss.extensionOrigin}/popup.html`);
  // "Without": the reader's own per-site pause, under which the background puts nothing of Gloss into the page.
  await sendFromExtension(popup, { gloss: 'site/set', data: { host: WITHOUT_HOST, paused: true } });
  const t0 = Date.now();
  await sendFromExtension(popup, { gloss: 'sources/add-file', data: { text: packText, filename: 'bench-100k.json' } });
  const importMs = Date.now() - t0;
  console.log(`imported ${pack.entities.length} entities (${(packText.length / 1e6).toFixed(1)} MB) in ${importMs} ms`);
  // First page builds the matchers; measure from the second visit on.
  await visit(gloss.context, withUrl(list[0]!), popup);
  // The "without" pages really are without Gloss: no highlights, no host element, no content script to answer.
  {
    const page = await gloss.context.newPage();
    await page.goto(withoutUrl(list.at(-1)!), { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 1500));
    const present = await page.evaluate(() => CSS.highlights.size > 0 || !!document.querySelector('gloss-ui'));
    const answered = await sendFromExtension(popup, { gloss: 'page/stats', data: {} }, await tabIdOf(popup, page.url())).then(() => true, () => false);
    await page.close();
    if (present || answered) throw new Error(`Gloss ran on ${WITHOUT_HOST}; the comparison would be wrong`);
  }

  const rows: string[] = [];
  let worstGlossTask = 0;
  const overheads: number[] = [];
  const pairChanges: number[] = [];
  let totalWith = 0;
  let totalWithout = 0;
  let earliestStart = Infinity;
  for (const path of list) {
    const without: Measure[] = [];
    const withGloss: Measure[] = [];
    // Warm the cache of both host names on this page first.
    await visit(gloss.context, withoutUrl(path));
    await visit(gloss.context, withUrl(path), popup);
    // Pairs in alternating order (without first, then with first), so neither
    // is always the one loading just after the other.
    for (let i = 0; i < reps; i++) {
      if (i % 2 === 0) {
        without.push(await visit(gloss.context, withoutUrl(path)));
        withGloss.push(await visit(gloss.context, withUrl(path), popup));
      } else {
        withGloss.push(await visit(gloss.context, withUrl(path), popup));
        without.push(await visit(gloss.context, withoutUrl(path)));
      }
    }
    const loadWithout = median(without.map((m) => m.loadMs));
    const loadWith = median(withGloss.map((m) => m.loadMs));
    const glossLongest = Math.max(...withGloss.map((m) => m.glossLongestTaskMs ?? 0));
    const longestStep = withGloss.reduce((a, b) => ((b.glossLongestTaskMs ?? 0) > (a.glossLongestTaskMs ?? 0) ? b : a)).longestStep ?? '–';
    worstGlossTask = Math.max(worstGlossTask, glossLongest);
    const changes = withGloss.map((m, i) => (m.loadMs - without[i]!.loadMs) / without[i]!.loadMs);
    overheads.push(median(changes));
    pairChanges.push(...changes);
    totalWith += loadWith;
    totalWithout += loadWithout;
    earliestStart = Math.min(earliestStart, ...withGloss.map((m) => m.startedMs ?? Infinity));
    rows.push(
      `| ${path.replace(/\/source\.html$/, '')} | ${fmt(median(withGloss.map((m) => m.highlights ?? 0)))} | ${fmt(median(withGloss.map((m) => m.glossMainThreadMs ?? NaN)), 1)} | ${fmt(glossLongest, 1)} (${longestStep}) | ${fmt(Math.max(...withGloss.map((m) => m.longestPageTaskMs)))} / ${fmt(Math.max(...without.map((m) => m.longestPageTaskMs)))} | ${fmt(median(withGloss.map((m) => m.startedMs ?? NaN)))} | ${fmt(median(withGloss.map((m) => m.paintedMs ?? NaN)))} | ${fmt(median(withGloss.map((m) => m.hoverToCardMs ?? NaN)))} | ${fmt(loadWithout)} | ${fmt(loadWith)} |`,
    );
    console.log(rows.at(-1));
  }
  await gloss.close();
  await server.close();

  const meanOverhead = overheads.reduce((a, b) => a + b, 0) / overheads.length;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  const kb = (file: string) => (statSync(`${outDir}/chrome-mv3/${file}`).size / 1000).toFixed(0);
  const mainKb = kb('gloss-page.js');
  const loadAverage = loadavg().map((x) => x.toFixed(1)).join(', ');
  const body = [
    `Command: \`npx tsx bench/browser.ts --corpus ${relative(process.cwd(), corpus)} --entities ${entityCount} --reps ${reps}\` (headless Chromium ${execFileSync(findChromium(), ['--version']).toString().trim().replace(/^Chromium /, '')}, 2 cores). Run ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Pack: ${pack.entities.length} entities (${(packText.length / 1e6).toFixed(1)} MB), imported through the extension in ${importMs} ms. Each page is served under two host names, both 127.0.0.1: \`${WITH_HOST}\` with Gloss and \`${WITHOUT_HOST}\`, where Gloss is paused with the popup's per-site switch, so the background injects nothing there (checked: no highlights, no host element, no content script answers there). So with and without run in the same Chromium, profile and background, and whatever Gloss's background is still doing weighs on both. Each page loaded once under each name to warm caches, then ${reps} times with Gloss and ${reps} times without, in pairs whose order alternates (without first, then with first); medians (load change: median of the paired differences), and maxima for task lengths. Requests to other hosts are aborted.`,
    '',
    '| page | highlights | Gloss main-thread ms | Gloss longest task ms (step) | longest page task ms (with / without) | Gloss started, ms after load | highlights painted, ms after load | hover → card ms (incl. 250 ms dwell) | load ms without | load ms with |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    ...rows,
    '',
    `Longest task Gloss caused on any page: **${worstGlossTask.toFixed(1)} ms** (target: none over 50 ms). Load-time change with Gloss: mean over pages of the median paired change **${pct(meanOverhead)}** (target: under 5%); median of all ${pairChanges.length} paired changes ${pct(median(pairChanges))}; total of the per-page median load times ${pct((totalWith - totalWithout) / totalWithout)}. Target ${meanOverhead < 0.05 ? 'met' : '**not met**'} in this run. Spread of the paired changes (quartiles): ${pct(quantile(pairChanges, 0.25))} to ${pct(quantile(pairChanges, 0.75))}. Machine load average at the end of the run (1, 5, 15 min): ${loadAverage}.`,
    '',
    `How Gloss stays out of page load: the manifest has no content script at all. The background (\`background/injection.ts\`) puts the highlight stylesheet and the content script (${mainKb} kB with the card UI) into a page with \`browser.scripting\` when the tab reports its load complete (or 3 s after navigation starts, for pages still loading ads). On every page measured here the content script started ${fmt(earliestStart)} ms or more after loadEventEnd ("Gloss started" column), so page load includes nothing of Gloss.`,
  ].join('\n');
  writeSection('browser', 'Gloss in the browser (issue 4)', body);
  console.log(`\nlongest Gloss task ${worstGlossTask.toFixed(1)} ms; mean load overhead ${pct(meanOverhead)}; all pairs ${pct(median(pairChanges))}; totals ${pct((totalWith - totalWithout) / totalWithout)}; load average ${loadAverage}`);
}

await main();
