/**
 * Notes end to end: a reader selects a sentence of the sample article, adds a
 * note from the popup, finds it highlighted after a reload (hover shows it),
 * the article is edited (a word changed: the note follows; the sentence deleted:
 * the popup lists it as an orphan), and the notes survive export, delete all and
 * import. Runs in Chromium (Gloss's closed UI is read through CDP).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import { openChromium, type Page, type Session } from './driver';
import { clickGloss, glossText, markedTexts, waitForGloss, waitForMarks, waitForNoGloss } from './gloss-ui';
import { textCentre } from './page-probes';

type Server = Awaited<ReturnType<typeof startServer>>;

const ARTICLE_PATH = '/sample/mamdani-nypd-ice.html';
const ORIGINAL = readFileSync(`tests/fixtures${ARTICLE_PATH}`, 'utf8');
const QUOTE = 'it also signals a potential for increased friction with federal authorities';
const BODY = 'Compare with the **council** vote. See [the minutes](https://example.org/minutes).';
/** A word changed inside the quote, one next to it. */
const EDITED = ORIGINAL.replace('However, it also signals a potential for increased friction', 'Even so, it also signals a potential for heightened friction');
const EDITED_QUOTE = 'it also signals a potential for heightened friction with federal authorities';
/** The quoted sentence deleted. */
const DELETED = ORIGINAL.replace(/However, it also signals[^.]*\.\s*/, '');

/** In the page: select the first occurrence of `text` inside <article>. */
function selectText(text: string): boolean {
  const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.indexOf(text);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + text.length);
    const sel = getSelection()!;
    sel.removeAllRanges();
    sel.addRange(r);
    return true;
  }
  return false;
}

/** In the popup: type into a field the way Preact hears it. */
function fill({ selector, value }: { selector: string; value: string }): boolean {
  const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!el) return false;
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}

/** In the page: what its own scripts can learn of the reader's notes (nothing). */
function notesVisibleToPage(): { highlight: boolean; registry: string[]; shadowRoot: unknown } {
  return { highlight: CSS.highlights.has('gloss-note'), registry: [...CSS.highlights.keys()].filter((k) => !/^gloss-(entity|claim|focus)$/.test(k)), shadowRoot: document.querySelector('gloss-ui')?.shadowRoot ?? null };
}

function listText(): string {
  return (document.querySelector('[data-testid="notes-list"]') as HTMLElement | null)?.innerText ?? '';
}

/**
 * Firefox's WebDriver BiDi sometimes fails an evaluation in a freshly loaded
 * extension page ("Protocol error … got null") while its realm settles; retry those.
 */
function steady(p: Page): Page {
  const retry = async <R>(f: () => Promise<R>): Promise<R> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await f();
      } catch (e) {
        if (attempt >= 4 || !/Protocol error|Execution context was destroyed/.test(String((e as Error).stack ?? e) + String((e as { cause?: unknown }).cause ?? ''))) throw e;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  };
  return { ...p, waitFor: (fn, arg, timeout) => retry(() => p.waitFor(fn, arg, timeout)), evaluate: (fn, arg) => retry(() => p.evaluate(fn, arg)) };
}

export function notesScenario(open: () => Promise<Session>): void {
  describe('notes on the sample article', () => {
    let session: Session;
    let server: Server;
    let page: Page;
    let url: string;
    let tabId: number;
    let serve: (html: string) => void;

    const openPopup = async (): Promise<Page> => {
      const popup = steady(await session.newPage());
      await popup.goto(`${session.extensionOrigin}/popup.html?view=notes&tab=${tabId}`);
      await popup.waitFor(() => !!document.querySelector('[data-testid="notes-list"]'));
      return popup;
    };
    const articleReady = () => page.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);
    /** Brings `text` of the article into view (marks are read where the reader sees them). */
    const show = (text: string) => page.evaluate(textCentre, { selector: 'article', text });

    beforeAll(async () => {
      server = await startServer({ root: 'tests/fixtures' });
      let current = ORIGINAL;
      serve = (html) => (current = html);
      server.route(ARTICLE_PATH, () => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body: current }));
      url = `${server.origin}${ARTICLE_PATH}`;
      session = await open();
      page = await session.newPage();
      await page.goto(url);
      await articleReady();
      const probe = steady(await session.newPage());
      await probe.goto(`${session.extensionOrigin}/popup.html`);
      tabId = (await probe.evaluate(async (articleUrl) => {
        type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
        const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
        return (await (g.browser ?? g.chrome).tabs.query({})).find((t) => t.url === articleUrl)?.id;
      }, url))!;
      await probe.close();
      expect(tabId).toBeTypeOf('number');
    });

    afterAll(async () => {
      await session?.close();
      await server?.close();
    });

    it('adds a note on the selected sentence from the popup, prefilled with the quote', async () => {
      expect(await page.evaluate(selectText, QUOTE)).toBe(true);
      const popup = await openPopup();
      await popup.waitFor((q) => document.querySelector('[data-testid="add-note-quote"]')?.textContent === q, QUOTE);
      // The popup asked the browser to keep Gloss's storage.
      if (session.name === 'chromium') await popup.waitFor(() => navigator.storage.persisted());
      expect(await popup.evaluate(fill, { selector: '[data-testid="add-note"] textarea[name="body"]', value: BODY })).toBe(true);
      await popup.evaluate(fill, { selector: '[data-testid="add-note"] input[name="tags"]', value: 'council, #Follow up' });
      await popup.click('[data-testid="add-note"] button[data-action="save"]');
      await popup.waitFor(() => /Compare with the council vote/.test((document.querySelector('[data-testid="notes-list"]') as HTMLElement | null)?.innerText ?? ''));
      const html = await popup.evaluate(() => document.querySelector('[data-testid="notes-list"] .note-body')?.innerHTML ?? '');
      expect(html).toContain('<strong>council</strong>');
      expect(html).toContain('href="https://example.org/minutes"');
      expect(await popup.evaluate(listText)).toMatch(/#council[\s\S]*#Follow up/);

      // A second note, on the whole page.
      await popup.click('input[name="note-kind"][value="page"]');
      await popup.evaluate(fill, { selector: '[data-testid="add-note"] textarea[name="body"]', value: 'Whole article: check the *press release*.' });
      await popup.click('[data-testid="add-note"] button[data-action="save"]');
      await popup.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] > li').length === 2);
      // The page repaints at once, without a reload; the page's scripts cannot tell which words.
      await show('increased friction');
      await waitForMarks(page, (t) => t.includes(QUOTE));
      expect(await page.evaluate(notesVisibleToPage)).toEqual({ highlight: false, registry: [], shadowRoot: null });
      await popup.close();
    });

    it('after a reload the note is marked on the same words; hovering shows it; the reader edits, deletes and restores it from the card', async () => {
      await page.reload();
      await articleReady();
      const point = await show('increased friction');
      expect(await waitForMarks(page, (t) => t.length > 0)).toEqual([QUOTE]);
      await page.mouseMove(point!.x, point!.y);
      const card = await waitForGloss(page, '.note-card', (t) => /Compare with the council vote/.test(t));
      expect(card).not.toContain('**');
      expect(card).toMatch(/Edit/);
      expect(card).toMatch(/Delete/);
      // Edit from the card, with the real mouse and keyboard.
      await clickGloss(page, '.note-card button[data-action="edit"]');
      await waitForGloss(page, '.note-card textarea', () => true);
      await clickGloss(page, '.note-card textarea');
      await page.press('Control+End');
      await page.type('\n\nEdited on the page.');
      await clickGloss(page, '.note-card button[data-action="save"]');
      await waitForGloss(page, '.note-card', (t) => /Edited on the page\./.test(t));
      // Delete from the card: the mark goes, Undo brings the note back.
      await clickGloss(page, '.note-card button[data-action="delete"]');
      await waitForGloss(page, '.note-card', (t) => /Note deleted/.test(t));
      await waitForMarks(page, (t) => t.length === 0);
      await clickGloss(page, '.note-card button[data-action="undo"]');
      await waitForMarks(page, (t) => t.includes(QUOTE));
      await waitForGloss(page, '.note-card', (t) => /Edited on the page\./.test(t));
      await page.press('Escape');
      await waitForNoGloss(page, '.note-card');
      await page.mouseMove(5, 5);
    });

    it('follows the sentence when a word of it changed', async () => {
      serve(EDITED);
      await page.reload();
      await articleReady();
      const point = await show('heightened friction');
      expect(await waitForMarks(page, (t) => t.length > 0)).toEqual([EDITED_QUOTE]);
      await page.mouseMove(point!.x, point!.y);
      await waitForGloss(page, '.note-card [data-testid="note-moved"]');
      expect(await glossText(page, '.note-card')).toContain(`You noted: “${QUOTE}”`);
      await page.press('Escape');
      await page.mouseMove(5, 5);
      const popup = await openPopup();
      await popup.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] > li').length === 2);
      expect(await popup.evaluate(() => document.querySelectorAll('[data-testid="orphan"]').length)).toBe(0);
      await popup.close();
    });

    it('lists the note as an orphan when its sentence was deleted', async () => {
      serve(DELETED);
      await page.reload();
      await articleReady();
      await new Promise((r) => setTimeout(r, 800));
      expect(await markedTexts(page)).toEqual([]);
      const popup = await openPopup();
      await popup.waitFor(() => !!document.querySelector('[data-testid="orphan"]'));
      const orphan = await popup.evaluate(() => (document.querySelector('[data-testid="orphan"]') as HTMLElement).innerText);
      expect(orphan).toMatch(/changed since your note/);
      expect(orphan).toContain(QUOTE);
      await popup.close();
      serve(ORIGINAL);
    });

    it('exports, deletes all, imports: the notes are back; invalid annotations are reported first', async () => {
      await page.reload();
      await articleReady();
      await show('increased friction');
      await waitForMarks(page, (t) => t.includes(QUOTE));
      const popup = await openPopup();
      await popup.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] > li').length === 2);

      await popup.click('button[data-action="export-markdown"]');
      await popup.waitFor(() => document.querySelector('[data-testid="export-link"]')?.getAttribute('data-format') === 'markdown');
      const markdown = await popup.evaluate(async () => (await fetch((document.querySelector('[data-testid="export-link"]') as HTMLAnchorElement).href)).text());
      expect(markdown).toContain(`> ${QUOTE}`);
      expect(markdown).toContain('Edited on the page.');

      await popup.click('button[data-action="export-jsonld"]');
      await popup.waitFor(() => document.querySelector('[data-testid="export-link"]')?.getAttribute('data-format') === 'jsonld');
      const exported = await popup.evaluate(async () => (await fetch((document.querySelector('[data-testid="export-link"]') as HTMLAnchorElement).href)).text());
      const collection = JSON.parse(exported) as { type: string; total: number; first: { items: { target: unknown; body?: unknown }[] } };
      expect(collection.type).toBe('AnnotationCollection');
      expect(collection.total).toBe(2);
      expect(JSON.stringify(collection.first.items)).toContain('TextQuoteSelector');

      // Delete one, undo.
      await popup.click('[data-testid="notes-list"] > li:first-child button[data-action="delete"]');
      await popup.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] > li').length === 1);
      await popup.click('button[data-action="undo-delete"]');
      await popup.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] > li').length === 2);

      // Delete all.
      await popup.click('button[data-action="delete-all"]');
      await popup.click('button[data-action="confirm-delete-all"]');
      await popup.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] > li').length === 0);
      await waitForMarks(page, (t) => t.length === 0);

      // A file with broken annotations: the errors are listed and nothing is imported until confirmed.
      const choose = (file: { name: string; text: string }) =>
        popup.evaluate(({ name, text }) => {
          const input = document.querySelector('input[name="import"]') as HTMLInputElement;
          const dt = new DataTransfer();
          dt.items.add(new File([text], name, { type: 'application/ld+json' }));
          input.files = dt.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        }, file);
      await choose({ name: 'broken.jsonld', text: readFileSync('tests/fixtures/notes/import-with-errors.jsonld', 'utf8') });
      await popup.waitFor(() => !!document.querySelector('[data-testid="import-errors"]'));
      const preview = await popup.evaluate(() => (document.querySelector('[data-testid="import-preview"]') as HTMLElement).innerText);
      expect(preview).toMatch(/2 notes can be imported\. 2 problems found/);
      expect(preview).toMatch(/Annotation 1/);
      expect(preview).toMatch(/Annotation 3/);
      await popup.click('button[data-action="cancel-import"]');
      expect(await popup.evaluate(() => document.querySelectorAll('[data-testid="notes-list"] > li').length)).toBe(0);

      await choose({ name: 'gloss-notes.jsonld', text: exported });
      await popup.waitFor(() => !!document.querySelector('[data-testid="import-preview"]'));
      expect(await popup.evaluate(() => !!document.querySelector('[data-testid="import-errors"]'))).toBe(false);
      await popup.click('button[data-action="confirm-import"]');
      await popup.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] > li').length === 2);
      expect(await popup.evaluate(listText)).toMatch(/Compare with the council vote/);
      await waitForMarks(page, (t) => t.includes(QUOTE));
      await popup.close();
    });

    it('a note on an entity shows in that entity\'s card', async () => {
      const popup = await openPopup();
      await popup.waitFor(() => !!document.querySelector('input[name="note-kind"][value="entity"]'));
      await popup.click('input[name="note-kind"][value="entity"]');
      const key = await popup.evaluate(() => {
        const select = document.querySelector('select[name="entity"]') as HTMLSelectElement;
        const option = [...select.options].find((o) => o.text === 'Jessica Tisch')!;
        select.value = option.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return option.value;
      });
      expect(key).toBeTruthy();
      await popup.evaluate(fill, { selector: '[data-testid="add-note"] textarea[name="body"]', value: 'Kept on as commissioner: *watch this*.' });
      await popup.click('[data-testid="add-note"] button[data-action="save"]');
      await popup.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] > li').length === 3);
      await popup.close();
      await page.reload();
      await articleReady();
      const point = await page.evaluate(textCentre, { selector: 'article', text: 'Jessica Tisch' });
      await page.mouseMove(point!.x, point!.y);
      await waitForGloss(page, '.card', (t) => /Your notes[\s\S]*Kept on as commissioner/.test(t));
      await page.press('Escape');
      await page.mouseMove(5, 5);
    });

    it('places a note on text that arrives after the page loaded', async () => {
      server.route('/notes/late.html', () => ({
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: `<!doctype html><html><head><title>Live</title></head><body><main><h1>Live updates</h1></main><script>
          setTimeout(() => { const p = document.createElement('p'); p.textContent = 'Update: the council delayed the vote on the harbour plan until spring.'; document.querySelector('main').append(p); }, 1200);
        </script></body></html>`,
      }));
      await page.goto(`${server.origin}/notes/late.html`);
      await page.waitFor(() => document.body.innerText.includes('harbour plan'));
      expect(await page.evaluate(() => {
        const p = document.querySelector('main p')!.firstChild as Text;
        const i = p.data.indexOf('delayed the vote');
        const r = document.createRange();
        r.setStart(p, i);
        r.setEnd(p, i + 'delayed the vote'.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(r);
        return true;
      })).toBe(true);
      const popup = await openPopup();
      await popup.waitFor(() => document.querySelector('[data-testid="add-note-quote"]')?.textContent === 'delayed the vote');
      await popup.evaluate(fill, { selector: '[data-testid="add-note"] textarea[name="body"]', value: 'Third delay this year.' });
      await popup.click('[data-testid="add-note"] button[data-action="save"]');
      await popup.waitFor(() => document.querySelectorAll('[data-testid="notes-list"] > li').length === 1);
      await popup.close();
      await page.reload();
      await waitForMarks(page, (t) => t.includes('delayed the vote'), 20_000);
      await page.goto(url);
      await articleReady();
    });

    it('the in-page shortcut opens the note editor with the selection it captured', async () => {
      expect(await page.evaluate(selectText, 'a sanctuary city')).toBe(true);
      await page.press('Alt+Shift+KeyM');
      const probe = steady(await session.newPage());
      await probe.goto(`${session.extensionOrigin}/popup.html?view=page`);
      await probe.waitFor(async () => {
        type Windows = { windows: { getAll(q: object): Promise<{ type?: string; tabs?: { url?: string }[] }[]> } };
        const g = globalThis as unknown as { browser?: Windows; chrome: Windows };
        return (await (g.browser ?? g.chrome).windows.getAll({ populate: true, windowTypes: ['popup'] })).length > 0;
      });
      await probe.close();
      // The editor reads the captured selection even after the page lost it.
      await page.evaluate(() => getSelection()?.removeAllRanges());
      const popup = steady(await session.newPage());
      await popup.goto(`${session.extensionOrigin}/popup.html?view=notes&tab=${tabId}`);
      await popup.waitFor(() => document.querySelector('[data-testid="add-note-quote"]')?.textContent === 'a sanctuary city');
      await popup.close();
    });
  });
}

if (process.env.GLOSS_E2E_CHROMIUM !== '0') notesScenario(openChromium);
// Not in Firefox: the note card and marks live in Gloss's closed root, which a test can read
// only through Chromium's developer protocol. Firefox's notes (mark painted, hover opens the
// card, real clicks edit it) are checked by screenshots in hostile-page.e2e.test.ts.
