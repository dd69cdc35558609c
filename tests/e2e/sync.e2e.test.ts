/**
 * Notes sync end to end: two browser profiles (two "devices") running the
 * built extension against a CouchDB-protocol server (express-pouchdb, started
 * here on 127.0.0.1). The reader works only through Gloss's popup, with real
 * clicks and key presses: sets up server sync, adds and edits notes, and sees
 * them arrive on the other device. Chromium here; Firefox ESR in sync-firefox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import { startTestCouch, type TestCouch } from '../../scripts/couch-test-server';
import { openChromium, openFirefox, type Page, type Session, tabIdOf } from './driver';

type Server = Awaited<ReturnType<typeof startServer>>;
const ARTICLE_PATH = '/sample/mamdani-nypd-ice.html';
const DB = 'gloss-e2e';
const PASSPHRASE = 'correct horse battery staple';
const BROWSER = process.env.GLOSS_E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';

interface Device {
  session: Session;
  tabId: number;
}

describe(`notes sync between two ${BROWSER} profiles through a CouchDB-protocol server`, () => {
  let couch: TestCouch;
  let web: Server;
  let a: Device;
  let b: Device;

  const openDevice = async (): Promise<Device> => {
    const session = await (BROWSER === 'firefox' ? openFirefox() : openChromium());
    const page = await session.newPage();
    const url = `${web.origin}${ARTICLE_PATH}`;
    await page.goto(url);
    const tabId = await tabIdOf(session, url);
    expect(tabId).toBeTypeOf('number');
    return { session, tabId: tabId! };
  };

  const notes = async (d: Device): Promise<Page> => {
    const p = await d.session.newPage();
    await p.goto(`${d.session.extensionOrigin}/popup.html?view=notes&tab=${d.tabId}`);
    await p.waitFor(() => !!document.querySelector('[data-testid="notes-list"]'));
    // Key presses go to the tab in front (Firefox drops them in background tabs).
    await p.bringToFront();
    return p;
  };

  const syncView = async (d: Device): Promise<Page> => {
    const p = await d.session.newPage();
    await p.goto(`${d.session.extensionOrigin}/popup.html?view=sync`);
    await p.waitFor(() => !!document.querySelector('[data-testid="sync-server"]'));
    await p.bringToFront();
    return p;
  };

  /** Clear a field and type into it with real key presses. */
  const typeInto = async (p: Page, selector: string, text: string) => {
    await p.click(selector);
    await p.press('Control+A');
    await p.press('Backspace');
    await p.type(text);
  };

  const configure = async (d: Device, passphrase: string): Promise<Page> => {
    const p = await syncView(d);
    if (await p.evaluate(() => !document.querySelector('[data-testid="sync-server-form"]'))) await p.click('[data-action="sync-change"]');
    await typeInto(p, 'input[name="url"]', couch.url);
    await typeInto(p, 'input[name="db"]', DB);
    await typeInto(p, 'input[name="user"]', 'reader');
    await typeInto(p, 'input[name="password"]', 'reader-password');
    await typeInto(p, 'input[name="passphrase"]', passphrase);
    await p.click('[data-action="sync-save"]');
    await p.waitFor(() => !document.querySelector('[data-testid="sync-server-form"]') || !!document.querySelector('.sync-form [role="alert"]'), undefined, 30_000);
    return p;
  };

  const syncNow = async (d: Device) => {
    const p = await syncView(d);
    await p.waitFor(() => !!document.querySelector('[data-action="sync-now-server"]:not([disabled])'), undefined, 30_000);
    const before = await p.evaluate(() => document.querySelector('[data-testid="sync-server-last"]')?.getAttribute('data-last-sync') ?? '');
    await p.click('[data-action="sync-now-server"]');
    await p.waitFor((prev) => !!document.querySelector('[data-action="sync-now-server"]:not([disabled])') && (document.querySelector('[data-testid="sync-server-last"]')?.getAttribute('data-last-sync') ?? '') !== prev, before, 30_000);
    const error = await p.evaluate(() => document.querySelector('[data-testid="sync-server-error"]')?.textContent ?? '');
    await p.close();
    expect(error).toBe('');
  };

  const addNote = async (d: Device, body: string) => {
    const p = await notes(d);
    await typeInto(p, '[data-testid="add-note"] textarea', body);
    await p.click('[data-testid="add-note"] [data-action="save"]');
    await p.waitFor((text) => ((document.querySelector('[data-testid="notes-list"]') as HTMLElement | null)?.innerText ?? '').includes(text), body);
    await p.close();
  };

  /** Edit the first note in the list: body and/or tags. */
  const editNote = async (d: Device, change: { body?: string; tags?: string }) => {
    const p = await notes(d);
    await p.click('[data-testid="notes-list"] [data-action="edit"]');
    if (change.body !== undefined) await typeInto(p, '[data-testid="notes-list"] textarea', change.body);
    if (change.tags !== undefined) await typeInto(p, '[data-testid="notes-list"] input[name="tags"]', change.tags);
    await p.click('[data-testid="notes-list"] [data-action="save"]');
    await p.waitFor(() => !document.querySelector('[data-testid="notes-list"] textarea'));
    await p.close();
  };

  /** Each device edits without having seen the other's edit; then A, B and A sync. */
  const concurrently = async (onA: { body?: string; tags?: string }, onB: { body?: string; tags?: string }) => {
    await editNote(a, onA);
    await editNote(b, onB);
    for (const d of [a, b, a]) await syncNow(d);
  };

  const listOf = async (d: Device): Promise<{ text: string; copies: string[] }> => {
    const p = await notes(d);
    await p.waitFor(() => !!document.querySelector('[data-testid="notes-list"] li'));
    const out = await p.evaluate(() => ({ text: ((document.querySelector('[data-testid="notes-list"]') as HTMLElement | null)?.innerText ?? ''), copies: [...document.querySelectorAll('[data-testid="conflict-copy"] blockquote')].map((e) => e.textContent ?? '') }));
    await p.close();
    return out;
  };

  beforeAll(async () => {
    couch = await startTestCouch();
    expect((await fetch(`${couch.url}/${DB}`, { method: 'PUT' })).status).toBe(201);
    web = await startServer({ root: 'tests/fixtures' });
    a = await openDevice();
    b = await openDevice();
  }, 60_000);

  afterAll(async () => {
    await a?.session.close();
    await b?.session.close();
    await web?.close();
    await couch?.close();
  });

  it('a note added on one device appears on the other, and the server holds none of its words', async () => {
    await addNote(a, 'Budget hearing moved to Thursday');
    await (await configure(a, PASSPHRASE)).close();
    await (await configure(b, PASSPHRASE)).close();
    expect((await listOf(b)).text).toContain('Budget hearing moved to Thursday');
    const raw = await (await fetch(`${couch.url}/${DB}/_all_docs?include_docs=true`)).text();
    expect(raw).toContain('note-');
    for (const word of ['Budget', 'hearing', 'Thursday', 'mamdani', 'sample']) expect(raw).not.toContain(word);
  }, 120_000);

  it('concurrent edits of different fields both survive', async () => {
    await concurrently({ body: 'Budget hearing moved to Friday' }, { tags: 'council' });
    for (const d of [a, b]) {
      const { text, copies } = await listOf(d);
      expect(text).toContain('Budget hearing moved to Friday');
      expect(text).toContain('council');
      expect(copies).toEqual([]);
    }
  }, 120_000);

  it('concurrent body edits leave a conflict copy on both devices', async () => {
    await concurrently({ body: 'Hearing cancelled' }, { body: 'Hearing postponed' });
    const [la, lb] = [await listOf(a), await listOf(b)];
    for (const l of [la, lb]) {
      // One text shows as the note, the other beside it as the copy.
      expect(l.copies).toHaveLength(1);
      expect(['Hearing cancelled', 'Hearing postponed']).toContain(l.copies[0]);
      expect(l.text).toContain('Hearing cancelled');
      expect(l.text).toContain('Hearing postponed');
      expect(l.text).toContain('Edited on two devices');
    }
    expect(la.copies).toEqual(lb.copies);
  }, 120_000);

  it('a wrong passphrase is refused and nothing is written', async () => {
    const seq = async () => (await (await fetch(`${couch.url}/${DB}`)).json()).update_seq;
    const before = await seq();
    await addNote(b, 'Written while the passphrase is wrong');
    const p = await configure(b, 'not the passphrase');
    await p.waitFor(() => /passphrase does not open the notes on this server/.test(document.body.innerText), undefined, 30_000);
    await p.close();
    expect(await seq()).toEqual(before);
  }, 120_000);
});
