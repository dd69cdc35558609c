/**
 * One small driver interface over Playwright (Chromium) and Puppeteer (Firefox),
 * so each end-to-end scenario is written once and run in both browsers.
 */
import type { BrowserContext, Page as PwPage } from 'playwright-core';
import type { Browser as PpBrowser, Page as PpPage } from 'puppeteer-core';
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium, launchFirefox } from '../../scripts/lib/browsers.mjs';
import { glossNodes } from '../../scripts/lib/closed-ui.mjs';

/** The background's console in Chromium runs, kept for reading after a failure. */
export const SW_LOG = join(tmpdir(), 'gloss-e2e-background.log');

export interface Page {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Poll `fn` in the page until it returns a truthy value. */
  waitFor<A = undefined>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  /** Run `script` in every new document before the page's own scripts. */
  beforeLoad(script: string): Promise<void>;
  mouseMove(x: number, y: number): Promise<void>;
  /** Makes this the active tab (background tabs' timers are throttled, Gloss's hover delays too). */
  bringToFront(): Promise<void>;
  /** Errors the page's console showed since the page opened (console.error and uncaught errors, any world). */
  consoleErrors: string[];
  /** A real (trusted) click at a point of the viewport. */
  mouseClick(x: number, y: number): Promise<void>;
  /** Types text with real key presses into whatever has focus. */
  type(text: string): Promise<void>;
  press(keys: string): Promise<void>;
  /** A PNG of part of the viewport, base64: Firefox tests see Gloss's UI only this way. */
  shot(clip: { x: number; y: number; width: number; height: number }): Promise<string>;
  /**
   * Gloss's UI as the browser's developer protocol sees it (Chromium's CDP, which
   * reaches into closed shadow roots); undefined where there is none (Firefox).
   * The page itself has no such access.
   */
  gloss?: GlossInspector;
  click(selector: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Run a script's source in the page (axe-core), whatever the page's CSP. */
  evaluateScript(source: string): Promise<void>;
  /** Show the page as with a dark (or light) system theme; false where the driver cannot (Firefox over BiDi: use the launch pref). */
  colorScheme(scheme: 'light' | 'dark'): Promise<boolean>;
  close(): Promise<void>;
}

/** Reads Gloss's closed root from outside the page (the test's privilege, not the page's). */
export interface GlossInspector {
  /** `fn` applied to each element matching `selector` inside Gloss's root, in document order. */
  all<R>(selector: string, fn: (el: Element) => R): Promise<R[]>;
  /** Scrolls the first match into view as a click does (Playwright's click scrolls the same way). */
  reveal(selector: string): Promise<void>;
}

export interface Session {
  name: 'chromium' | 'firefox';
  extensionOrigin: string;
  newPage(): Promise<Page>;
  /** The addresses of the open tabs (the welcome page opening by itself). */
  pageUrls(): Promise<string[]>;
  /** Install the same build again, as an update (Firefox; Chromium cannot update an unpacked extension from a test). */
  reinstall?(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Chromium command-line flags (--lang=de). */
  args?: string[];
  /** Environment for the browser (Chromium on Linux takes its UI language from LANGUAGE). */
  env?: Record<string, string>;
  /** Firefox preferences (intl.locale.requested). */
  prefs?: Record<string, unknown>;
}

/** Where the built extension is; matches wxt.config.ts. */
const OUT = process.env.GLOSS_OUT_DIR ?? '.output';

/** Gloss's closed root through the Chrome DevTools Protocol (DOM.getDocument with pierce). */
export function cdpInspector(p: PwPage): GlossInspector {
  let session: Awaited<ReturnType<ReturnType<PwPage['context']>['newCDPSession']>> | undefined;
  const query = async (selector: string) => {
    session ??= await p.context().newCDPSession(p);
    return { session, nodeIds: await glossNodes(session, selector) };
  };
  return {
    async reveal(selector) {
      const { session, nodeIds } = await query(selector);
      if (nodeIds[0]) await session.send('DOM.scrollIntoViewIfNeeded', { nodeId: nodeIds[0] });
    },
    async all(selector, fn) {
      const { session, nodeIds } = await query(selector);
      const out = [];
      for (const nodeId of nodeIds) {
        const { object } = await session.send('DOM.resolveNode', { nodeId });
        const { result } = await session.send('Runtime.callFunctionOn', {
          objectId: object.objectId!,
          functionDeclaration: `function () { return (${fn.toString()})(this); }`,
          returnByValue: true,
        });
        out.push(result.value);
      }
      return out;
    },
  };
}

/** A Playwright page as the driver's Page (tests that need Playwright's own context, e.g. route interception, wrap their pages with it). */
export function playwrightPage(p: PwPage): Page {
  const consoleErrors: string[] = [];
  p.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  p.on('pageerror', (e) => void consoleErrors.push(`uncaught: ${e.message}`));
  return {
    consoleErrors,
    bringToFront: () => p.bringToFront(),
    mouseClick: (x, y) => p.mouse.click(x, y),
    type: (text) => p.keyboard.type(text),
    shot: async (clip) => (await p.screenshot({ clip })).toString('base64'),
    gloss: cdpInspector(p),
    goto: async (url) => void (await p.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await p.reload({ waitUntil: 'load' })),
    evaluate: (fn, arg) => p.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeout = 15_000) => void (await p.waitForFunction(fn as never, arg, { timeout, polling: 100 })),
    beforeLoad: async (script) => void (await p.addInitScript(script)),
    mouseMove: (x, y) => p.mouse.move(x, y, { steps: 4 }),
    press: (keys) => p.keyboard.press(keys),
    click: (selector) => p.click(selector),
    screenshot: async (path) => void (await p.screenshot({ path })),
    evaluateScript: async (source) => void (await p.evaluate(source)),
    colorScheme: async (scheme) => (await p.emulateMedia({ colorScheme: scheme }), true),
    close: () => p.close(),
  };
}

function puppeteerPage(p: PpPage): Page {
  const consoleErrors: string[] = [];
  p.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  p.on('pageerror', (e) => void consoleErrors.push(`uncaught: ${(e as Error).message}`));
  return {
    consoleErrors,
    bringToFront: () => p.bringToFront(),
    mouseClick: (x, y) => p.mouse.click(x, y),
    type: (text) => p.keyboard.type(text),
    // Puppeteer's clip is in document coordinates; the driver's in the viewport's.
    shot: async (clip) => {
      const [sx, sy] = await p.evaluate(() => [scrollX, scrollY]);
      return (await p.screenshot({ clip: { ...clip, x: clip.x + sx!, y: clip.y + sy! }, encoding: 'base64' })) as string;
    },
    goto: async (url) => {
      if (!url.startsWith('moz-extension:')) return void (await p.goto(url, { waitUntil: 'load' }));
      // Firefox loads its extension pages but reports no navigation events for them to
      // WebDriver BiDi, so start the navigation and watch the document instead.
      void p.goto(url, { timeout: 0 }).catch(() => undefined);
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          await p.waitForFunction((u: string) => location.href === u && document.readyState === 'complete', { timeout: 5_000, polling: 100 }, url);
          return;
        } catch (e) {
          // The document under the wait was replaced as the navigation went through: wait again.
          if (Date.now() > deadline) throw e;
        }
      }
    },
    reload: async () => void (await p.reload({ waitUntil: 'load' })),
    evaluate: (fn, arg) => p.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeout = 15_000) => void (await p.waitForFunction(fn as never, { timeout, polling: 100 }, arg)),
    beforeLoad: async (script) => void (await p.evaluateOnNewDocument(script)),
    mouseMove: (x, y) => p.mouse.move(x, y, { steps: 4 }),
    press: async (keys) => {
      // Playwright's "Alt+Shift+KeyN" syntax, pressed as Puppeteer does it.
      const parts = keys.split('+');
      const key = parts.pop()!;
      for (const m of parts) await p.keyboard.down(m as never);
      await p.keyboard.press(key as never);
      for (const m of parts.reverse()) await p.keyboard.up(m as never);
    },
    // Like Playwright's click, wait for the element first (a view may still be rendering it).
    click: async (selector) => {
      await p.waitForSelector(selector, { timeout: 15_000 });
      // BiDi input actions in Firefox's background tabs (Gloss's pages opened as tabs) are
      // slow and sometimes lost; the element's own click() is what a user's click does there.
      if (p.url().startsWith('moz-extension:')) await p.$eval(selector, (el) => (el as HTMLElement).click());
      else await p.click(selector);
    },
    screenshot: async (path) => void (await p.screenshot({ path: path as `${string}.png` })),
    evaluateScript: async (source) => void (await p.evaluate(source)),
    colorScheme: (scheme) =>
      p.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]).then(
        () => true,
        () => false,
      ),
    close: () => p.close(),
  };
}

export async function openChromium(opts: LaunchOptions = {}): Promise<Session> {
  const b = await launchChromium({ extensionDir: `${OUT}/chrome-mv3`, args: opts.args, env: opts.env });
  const context: BrowserContext = b.context;
  const started = Date.now();
  for (const worker of context.serviceWorkers())
    worker.on('console', (m) => appendFileSync(SW_LOG, `${new Date().toISOString()} +${Date.now() - started}ms ${m.type()}: ${m.text()}\n`));
  return {
    name: 'chromium',
    extensionOrigin: b.extensionOrigin,
    newPage: async () => playwrightPage(await context.newPage()),
    pageUrls: async () => context.pages().map((p) => p.url()),
    close: b.close,
  };
}

export async function openFirefox(opts: LaunchOptions = {}): Promise<Session> {
  const b = await launchFirefox({ extensionDir: `${OUT}/firefox-mv2`, prefs: opts.prefs });
  const browser: PpBrowser = b.browser;
  return {
    name: 'firefox',
    extensionOrigin: b.extensionOrigin,
    newPage: async () => puppeteerPage(await browser.newPage()),
    pageUrls: async () => (await browser.pages()).map((p) => p.url()),
    reinstall: async () => void (await browser.installExtension(resolve(`${OUT}/firefox-mv2`))),
    close: b.close,
  };
}
