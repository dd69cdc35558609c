// Launch the system browsers with the built extension loaded. Never downloads a browser.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** The Chromium to use: $CHROMIUM_PATH, else the system one. */
export function findChromium() {
  return findBrowser('CHROMIUM_PATH', CHROMIUM_CANDIDATES, 'Chromium', 'apt-get install chromium');
}
export function findFirefox() {
  return findBrowser('FIREFOX_PATH', FIREFOX_CANDIDATES, 'Firefox', 'apt-get install firefox-esr');
}

function findBrowser(envName, candidates, label, install) {
  const named = process.env[envName];
  if (named) {
    if (!existsSync(named)) throw new Error(`${envName}=${named}, but there is no file there. Point ${envName} at a ${label} executable.`);
    return named;
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`No ${label} found (looked in ${candidates.join(', ')}). Install one (${install}) or set ${envName}=/path/to/${label.toLowerCase()}.`);
  }
  return found;
}

/**
 * Chromium with Gloss loaded, through Playwright's persistent context.
 * @param {{ extensionDir: string, headless?: boolean, viewport?: { width: number, height: number }, args?: string[], env?: Record<string, string> }} opts
 */
export async function launchChromium({ extensionDir, headless = true, viewport = { width: 1280, height: 900 }, args = [], env }) {
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'gloss-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless,
    viewport,
    ...(env ? { env: { ...process.env, ...env } } : {}),
    args: [...CHROMIUM_FLAGS, ...args, `--disable-extensions-except=${resolve(extensionDir)}`, `--load-extension=${resolve(extensionDir)}`],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    extensionOrigin: `chrome-extension://${extensionId}`,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Fixed internal UUID so tests can open Gloss's pages (moz-extension://UUID/popup.html). */
export const FIREFOX_ADDON_ID = 'gloss@gloss-extension.org';
export const FIREFOX_UUID = '6b1e0c7a-2f0e-4c55-9a55-0d1b7b1f9a11';

/**
 * Firefox with Gloss installed as a temporary add-on, through Puppeteer (WebDriver BiDi).
 * @param {{ extensionDir: string, headless?: boolean, prefs?: Record<string, unknown> }} opts
 */
export async function launchFirefox({ extensionDir, headless = true, prefs = {} }) {
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless,
    // Lets WebDriver BiDi open Gloss's own pages (moz-extension://) as a tab, as
    // the tests do with the popup; without it Firefox refuses that navigation.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_UUID }),
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      ...prefs,
    },
  });
  const extensionId = await browser.installExtension(resolve(extensionDir));
  return {
    browser,
    extensionId,
    extensionOrigin: `moz-extension://${FIREFOX_UUID}`,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
