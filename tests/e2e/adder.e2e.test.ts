/**
 * The adder and cards that keep work, end to end with the reader's own (trusted)
 * mouse and keyboard: select a sentence, press "Note" on the Gloss button beside
 * it, type, save: the passage is marked and the note listed, in three actions.
 * The button never appears in the page's own fields. A note card being edited
 * stays open when the pointer leaves, and its draft survives closing the card;
 * Delete offers Undo in place, and Undo brings the note back. Alt+Shift+M opens
 * the same composer (no separate window), and a saved note lets its selection go.
 *
 * Gloss's UI is read from outside the page (its root is closed) through the
 * browser's automation protocol (gloss-ui.ts): CDP in Chromium, WebDriver BiDi
 * in Firefox (adder-firefox); the popup's notes list shows what was saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import { openChromium, openFirefox, type Page, type Session, tabIdOf } from './driver';
import { clickGloss, glossBox, glossCount, waitForGloss, waitForMarks, waitForNoGloss } from './gloss-ui';
import { pageSeesGloss } from './page-probes';

type Server = Awaited<ReturnType<typeof startServer>>;
type Point = { x: number; y: number };

const BROWSER = process.env.GLOSS_E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';
const ARTICLE = '/sample/mamdani-nypd-ice.html';
const FIELDS = '/adder/fields.html';
const SENTENCE = 'However, it also signals a potential for increased friction with federal authorities, who have vowed to intensify immigration enforcement efforts.';
const PHRASE = 'potentially reducing fear within immigrant communities';
const THIRD = 'The coming months will reveal the full implications of this policy';
const BODY = 'Compare with the council vote';
const TAGGED = ['This policy sets a clear distinction from previous administrations', 'His administration\'s approach aims to redefine public safety'] as const;
const OFF_SITE = 'He emphasized the importance of maintaining a separation';

/** In the page: where a reader presses and releases the mouse to select `text` (first match in `selector`). */
function dragPoints({ selector, text }: { selector: string; text: string }): { from: Point; to: Point } | null {
  const root = document.querySelector(selector);
  if (!root) return null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.indexOf(text);
    if (i < 0) continue;
    (n.parentElement as Element).scrollIntoView({ block: 'center', behavior: 'instant' });
    const first = document.createRange();
    first.setStart(n, i);
    first.setEnd(n, i + 1);
    const last = document.createRange();
    last.setStart(n, i + text.length - 1);
    last.setEnd(n, i + text.length);
    const a = first.getClientRects()[0]!;
    const z = last.getClientRects()[0]!;
    return { from: { x: a.left + 1, y: a.top + a.height / 2 }, to: { x: z.right - 1, y: z.top + z.height / 2 } };
  }
  return null;
}

/** In the page: the centre of an element (a field). */
function centreOf(selector: string): Point {
  const r = document.querySelector(selector)!.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

function selectedText(): string {
  return getSelection()?.toString() ?? '';
}

async function select(page: Page, selector: string, text: string): Promise<{ from: Point; to: Point }> {
  const points = await page.evaluate(dragPoints, { selector, text });
  expect(points, `${text} on the page`).not.toBeNull();
  await page.mouseDrag(points!.from, points!.to);
  return points!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The value of a field in Gloss's UI once it passes `test` (or, after 5 s, as it is). */
async function waitForValue(page: Page, selector: string, test: (value: string) => boolean): Promise<string | undefined> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const [value] = await page.gloss.all(selector, (el) => (el as HTMLTextAreaElement).value);
    if ((value !== undefined && test(value)) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

describe(`the adder (${BROWSER})`, () => {
  let session: Session;
  let server: Server;
  let page: Page;
  let tabId: number;

  /** The popup's notes view for the article's tab: what it lists. */
  const listed = async (): Promise<string> => {
    const popup = await session.newPage();
    await popup.goto(`${session.extensionOrigin}/popup.html?view=notes&tab=${tabId}`);
    await popup.waitFor(() => !!document.querySelector('[data-testid="notes-list"]'));
    await sleep(300);
    const text = await popup.evaluate(() => (document.querySelector('[data-testid="notes-list"]') as HTMLElement).innerText);
    await popup.close();
    // Back to the article: a tab left in the background gets no animation frames (Firefox), so no card.
    await page.bringToFront();
    return text;
  };

  /** Windows of the popup type (the old Notes window): the composer must not open one. */
  const popupWindows = async (): Promise<number> => {
    const probe = await session.newPage();
    await probe.goto(`${session.extensionOrigin}/popup.html?view=page`);
    const n = await probe.evaluate(async () => {
      type Windows = { windows: { getAll(q: object): Promise<unknown[]> } };
      const g = globalThis as unknown as { browser?: Windows; chrome: Windows };
      return (await (g.browser ?? g.chrome).windows.getAll({ windowTypes: ['popup'] })).length;
    });
    await probe.close();
    await page.bringToFront();
    return n;
  };

  beforeAll(async () => {
    server = await startServer({ root: 'tests/fixtures' });
    session = await (BROWSER === 'firefox' ? openFirefox() : openChromium());
    page = await session.newPage();
    await page.goto(`${server.origin}${ARTICLE}`);
    await page.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, 30_000);
    tabId = (await tabIdOf(session, `${server.origin}${ARTICLE}`))!;
    expect(tabId).toBeTypeOf('number');
    // The reader is on the article: the welcome tab Gloss opens on install, or the probe
    // page tabIdOf opened and closed, must not leave it in the background (focus, blur).
    await page.bringToFront();
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('select, Note, type and save: the sentence is marked and the note listed, in three actions', async () => {
    // 1: select the sentence with the mouse.
    await select(page, 'article', SENTENCE);
    expect(await page.evaluate(selectedText)).toBe(SENTENCE);
    await waitForGloss(page, '[data-testid="gloss-adder"]', (t) => /Note/.test(t) && /Highlight/.test(t), 5_000);
    // The page sees none of it: a bare host with a closed root.
    expect(await page.evaluate(pageSeesGloss)).toMatchObject({ shadowRoot: null, attributes: [], text: '' });
    // 2: "Note" opens the composer in place, with the quote, the caret in the body.
    await clickGloss(page, '[data-action="adder-note"]');
    expect(await waitForGloss(page, '[data-testid="gloss-composer"]')).toContain('However, it also signals');
    await waitForNoGloss(page, '[data-testid="gloss-adder"]');
    // 3: type and save with Ctrl+Enter.
    await page.type(BODY);
    await page.press('Control+Enter');
    await waitForNoGloss(page, '[data-testid="gloss-composer"]');
    await waitForMarks(page, (texts) => texts.some((t) => t.includes('it also signals a potential for increased friction')));
    const list = await listed();
    expect(list).toContain(SENTENCE);
    expect(list).toContain(BODY);
    // The saved note let its selection go: the shortcut now asks for a selection instead of offering it again.
    await page.press('Alt+Shift+KeyM');
    expect(await waitForGloss(page, '[data-testid="gloss-adder-hint"]')).toMatch(/Select the words/);
    expect(await glossCount(page, '[data-testid="gloss-composer"]')).toBe(0);
  });

  it('"Highlight" marks the selection as a note with no text', async () => {
    await select(page, 'article', PHRASE);
    await waitForGloss(page, '[data-testid="gloss-adder"]');
    await clickGloss(page, '[data-action="adder-highlight"]');
    await waitForMarks(page, (texts) => texts.some((t) => t.includes(PHRASE)));
    expect(await listed()).toContain(PHRASE);
  });

  it('Alt+Shift+M opens the same composer for the selection, not a window; Escape keeps the draft until the selection changes', async () => {
    const before = await popupWindows();
    await select(page, 'article', THIRD);
    await waitForGloss(page, '[data-testid="gloss-adder"]');
    await page.press('Alt+Shift+KeyM');
    expect(await waitForGloss(page, '[data-testid="gloss-composer"]')).toContain(THIRD);
    await page.type('Half a thought');
    await sleep(500);
    await page.press('Escape');
    await waitForNoGloss(page, '[data-testid="gloss-composer"]');
    expect(await popupWindows()).toBe(before);
    // The selection is still there; "Note" again brings the draft back.
    expect(await page.evaluate(selectedText)).toBe(THIRD);
    await waitForGloss(page, '[data-testid="gloss-adder"]');
    await clickGloss(page, '[data-action="adder-note"]');
    await waitForGloss(page, '[data-testid="gloss-composer"]');
    // The draft comes back from the background a moment after the composer opens.
    expect(await waitForValue(page, '[data-testid="gloss-composer"] textarea', (v) => v === 'Half a thought')).toBe('Half a thought');
    await page.press('Escape');
    // A new selection drops the held one and its draft.
    await select(page, 'article', 'initiated a recruitment drive');
    await waitForGloss(page, '[data-testid="gloss-adder"]');
    await select(page, 'article', THIRD);
    await waitForGloss(page, '[data-testid="gloss-adder"]');
    await clickGloss(page, '[data-action="adder-note"]');
    await waitForGloss(page, '[data-testid="gloss-composer"]');
    await sleep(700);
    expect(await page.gloss.all('[data-testid="gloss-composer"] textarea', (el) => (el as HTMLTextAreaElement).value)).toEqual(['']);
    await page.press('Escape');
    await page.mouseClick(5, 5);
  });

  it('a note card being edited stays open when the pointer leaves, and its draft survives closing the card', async () => {
    await page.mouseClick(5, 5);
    await waitForNoGloss(page, '.note-card');
    const at = await page.evaluate(dragPoints, { selector: 'article', text: SENTENCE });
    await page.mouseMove(at!.from.x + 40, at!.from.y);
    await waitForGloss(page, '.note-card', (t) => t.includes(BODY));
    await clickGloss(page, '.note-card [data-action="edit"]');
    await waitForGloss(page, '.note-card textarea');
    await page.press('End');
    await page.press('Control+End');
    await page.type(' and the vote after it');
    // The pointer goes far away: the card stays while it is being edited.
    await page.mouseMove(5, 5);
    await sleep(1_200);
    expect(await glossCount(page, '.note-card')).toBe(1);
    // Escape closes it; the draft is kept.
    await page.press('Escape');
    await waitForNoGloss(page, '.note-card');
    await page.mouseMove(at!.from.x + 40, at!.from.y);
    await waitForGloss(page, '.note-card textarea');
    expect(await waitForGloss(page, '.note-card', (t) => /unsaved draft is back/.test(t))).toMatch(/unsaved draft is back/);
    expect(await waitForValue(page, '.note-card textarea', (v) => v.includes('and the vote after it'))).toBe(`${BODY} and the vote after it`);
    // Saved from the keyboard (the caret is in the body): Ctrl+Enter, as the composer.
    await page.press('Control+Enter');
    await waitForGloss(page, '.note-card', (t) => t.includes('and the vote after it') && !/unsaved/.test(t));
    expect(await listed()).toContain(`${BODY} and the vote after it`);
  });

  it('Delete offers Undo in place, the card keeps its size and stays open; Undo restores the note', async () => {
    const before = await glossBox(page, '.note-card');
    await clickGloss(page, '.note-card [data-action="delete"]');
    await waitForGloss(page, '.note-card [data-action="undo"]');
    const after = await glossBox(page, '.note-card');
    expect(Math.abs(after!.height - before!.height)).toBeLessThanOrEqual(1);
    expect(Math.abs(after!.y - before!.y)).toBeLessThanOrEqual(1);
    await waitForMarks(page, (texts) => !texts.some((t) => t.includes('it also signals')));
    // The pointer leaves; Undo stays on offer for several seconds.
    await page.mouseMove(5, 5);
    await sleep(2_000);
    expect(await glossCount(page, '.note-card [data-action="undo"]')).toBe(1);
    await clickGloss(page, '.note-card [data-action="undo"]');
    await waitForMarks(page, (texts) => texts.some((t) => t.includes('it also signals')));
    expect(await waitForGloss(page, '.note-card')).toContain('and the vote after it');
    expect(await listed()).toContain(SENTENCE);
  });

  it('tags complete from the reader\'s tags as they type (Tab takes the suggestion)', async () => {
    /** Select `text`, press "Note", type the body, then Tab to the tags and type `tags`. */
    const compose = async (text: string, body: string, tags: string) => {
      await select(page, 'article', text);
      await waitForGloss(page, '[data-testid="gloss-adder"]');
      await clickGloss(page, '[data-action="adder-note"]');
      await waitForGloss(page, '[data-testid="gloss-composer"]');
      await page.type(body);
      await page.press('Tab');
      await page.type(tags);
    };
    await page.mouseClick(5, 5);
    await compose(TAGGED[0], 'First of the budget notes', 'council-budget');
    await page.press('Control+Enter');
    await waitForNoGloss(page, '[data-testid="gloss-composer"]');

    await compose(TAGGED[1], 'Second one', 'coun');
    // The tag in use is offered, and Tab takes it.
    expect(await waitForGloss(page, '[data-testid="gloss-composer"]', (t) => t.includes('council-budget'))).toContain('council-budget');
    await page.press('Tab');
    // Completed, with the separator for a next tag.
    const [tags] = await page.gloss.all('[data-testid="gloss-composer"] input[name="tags"]', (el) => (el as HTMLInputElement).value);
    expect(tags).toMatch(/^council-budget(, )?$/);
    await page.press('Control+Enter');
    await waitForNoGloss(page, '[data-testid="gloss-composer"]');
    await waitForMarks(page, (texts) => texts.some((t) => t.includes(TAGGED[1])));
    const list = await listed();
    expect(list).toContain('Second one');
    expect(list.split('council-budget').length - 1).toBeGreaterThanOrEqual(2);
  });

  it('the site switch in the popup turns the button off on this site, and back on', async () => {
    const toggle = async () => {
      const popup = await session.newPage();
      await popup.goto(`${session.extensionOrigin}/popup.html?tab=${tabId}`);
      await popup.waitFor(() => !!document.querySelector('[data-testid="adder-switch"]'));
      await sleep(300);
      const before = await popup.evaluate(() => (document.querySelector('[data-testid="adder-switch"]') as HTMLInputElement).checked);
      await popup.click('[data-testid="adder-switch"]');
      await popup.waitFor((was) => (document.querySelector('[data-testid="adder-switch"]') as HTMLInputElement).checked !== was, before);
      await popup.close();
      await page.bringToFront();
      return !before;
    };
    expect(await toggle()).toBe(false);
    await page.mouseClick(5, 5);
    await select(page, 'article', OFF_SITE);
    await sleep(1_000);
    expect(await glossCount(page, '[data-testid="gloss-adder"]')).toBe(0);
    expect(await toggle()).toBe(true);
    await page.mouseClick(5, 5);
    await select(page, 'article', OFF_SITE);
    await waitForGloss(page, '[data-testid="gloss-adder"]');
    await page.mouseClick(5, 5);
  });

  it('never appears in the page\'s own fields; a selection in the article gets it', async () => {
    await page.goto(`${server.origin}${FIELDS}`);
    await sleep(1_500);
    // Text selected in an input and a textarea with the mouse and the keyboard, and dragged across in a contenteditable box.
    for (const field of ['#field-input', '#field-textarea']) {
      const c = await page.evaluate(centreOf, field);
      await page.mouseClick(c.x, c.y);
      await page.press('Control+KeyA');
      await page.press('Shift+ArrowLeft');
      const box = await page.evaluate((sel) => document.querySelector(sel)!.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; height: number }, field);
      await page.mouseDrag({ x: box.left + 8, y: box.top + 14 }, { x: box.right - 30, y: box.top + 14 });
      await sleep(700);
      expect(await glossCount(page, '[data-testid="gloss-adder"]'), field).toBe(0);
    }
    await page.mouseClick(5, 5);
    await select(page, '#field-editable', 'answer being written');
    await sleep(700);
    expect(await glossCount(page, '[data-testid="gloss-adder"]'), 'contenteditable').toBe(0);

    // Control: the article's paragraph does get the button, beside the selection.
    await page.mouseClick(5, 5);
    const prose = await select(page, '#prose', 'keep the night ferry running');
    await waitForGloss(page, '[data-testid="gloss-adder"]');
    const adder = (await glossBox(page, '[data-testid="gloss-adder"]'))!;
    expect(Math.abs(adder.y + adder.height / 2 - prose.to.y)).toBeLessThan(80);
  });
});
