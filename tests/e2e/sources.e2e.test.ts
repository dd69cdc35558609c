/**
 * Sources, end to end in Chromium: a reader subscribes to a pack served on 127.0.0.1,
 * watches the import finish, sees its entities highlighted, turns the source off and
 * on, picks up a changed pack with "Refresh now", and sees broken packs rejected with
 * an error in the popup while the earlier version keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pack } from '../../model/types';
import { startServer } from '../../scripts/lib/server.mjs';
import { openChromium, openFirefox, type Page, type Session } from './driver';
import { highlightTexts } from './page-probes';

type Server = Awaited<ReturnType<typeof startServer>>;

/** Chromium by default; `GLOSS_E2E_BROWSER=firefox` runs the same scenario in Firefox ESR. */
const BROWSER = process.env.GLOSS_E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';

const N = 4_000;

function pack(version: number, extra: Pack['entities'] = []): Pack {
  const entities: Pack['entities'] = Array.from({ length: N }, (_, i) => ({
    id: `filler-${i}`,
    type: 'person',
    name: `Fillerperson Number${i} Zq`,
    aliases: [],
    description: 'A generated record.',
    facts: [],
  }));
  entities.push(
    {
      id: 'quillon',
      type: 'person',
      name: 'Quillon Varga-Ashby',
      aliases: [],
      description: 'Chair of the harbour council.',
      facts: [{ text: 'Chairs the harbour council.', sourceUrl: 'https://example.org/council', sourceName: 'Example' }],
    },
    { id: 'bayside', type: 'organization', name: 'Bayside Transit Cooperative', aliases: [], description: 'Runs the ferries.', facts: [] },
    ...extra,
  );
  return {
    format: 'gloss-pack',
    version: 1,
    id: 'harbour-test',
    name: 'Harbour test pack',
    publisher: 'Gloss tests',
    licence: 'CC0-1.0',
    updated: `2026-01-0${version}`,
    entities,
    claims: [],
  };
}

const MARISOL: Pack['entities'][number] = { id: 'marisol', type: 'person', name: 'Marisol Tenbrook', aliases: [], description: 'South shore councillor.', facts: [] };

/** Records every progress value the popup shows. */
const WATCH_PROGRESS = () => {
  const w = window as unknown as { __progress: string[] };
  w.__progress = [];
  setInterval(() => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid="source-progress"]')) {
      const v = `${el.dataset.phase}:${el.dataset.done}/${el.dataset.total}`;
      if (el.querySelector('progress')) (w as unknown as { __bar: boolean }).__bar = true;
      if (w.__progress.at(-1) !== v) w.__progress.push(v);
    }
  }, 10);
};

/**
 * Click an element of the popup page. Chromium gets a real click; in Firefox the popup
 * page sits in a background tab, where WebDriver BiDi input actions are very slow, so
 * the element's own click() is used there.
 */
async function clickIn(page: Page, selector: string): Promise<void> {
  if (BROWSER === 'chromium') return page.click(selector);
  await page.evaluate((sel) => {
    const el = document.querySelector<HTMLElement>(sel);
    if (!el) throw new Error(`no element ${sel}`);
    el.click();
  }, selector);
}

/** In the popup: put an address in the subscribe field the way Preact hears typing. */
function typeUrl(url: string): void {
  const input = document.querySelector<HTMLInputElement>('[data-testid="source-url"]')!;
  input.value = url;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function until(fn: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function sourceText(id: string): string {
  return (document.querySelector(`[data-source-id="${id}"]`) as HTMLElement | null)?.innerText ?? '';
}

describe(`sources (${BROWSER})`, () => {
  let session: Session;
  let server: Server;
  let popup: Page;
  let article: Page;
  let packUrl: string;
  let articleUrl: string;
  let sourceId: string;
  let current: { status?: number; body: string; etag?: string; contentType?: string };
  const requests: { inm?: string; status: number }[] = [];

  beforeAll(async () => {
    server = await startServer({ root: 'tests/fixtures' });
    packUrl = `${server.origin}/packs/harbour.json`;
    articleUrl = `${server.origin}/sources/article.html`;
    current = { body: JSON.stringify(pack(1)), etag: '"v1"' };
    server.route('/packs/harbour.json', (req) => {
      const inm = req.headers['if-none-match'] as string | undefined;
      const status = current.etag && inm === current.etag ? 304 : (current.status ?? 200);
      requests.push({ inm, status });
      const headers: Record<string, string> = { 'content-type': current.contentType ?? 'application/json' };
      if (current.etag) headers.etag = current.etag;
      return { status, headers, body: status === 304 ? '' : current.body };
    });
    session = await (BROWSER === 'firefox' ? openFirefox() : openChromium());
    popup = await session.newPage();
    await popup.goto(`${session.extensionOrigin}/popup.html?view=sources`);
    await popup.waitFor(() => document.querySelectorAll('[data-testid="source"]').length > 0);
    article = await session.newPage();
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('subscribes by URL and shows the import progress to the end', async () => {
    await popup.evaluate(WATCH_PROGRESS);
    await popup.evaluate(typeUrl, packUrl);
    await clickIn(popup, '[data-testid="source-add"]');
    await popup.waitFor(() => [...document.querySelectorAll('[data-testid="source-name"]')].some((e) => e.textContent === 'Harbour test pack'), undefined, 30_000);
    sourceId = await popup.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid="source"]')].find((e) => e.innerText.includes('Harbour test pack'))!.dataset.sourceId!);
    await popup.waitFor((id) => /4,002 entities/.test(((document.querySelector(`[data-source-id="${id}"]`) as HTMLElement | null)?.innerText ?? '')) && !document.querySelector(`[data-source-id="${id}"]`)?.classList.contains('status-syncing'), sourceId, 30_000);
    const seen = await popup.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    const writes = seen.filter((s) => s.startsWith('write:')).map((s) => s.slice(6).split('/').map(Number) as [number, number]);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every(([, total]) => total === N + 2)).toBe(true);
    // The bar reached the total (it stays complete for a moment after the import);
    // in practice the intermediate chunks (e.g. 2,000 of 4,002) are seen too.
    expect(writes.some(([done, total]) => done === total)).toBe(true);
    // It was shown as a bar (checked while it was on screen: it goes a few seconds after the end).
    expect(await popup.evaluate(() => (window as unknown as { __bar?: boolean }).__bar === true)).toBe(true);
    const text = await popup.evaluate(sourceText, sourceId);
    expect(text).toMatch(/by Gloss tests/);
    expect(text).toMatch(/0 claims/);
    expect(text).toMatch(/Last sync (now|\d+ seconds? ago)/);
    expect(text).toMatch(/next in (2[34] h|1 days)/);
  });

  it('highlights the new source\'s entities on a page', async () => {
    await article.goto(articleUrl);
    await article.waitFor(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) >= 2, undefined, 20_000);
    const names = await article.evaluate(highlightTexts, 'gloss-entity');
    expect(names).toContain('Quillon Varga-Ashby');
    expect(names).toContain('Bayside Transit Cooperative');
    expect(names).not.toContain('Marisol Tenbrook');
  });

  it('turning the source off removes its highlights at once and after a reload; on brings them back', async () => {
    await clickIn(popup, `[data-source-id="${sourceId}"] [data-testid="source-enabled"]`);
    await article.waitFor(() => !(CSS.highlights.get('gloss-entity') && [...CSS.highlights.get('gloss-entity')!].some((r) => r.toString() === 'Quillon Varga-Ashby')), undefined, 15_000);
    await article.reload();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await article.evaluate(highlightTexts, 'gloss-entity')).not.toContain('Quillon Varga-Ashby');
    expect(await popup.evaluate(sourceText, sourceId)).toMatch(/· off/);
    await clickIn(popup, `[data-source-id="${sourceId}"] [data-testid="source-enabled"]`);
    await article.waitFor(() => [...(CSS.highlights.get('gloss-entity') ?? [])].some((r) => r.toString() === 'Quillon Varga-Ashby'), undefined, 15_000);
  });

  it('an unchanged source costs one conditional request; a changed one is picked up by "Refresh now"', async () => {
    const before = requests.length;
    await clickIn(popup, `[data-source-id="${sourceId}"] [data-testid="source-refresh"]`);
    await until(() => requests.length > before);
    await popup.waitFor((id) => /Last sync (now|\d+ seconds? ago)/.test(((document.querySelector(`[data-source-id="${id}"]`) as HTMLElement | null)?.innerText ?? '')) && !document.querySelector(`[data-source-id="${id}"]`)?.classList.contains('status-syncing'), sourceId, 15_000);
    expect(requests.length).toBe(before + 1);
    expect(requests.at(-1)).toEqual({ inm: '"v1"', status: 304 });
    expect(await popup.evaluate(sourceText, sourceId)).toMatch(/4,002 entities/);

    current = { body: JSON.stringify(pack(2, [MARISOL])), etag: '"v2"' };
    await clickIn(popup, `[data-source-id="${sourceId}"] [data-testid="source-refresh"]`);
    await popup.waitFor((id) => /4,003 entities/.test(((document.querySelector(`[data-source-id="${id}"]`) as HTMLElement | null)?.innerText ?? '')), sourceId, 30_000);
    expect(requests.at(-1)).toEqual({ inm: '"v1"', status: 200 });
    // Open pages re-match after the change; a reload shows it too.
    await article.waitFor(() => [...(CSS.highlights.get('gloss-entity') ?? [])].some((r) => r.toString() === 'Marisol Tenbrook'), undefined, 15_000);
    await article.reload();
    await article.waitFor(() => [...(CSS.highlights.get('gloss-entity') ?? [])].some((r) => r.toString() === 'Marisol Tenbrook'), undefined, 15_000);
  });

  it('a pack that is not valid JSON is refused with an error in the popup; the previous version keeps working', async () => {
    current = { body: '{"format": "gloss-pack", "version": 1, "entities": [', etag: '"broken"' };
    await clickIn(popup, `[data-source-id="${sourceId}"] [data-testid="source-refresh"]`);
    await popup.waitFor((id) => !!document.querySelector(`[data-source-id="${id}"] [data-testid="source-error"]`), sourceId, 20_000);
    const error = await popup.evaluate((id) => document.querySelector(`[data-source-id="${id}"] [data-testid="source-error"]`)!.textContent, sourceId);
    expect(error).toMatch(/not valid JSON/);
    expect(error).toMatch(/Harbour test pack/);
    expect(error).toMatch(/previous version is still in use/);
    expect(await popup.evaluate(sourceText, sourceId)).toMatch(/4,003 entities/);
    await article.reload();
    await article.waitFor(() => [...(CSS.highlights.get('gloss-entity') ?? [])].filter((r) => /Marisol Tenbrook|Quillon Varga-Ashby/.test(r.toString())).length === 2, undefined, 15_000);
  });

  it('a pack with a javascript: link is refused, naming the record and field; the previous version keeps working', async () => {
    const evil = pack(3, [MARISOL, { id: 'evil', type: 'person', name: 'Evil Linkperson', aliases: [], description: '', facts: [{ text: 'Click me', sourceUrl: 'javascript:alert(1)', sourceName: 'x' }] }]);
    current = { body: JSON.stringify(evil), etag: '"evil"' };
    await clickIn(popup, `[data-source-id="${sourceId}"] [data-testid="source-refresh"]`);
    await popup.waitFor(
      (id) => /evil/.test(document.querySelector(`[data-source-id="${id}"] [data-testid="source-error"]`)?.textContent ?? ''),
      sourceId,
      20_000,
    );
    const error = await popup.evaluate((id) => document.querySelector(`[data-source-id="${id}"] [data-testid="source-error"]`)!.textContent!, sourceId);
    expect(error).toMatch(/entity 'evil' facts\[0\]\.sourceUrl/);
    expect(error).toMatch(/previous version is still in use/);
    await article.reload();
    await article.waitFor(() => [...(CSS.highlights.get('gloss-entity') ?? [])].filter((r) => /Marisol Tenbrook|Quillon Varga-Ashby/.test(r.toString())).length === 2, undefined, 15_000);
    expect(await article.evaluate(highlightTexts, 'gloss-entity')).not.toContain('Evil Linkperson');
  });

  it('imports a local file with progress, and a bad file imports nothing and says why', async () => {
    const setFile = (arg: { text: string; name: string }) => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="source-file"]')!;
      const dt = new DataTransfer();
      dt.items.add(new File([arg.text], arg.name, { type: 'application/json' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const mine = { ...pack(1), id: 'my-file', name: 'My file pack' };
    await popup.evaluate(() => ((window as unknown as { __progress: string[] }).__progress.length = 0));
    await popup.evaluate(setFile, { text: JSON.stringify(mine), name: 'mine.json' });
    await popup.waitFor(() => /Imported My file pack: 4,002 entities/.test(document.querySelector('[data-testid="sources-message"]')?.textContent ?? ''), undefined, 30_000);
    // The list shows the new row a moment after the message.
    await popup.waitFor(() => /4,002 entities · 0 claims · from a file/.test((document.querySelector('[data-source-id="file-my-file"]') as HTMLElement | null)?.innerText ?? ''));
    expect(await popup.evaluate(sourceText, 'file-my-file')).toMatch(/4,002 entities · 0 claims · from a file/);
    const seen = await popup.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(seen.some((s) => s.startsWith('write:'))).toBe(true);

    await popup.evaluate(setFile, { text: '{"format":"gloss-pack","version":1,"id":"bad","name":"Bad","publisher":"p","licence":"l","updated":"2026-01-01","entities":[{"id":"x","type":"alien","name":"X","aliases":[],"description":"","facts":[]}],"claims":[]}', name: 'bad.json' });
    await popup.waitFor(() => document.querySelector('[data-testid="sources-message"]')?.getAttribute('role') === 'alert', undefined, 15_000);
    const error = await popup.evaluate(() => document.querySelector('[data-testid="sources-message"]')!.textContent!);
    expect(error).toMatch(/bad\.json/);
    expect(error).toMatch(/entity 'x'/);
    expect(error).toMatch(/Nothing was imported/);
    expect(await popup.evaluate(() => document.querySelectorAll('[data-source-id="file-bad"]').length)).toBe(0);
    await clickIn(popup, '[data-source-id="file-my-file"] [data-testid="source-remove"]');
    await clickIn(popup, '[data-source-id="file-my-file"] [data-testid="source-remove-confirm"]');
    await popup.waitFor(() => !document.querySelector('[data-source-id="file-my-file"]'));
  });

  it('subscribing to a 404 link or a web page adds nothing and says why next to the field, keeping the address', async () => {
    server.route('/packs/gone.json', () => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' }));
    server.route('/fact-checks/', () => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!doctype html><html><head><title>Our fact checks</title></head><body><h1>Fact checks</h1><p>Read our latest.</p></body></html>',
    }));
    const cases = [
      { url: `${server.origin}/packs/gone.json`, says: 'The server answered 404: nothing is at this address' },
      { url: `${server.origin}/fact-checks/`, says: 'This link is a web page, not a Gloss pack or ClaimReview feed' },
    ];
    for (const { url, says } of cases) {
      const before = await popup.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid="source"]')].map((e) => e.dataset.sourceId).sort());
      await popup.evaluate(typeUrl, url);
      await clickIn(popup, '[data-testid="source-add"]');
      await popup.waitFor(() => !!document.querySelector('[data-testid="source-url-error"]'), undefined, 15_000);
      const shown = await popup.evaluate(() => ({
        error: document.querySelector('[data-testid="source-url-error"]')!.textContent!,
        field: document.querySelector<HTMLInputElement>('[data-testid="source-url"]')!.value,
        describedBy: document.querySelector('[data-testid="source-url"]')!.getAttribute('aria-describedby'),
        subscribed: document.querySelector('[data-testid="sources-message"]')?.textContent ?? '',
      }));
      expect(shown.error).toContain(says);
      expect(shown.error).toContain('Nothing was added');
      // Plain words: no status jargon, no parser talk, and the address is not repeated.
      expect(shown.error).not.toMatch(/ld\+json|HTTP \d|Fetching/);
      expect(shown.error).not.toContain(url);
      expect(shown.field).toBe(url);
      expect(shown.describedBy).toBe('source-url-error');
      expect(shown.subscribed).not.toMatch(/Subscribed/);
      // Nothing was added, now or after the list is read again.
      await new Promise((r) => setTimeout(r, 500));
      await popup.goto(`${session.extensionOrigin}/popup.html?view=sources&again=${encodeURIComponent(url)}`);
      await popup.waitFor(() => document.querySelectorAll('[data-testid="source"]').length > 0);
      const after = await popup.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid="source"]')].map((e) => e.dataset.sourceId).sort());
      expect(after).toEqual(before);
    }
  });

  it('a CSV file source is named after the file, with no "Unknown" publisher, and counts read in the singular', async () => {
    await popup.evaluate(
      (arg: { text: string; name: string }) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="source-file"]')!;
        const dt = new DataTransfer();
        dt.items.add(new File([arg.text], arg.name, { type: 'text/csv' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      { text: 'name,aliases,type,description\nOlumide Harbourne,,person,A made-up ferry captain.\n', name: 'africa.csv' },
    );
    await popup.waitFor(() => /Imported africa:/.test(document.querySelector('[data-testid="sources-message"]')?.textContent ?? ''), undefined, 30_000);
    expect(await popup.evaluate(() => document.querySelector('[data-testid="sources-message"]')!.textContent)).toBe('Imported africa: 1 entity, 0 claims.');
    const row = await popup.evaluate(() => {
      const el = [...document.querySelectorAll<HTMLElement>('[data-testid="source"]')].find((e) => e.querySelector('[data-testid="source-name"]')?.textContent === 'africa');
      return el ? { text: el.innerText, id: el.dataset.sourceId! } : undefined;
    });
    expect(row).toBeDefined();
    expect(row!.text).not.toMatch(/Unknown|africa\.csv/);
    expect(row!.text).toMatch(/1 entity · 0 claims · from a file/);
    await clickIn(popup, `[data-source-id="${row!.id}"] [data-testid="source-remove"]`);
    await clickIn(popup, `[data-source-id="${row!.id}"] [data-testid="source-remove-confirm"]`);
    await popup.waitFor((id) => !document.querySelector(`[data-source-id="${id}"]`), row!.id);
  });

  it('refuses a plain-http address that is not this machine, and removing the source removes its highlights', async () => {
    await popup.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="source-url"]')!;
      input.value = 'http://example.org/pack.json';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await clickIn(popup, '[data-testid="source-add"]');
    await popup.waitFor(() => /https/.test(document.querySelector('[data-testid="source-url-error"]')?.textContent ?? ''));

    await clickIn(popup, `[data-source-id="${sourceId}"] [data-testid="source-remove"]`);
    await clickIn(popup, `[data-source-id="${sourceId}"] [data-testid="source-remove-confirm"]`);
    await popup.waitFor((id) => !document.querySelector(`[data-source-id="${id}"]`), sourceId);
    // The background drops the source's names from its matcher just after the row goes: a
    // reload within a few seconds shows the page without them.
    let marked: string[] = [];
    for (let i = 0; i < 6; i++) {
      await article.reload();
      await new Promise((r) => setTimeout(r, 1500));
      marked = await article.evaluate(highlightTexts, 'gloss-entity');
      if (!marked.includes('Quillon Varga-Ashby')) break;
    }
    expect(marked).not.toContain('Quillon Varga-Ashby');
  });
});
