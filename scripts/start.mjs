#!/usr/bin/env node
// `npm start`: build Gloss, serve the sample article on 127.0.0.1 and open the
// system Chromium with Gloss loaded on it.
//   npm start -- --headless --screenshot out.png   no display; writes a screenshot with a card open
//   npm start -- --browser /path/to/chromium       use another Chromium (or set CHROMIUM_PATH)
//   npm start -- --no-build                        reuse .output/chrome-mv3
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './lib/browsers.mjs';
import { waitForCard } from './lib/closed-ui.mjs';
import { hoverFirstMention } from './lib/sample.mjs';
import { startServer } from './lib/server.mjs';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    browser: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
  },
});

if (values.browser) process.env.CHROMIUM_PATH = values.browser;
if (values.screenshot) values.headless = true;
if (!values.headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display found (DISPLAY is not set), so no browser window can open.\nRun headless instead: npm start -- --headless --screenshot out.png');
  process.exit(1);
}
const extensionDir = resolve('.output/chrome-mv3');

if (!values['no-build'] || !existsSync(extensionDir)) {
  console.log('Building Gloss (wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
}

const server = await startServer({ root: 'tests/fixtures', port: Number(values.port) });
const url = `${server.origin}/sample/mamdani-nypd-ice.html`;

let browser;
try {
  browser = await launchChromium({ extensionDir, headless: values.headless, viewport: { width: 1280, height: 860 } });
} catch (e) {
  console.error(`\n${e instanceof Error ? e.message : e}\n`);
  await server.close();
  process.exit(1);
}

const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.goto(url);
console.log(`Gloss is loaded on ${url}`);

if (values.screenshot || values.headless) {
  await hoverFirstMention(page);
  await waitForCard(page, 10_000);
  if (values.screenshot) {
    await page.screenshot({ path: values.screenshot });
    console.log(`Screenshot with a card open: ${resolve(values.screenshot)}`);
  }
  await browser.close();
  await server.close();
} else {
  console.log('Hover a highlighted name to see its card. Close the browser window (or press Ctrl+C) to stop.');
  const stop = async () => {
    await browser.close();
    await server.close();
    process.exit(0);
  };
  browser.context.on('close', () => void server.close().then(() => process.exit(0)));
  process.on('SIGINT', stop);
}
