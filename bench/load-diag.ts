/**
 * Diagnostic for the browser benchmark's load-time figure: where does a change
 * in page load with Gloss come from? Loads every corpus page in two headless
 * Chromiums, X with a variant of the built extension and Y plain, and prints
 * the paired load-time change.
 *
 *   GLOSS_OUT_DIR=/tmp/gloss-out npx wxt build
 *   npx tsx bench/load-diag.ts --build /tmp/gloss-out/chrome-mv3 --variant full --pack --balanced --reps 4
 *
 * Variants (edits of the built manifest): full (as built), nocss (no highlight
 * stylesheet), nojs (no manifest script), stub (manifest scripts replaced by an
 * empty one), none (no content scripts), aa (X has no extension either: the
 * A/A control, which shows the two instances' bias and the noise).
 * --pack imports a 100,000-entity pack into X; --balanced alternates which
 * browser loads first in each pair; --swap launches Y first and measures X
 * first in every pair. Prints only; writes nothing.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/lib/browsers.mjs';
import { startServer } from '../scripts/lib/server.mjs';
import { gazetteer } from './matching-data.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/corpus/articles' },
    variant: { type: 'string', default: 'full' },
    swap: { type: 'boolean', default: false },
    balanced: { type: 'boolean', default: false },
    reps: { type: 'string', default: '3' },
    pack: { type: 'boolean', default: false },
    settle: { type: 'string', default: '600' },
    build: { type: 'string', default: '.output/chrome-mv3' },
  },
});
const corpus = resolve(values.corpus!);
const reps = Number(values.reps);
const settle = Number(values.settle);
const variant = values.variant!;

function pages(): string[] {
  const list: string[] = [];
  const readability = join(corpus, 'readability');
  for (const site of readdirSync(readability).sort()) if (existsSync(join(readability, site, 'source.html'))) list.push(`readability/${site}/source.html`);
  for (const f of readdirSync(join(corpus, 'seed')).sort()) if (f.endsWith('.html')) list.push(`seed/${f}`);
  return list;
}

function variantDir(): string | undefined {
  if (variant === 'aa') return undefined;
  const dir = mkdtempSync(join(tmpdir(), `gloss-diag-${variant}-`));
  cpSync(values.build!, dir, { recursive: true });
  const mf = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const cs = mf.content_scripts as { js?: string[]; css?: string[] }[];
  if (variant === 'nocss') mf.content_scripts = cs.filter((c) => !c.css);
  if (variant === 'nojs') mf.content_scripts = cs.filter((c) => !c.js);
  if (variant === 'none') delete mf.content_scripts;
  if (variant === 'stub') for (const c of cs) if (c.js) writeFileSync(join(dir, c.js[0]!), 'void 0;\n');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(mf));
  return dir;
}

async function launch(ext: string | undefined) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'gloss-diag-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ext ? [...CHROMIUM_FLAGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : CHROMIUM_FLAGS,
  });
  await context.route(/^(?!http:\/\/127\.0\.0\.1)(https?|wss?):/, (route) => route.abort());
  let origin: string | undefined;
  if (ext) {
    let [w] = context.serviceWorkers();
    w ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
    origin = `chrome-extension://${new URL(w.url()).host}`;
  }
  return { context, origin, close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })) };
}

async function visit(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { load: nav.loadEventEnd - nav.startTime, dcl: nav.domContentLoadedEventEnd - nav.startTime, resp: nav.responseEnd - nav.startTime };
  });
  await new Promise((r) => setTimeout(r, settle));
  await page.close();
  return t;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};

async function main() {
  const ext = variantDir();
  const server = await startServer({ root: corpus });
  let x, y;
  if (values.swap) {
    y = await launch(undefined);
    x = await launch(ext);
  } else {
    x = await launch(ext);
    y = await launch(undefined);
  }
  if (values.pack && x.origin) {
    const aliases = await gazetteer(200000);
    const byEntity = new Map<string, string[]>();
    for (const a of aliases) {
      const l = byEntity.get(a.entityId) ?? [];
      if (l.length < 4) l.push(a.alias);
      byEntity.set(a.entityId, l);
    }
    const entities = [...byEntity].slice(0, 100000).map(([id, names], i) => ({ id: `e${i}`, type: 'place', name: names[0], aliases: names.slice(1), description: `B ${id}`, facts: [] }));
    const pack = { format: 'gloss-pack', version: 1, id: 'bench-100k', name: 'b', publisher: 'b', licence: 'CC0-1.0', updated: '2026-11-27', entities, claims: [] };
    const popup = await x.context.newPage();
    await popup.goto(`${x.origin}/popup.html`);
    const r = await popup.evaluate(async (text) => (globalThis as any).chrome.runtime.sendMessage({ gloss: 'sources/add-file', data: { text, filename: 'b.json' } }), JSON.stringify(pack));
    console.log('import', JSON.stringify(r).slice(0, 100));
    await popup.close();
  }
  const list = pages();
  await visit(x.context, `${server.origin}/${list[0]}`);
  const perPage: number[] = [];
  const all: number[] = [];
  let sumX = 0;
  let sumY = 0;
  for (const p of list) {
    const url = `${server.origin}/${p}`;
    await visit(y.context, url);
    await visit(x.context, url);
    const d: number[] = [];
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < reps; i++) {
      let a, b;
      if (values.balanced ? i % 2 === 1 : values.swap) {
        a = await visit(x.context, url);
        b = await visit(y.context, url);
      } else {
        b = await visit(y.context, url);
        a = await visit(x.context, url);
      }
      xs.push(a.load);
      ys.push(b.load);
      d.push((a.load - b.load) / b.load);
      all.push((a.load - b.load) / b.load);
    }
    sumX += median(xs);
    sumY += median(ys);
    perPage.push(median(d));
    console.log(`${p.padEnd(36)} Y ${median(ys).toFixed(0).padStart(5)}  X ${median(xs).toFixed(0).padStart(5)}  change ${(median(d) * 100).toFixed(1)}%`);
  }
  const mean = perPage.reduce((a, b) => a + b, 0) / perPage.length;
  console.log(`RESULT variant=${variant} swap=${values.swap} balanced=${values.balanced} reps=${reps}: mean of per-page median change ${(mean * 100).toFixed(1)}%, median of all pairs ${(median(all) * 100).toFixed(1)}%, sum-of-medians change ${(((sumX - sumY) / sumY) * 100).toFixed(1)}%`);
  await x.close();
  await y.close();
  await server.close();
  if (ext) rmSync(ext, { recursive: true, force: true });
}
await main();
