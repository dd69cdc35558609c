#!/usr/bin/env node
// `npm run store-assets`: the store listing, generated from the extension itself.
//   store/listing/<lang>.md   name, summary and description in each language Gloss speaks
//                             (from public/_locales, so the listing says what the UI says)
//   store/screenshots/*.png   1280×800 (the Chrome Web Store and AMO size) in headless
//                             Chromium on the bundled sample article: a card open, the
//                             popup, the welcome page and the options page.
// Builds the Chrome extension first when .output has none.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './lib/browsers.mjs';
import { hoverFirstMention } from './lib/sample.mjs';
import { startServer } from './lib/server.mjs';

const OUT = process.env.GLOSS_OUT_DIR ?? '.output';
const extensionDir = join(OUT, 'chrome-mv3');
const SIZE = { width: 1280, height: 800 };

// ── Listing text ──
mkdirSync('store/listing', { recursive: true });
for (const lang of readdirSync('public/_locales').sort()) {
  const m = JSON.parse(readFileSync(join('public/_locales', lang, 'messages.json'), 'utf8'));
  const msg = (k) => m[k].message;
  const text = [
    `# ${msg('extName')}`,
    '',
    `**${msg('extDescription')}**`,
    '',
    msg('welcomeWhat'),
    '',
    `## ${msg('welcomePrivacyTitle')}`,
    '',
    msg('welcomePrivacy'),
    '',
    `## ${msg('welcomeLegend')}`,
    '',
    `- ${msg('legendEntity')}`,
    `- ${msg('legendClaim')}`,
    `- ${msg('legendNote')}`,
    '',
    `## ${msg('welcomeSources')}`,
    '',
    msg('welcomeSourcesText'),
    '',
  ].join('\n');
  writeFileSync(`store/listing/${lang}.md`, text);
  console.log(`store/listing/${lang}.md`);
}

// ── Screenshots ──
if (!existsSync(join(extensionDir, 'manifest.json'))) {
  const r = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
mkdirSync('store/screenshots', { recursive: true });
const server = await startServer({ root: 'tests/fixtures' });
const url = `${server.origin}/sample/mamdani-nypd-ice.html`;
const browser = await launchChromium({ extensionDir, viewport: SIZE });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const shot = async (page, name) => {
  await page.screenshot({ path: `store/screenshots/${name}.png` });
  console.log(`store/screenshots/${name}.png`);
};
try {
  const page = await browser.context.newPage();
  await page.goto(url);
  // A card open, as a reader opens it.
  await hoverFirstMention(page);
  await sleep(1200);
  await shot(page, '1-card');

  // The popup's list of what was found, shown at its own size beside the article.
  const popup = await browser.context.newPage();
  await popup.goto(`${browser.extensionOrigin}/popup.html`);
  const id = await popup.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`${browser.extensionOrigin}/popup.html?tab=${id}`);
  await popup.waitForFunction(() => !!document.querySelector('[data-testid="found-entities"]'), undefined, { timeout: 10_000 });
  const png = await popup.screenshot();
  await page.bringToFront();
  await page.evaluate((b64) => {
    const img = document.createElement('img');
    img.src = `data:image/png;base64,${b64}`;
    img.style.cssText = 'position:fixed;top:12px;right:12px;width:400px;box-shadow:0 6px 30px rgba(0,0,0,.35);border-radius:8px;z-index:2147483647';
    document.body.append(img);
  }, png.toString('base64'));
  await page.mouse.move(5, 5);
  await sleep(600);
  await shot(page, '2-popup');
  await popup.close();

  for (const [name, path] of [['3-welcome', 'welcome.html'], ['4-options', 'options.html']]) {
    const p = await browser.context.newPage();
    await p.goto(`${browser.extensionOrigin}/${path}`);
    await sleep(500);
    await shot(p, name);
    await p.close();
  }
} finally {
  await browser.close();
  await server.close();
}
