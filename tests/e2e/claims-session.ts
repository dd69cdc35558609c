/**
 * The setup both claim scenarios share: a reader subscribes to a source by
 * its link in the popup, waits until it is downloaded, and opens an article.
 */
import { startServer } from '../../scripts/lib/server.mjs';
import { openChromium, type Page, type Session } from './driver';

export type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * Serves tests/fixtures, subscribes to `sourcePath`, waits for a source row whose text
 * matches every one of `sourceReady`, and opens `articlePath` once its claims are highlighted.
 */
export async function subscribeAndOpen(sourcePath: string, sourceReady: RegExp[], articlePath: string): Promise<{ server: Server; session: Session; page: Page }> {
  const server = await startServer({ root: 'tests/fixtures' });
  let session: Session | undefined;
  try {
    session = await openChromium();
    return { server, session, page: await subscribe(server, session, sourcePath, sourceReady, articlePath) };
  } catch (e) {
    // Nothing is left running when the setup fails half way.
    await session?.close();
    await server.close();
    throw e;
  }
}

async function subscribe(server: Server, session: Session, sourcePath: string, sourceReady: RegExp[], articlePath: string): Promise<Page> {
  const popup = await session.newPage();
  await popup.goto(`${session.extensionOrigin}/popup.html?view=sources`);
  await popup.waitFor(() => document.querySelectorAll('[data-testid="source"]').length > 0);
  await popup.evaluate((url) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="source-url"]')!;
    input.value = url;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, `${server.origin}/${sourcePath}`);
  await popup.click('[data-testid="source-add"]');
  await popup.waitFor(
    (ready) =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="source"]')].some(
        (e) => ready.every((r) => new RegExp(r).test(e.innerText)) && !e.classList.contains('status-syncing'),
      ),
    sourceReady.map((r) => r.source),
    30_000,
  );
  const page = await session.newPage();
  await page.goto(`${server.origin}/${articlePath}`);
  await page.waitFor(() => (CSS.highlights.get('gloss-claim')?.size ?? 0) > 0, undefined, 30_000);
  return page;
}
