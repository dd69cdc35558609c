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
  /** A real press, move and release: how a reader selects text with the mouse. */
  mouseDrag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void>;
  /** Types text with real key presses into whatever has focus. */
  type(text: string): Promise<void>;
  press(keys: string): Promise<void>;
  /** A PNG of part of the viewport, base64: what the reader sees, for comparing before and after. */
  shot(clip: { x: number; y: number; width: number; height: number }): Promise<string>;
  /**
   * Gloss's UI as the browser's automation protocol sees it (Chromium's CDP and
   * Firefox's WebDriver BiDi both reach into closed shadow roots). The page
   * itself has no such access.
   */
  gloss: GlossInspector;
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

/** The id of the tab showing `url`, asked from one of Gloss's own pages (the test's privilege). */
export async function tabIdOf(session: Session, url: string): Promise<number | undefined> {
  const probe = await session.newPage();
  await probe.goto(`${session.extensionOrigin}/popup.html`);
  const id = await probe.evaluate(async (u) => {
    type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
    const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
    return (await (g.browser ?? g.chrome).tabs.query({})).find((t) => t.url === u)?.id;
  }, url);
  await probe.close();
  return id;
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
      // The UI may change between finding nodes and reading them: read again.
      for (let attempt = 0; ; attempt++) {
        try {
          const { session, nodeIds } = await query(selector);
          const out: ReturnType<typeof fn>[] = [];
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
        } catch (e) {
          if (attempt >= 3 || !/No node with given id|Could not find node|Cannot find context/.test(String(e))) throw e;
        }
      }
    },
  };
}

/** The mouse and keyboard calls Playwright and Puppeteer share: trusted input, as a reader's. */
interface Input {
  mouse: {
    click(x: number, y: number): Promise<unknown>;
    move(x: number, y: number, o: { steps: number }): Promise<unknown>;
    down(): Promise<unknown>;
    up(): Promise<unknown>;
  };
  keyboard: { type(text: string): Promise<unknown> };
}

function realInput(p: Input): Pick<Page, 'mouseClick' | 'mouseDrag' | 'mouseMove' | 'type'> {
  return {
    mouseClick: async (x, y) => void (await p.mouse.click(x, y)),
    mouseMove: async (x, y) => void (await p.mouse.move(x, y, { steps: 4 })),
    mouseDrag: async (from, to) => {
      await p.mouse.move(from.x, from.y, { steps: 1 });
      await p.mouse.down();
      await p.mouse.move(to.x, to.y, { steps: 8 });
      await p.mouse.up();
    },
    type: async (text) => void (await p.keyboard.type(text)),
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
    ...realInput(p),
    shot: async (clip) => (await p.screenshot({ clip })).toString('base64'),
    gloss: cdpInspector(p),
    goto: async (url) => void (await p.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await p.reload({ waitUntil: 'load' })),
    evaluate: (fn, arg) => p.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeout = 15_000) => void (await p.waitForFunction(fn as never, arg, { timeout, polling: 100 })),
    beforeLoad: async (script) => void (await p.addInitScript(script)),
    press: (keys) => p.keyboard.press(keys),
    click: (selector) => p.click(selector),
    screenshot: async (path) => void (await p.screenshot({ path })),
    evaluateScript: async (source) => void (await p.evaluate(source)),
    colorScheme: async (scheme) => (await p.emulateMedia({ colorScheme: scheme }), true),
    close: () => p.close(),
  };
}

/**
 * Gloss's closed root through WebDriver BiDi (Firefox): a node serialized with
 * `includeShadowTree: 'all'` carries its closed shadow root as a shared reference,
 * which a function then queries. It runs in a sandbox realm of the test's own,
 * so nothing the page defines (a patched querySelectorAll) is in the way.
 */
export function bidiInspector(p: PpPage): GlossInspector {
  type BidiResult = { type: 'success' | 'exception'; result?: { value?: unknown }; exceptionDetails?: { text: string } };
  const browser = p.browser() as unknown as { connection: { send(method: string, params: object): Promise<{ result: BidiResult }> } };
  const target = () => ({ context: (p.mainFrame() as unknown as { _id: string })._id, sandbox: 'gloss-e2e-inspector' });
  const call = async (functionDeclaration: string, args: object[], extra: object = {}) => {
    const { result } = await browser.connection.send('script.callFunction', { functionDeclaration, arguments: args, awaitPromise: false, target: target(), ...extra });
    if (result.type !== 'success') throw new Error(`Reading Gloss's UI failed: ${result.exceptionDetails?.text}`);
    return result.result;
  };
  /** The shadow root's shared id, looked up afresh: a navigation replaces the host. */
  const root = async (): Promise<string | undefined> => {
    const host = (await call('() => document.querySelector("gloss-ui")', [], {
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
      resultOwnership: 'none',
    })) as { value?: { shadowRoot?: { sharedId?: string } } } | undefined;
    return host?.value?.shadowRoot?.sharedId;
  };
  const inRoot = async (source: string, selector: string): Promise<unknown> => {
    const sharedId = await root();
    if (!sharedId) return null;
    const { value } = (await call(source, [{ sharedId }, { type: 'string', value: selector }])) as { value: string };
    return JSON.parse(value);
  };
  return {
    async reveal(selector) {
      await inRoot(`(root, selector) => { root.querySelector(selector)?.scrollIntoView({ block: 'nearest', inline: 'nearest' }); return 'null'; }`, selector);
    },
    async all(selector, fn) {
      const out = await inRoot(`(root, selector) => JSON.stringify([...root.querySelectorAll(selector)].map(${fn.toString()}))`, selector);
      return (out ?? []) as ReturnType<typeof fn>[];
    },
  };
}

/**
 * Polls `fn` in the page with plain evaluations, every 100 ms until it returns a truthy
 * value; an evaluation a navigation cuts short counts as "not yet".
 */
async function pollPlain<A>(p: PpPage, fn: (arg: A) => unknown, arg: A, deadline: number, what: string): Promise<void> {
  for (;;) {
    let failure: unknown;
    const ok = await p.evaluate(fn as never, arg).then(Boolean, (e: unknown) => ((failure = e), false));
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Waited in vain for ${what}${failure ? `; last error: ${String(failure)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function puppeteerPage(p: PpPage): Page {
  const consoleErrors: string[] = [];
  p.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  p.on('pageerror', (e) => void consoleErrors.push(`uncaught: ${(e as Error).message}`));
  return {
    consoleErrors,
    bringToFront: () => p.bringToFront(),
    ...realInput(p),
    gloss: bidiInspector(p),
    // Puppeteer's clip is in document coordinates; the driver's in the viewport's.
    shot: async (clip) => {
      const [sx, sy] = await p.evaluate(() => [scrollX, scrollY]);
      return (await p.screenshot({ clip: { ...clip, x: clip.x + sx!, y: clip.y + sy! }, encoding: 'base64' })) as string;
    },
    goto: async (url) => {
      if (!url.startsWith('moz-extension:')) return void (await p.goto(url, { waitUntil: 'load' }));
      // Firefox loads its extension pages but reports no navigation events for them to
      // WebDriver BiDi, so start the navigation and watch the document instead. Plain
      // evaluations, not waitForFunction: an evaluation cut short by the navigation left
      // Puppeteer's polling helper pointing at the old document (about 1 goto in 20 then
      // hung until its timeout).
      void p.goto(url, { timeout: 0 }).catch(() => undefined);
      await pollPlain(p, (u: string) => location.href === u && document.readyState === 'complete', url, Date.now() + 15_000, `Firefox to load ${url}`);
    },
    reload: async () => void (await p.reload({ waitUntil: 'load' })),
    evaluate: (fn, arg) => p.evaluate(fn as never, arg) as never,
    // Puppeteer polls in the page. When a navigation cuts that short, Puppeteer's polling
    // helper is left on the old document, so the rest of the wait polls with plain
    // evaluations from here, as goto does.
    waitFor: async (fn, arg, timeout = 15_000) => {
      const deadline = Date.now() + timeout;
      try {
        return void (await p.waitForFunction(fn as never, { timeout, polling: 100 }, arg));
      } catch (e) {
        if (e instanceof Error && e.name === 'TimeoutError') throw e;
      }
      await pollPlain(p, fn, arg as never, deadline, fn.toString().slice(0, 120));
    },
    beforeLoad: async (script) => void (await p.evaluateOnNewDocument(script)),
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
      // Like a real click, it focuses what it clicks (a field then takes typing).
      if (p.url().startsWith('moz-extension:'))
        await p.$eval(selector, (el) => {
          (el as HTMLElement).focus();
          (el as HTMLElement).click();
        });
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
