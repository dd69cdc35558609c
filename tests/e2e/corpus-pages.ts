/**
 * Real saved news pages with Gloss, in Chromium and Firefox: the page's DOM
 * changes by Gloss's one host element only, and its console shows no error
 * that it does not show without Gloss (the same page under another host name,
 * where the reader paused Gloss).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server.mjs';
import type { Session } from './driver';
import { RECORD_MUTATIONS } from './page-probes';

type Server = Awaited<ReturnType<typeof startServer>>;

const PAGES = ['ars-1', 'lwn-1', 'heise'];
/** How long Gloss gets to read, match and paint a page after its host appears. */
const SETTLE_MS = 2500;

interface Mutation {
  type: string;
  target: string;
  inGloss: boolean;
  added: string[];
  removed: string[];
  attribute: string | null;
}

export function corpusPagesScenario(open: () => Promise<Session>): void {
  describe('real news pages', () => {
    let session: Session;
    let server: Server;

    beforeAll(async () => {
      server = await startServer({ root: 'tests/fixtures/corpus' });
      session = await open();
      // The baseline host: the reader paused Gloss there, so the background injects nothing.
      const ext = await session.newPage();
      await ext.goto(`${session.extensionOrigin}/popup.html?view=page`);
      await ext.evaluate(async () => {
        type Storage = { storage: { sync: { set(v: object): Promise<void> } } };
        const g = globalThis as unknown as { browser?: Storage; chrome: Storage };
        await (g.browser ?? g.chrome).storage.sync.set({ pausedSites: ['localhost'] });
      });
      await ext.close();
    }, 60_000);

    afterAll(async () => {
      await session?.close();
      await server?.close();
    });

    /** Loads a page; reports its DOM changes (outside Gloss's host) and console errors after Gloss had time to work. */
    const visit = async (origin: string, site: string, withGloss: boolean) => {
      const page = await session.newPage();
      await page.beforeLoad(RECORD_MUTATIONS);
      await page.goto(`${origin}/${site}/source.html`);
      if (withGloss) await page.waitFor(() => !!document.querySelector('gloss-ui'), undefined, 20_000);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const report = await page.evaluate(() => ({
        mutations: ((window as unknown as { __mutations?: Mutation[] }).__mutations ?? []).filter((m) => !m.inGloss),
        hosts: document.querySelectorAll('gloss-ui').length,
      }));
      const errors = page.consoleErrors.map((e) => e.replaceAll(origin, 'ORIGIN'));
      await page.close();
      const foreign = report.mutations
        .filter((m) => !(m.target === 'body' && m.added.length === 1 && m.added[0] === 'gloss-ui' && m.removed.length === 0))
        .map((m) => JSON.stringify(m));
      return { foreign, hosts: report.hosts, errors };
    };

    for (const site of PAGES) {
      it(`${site}: only Gloss's host is added, and no new console error`, async () => {
        const port = new URL(server.origin).port;
        const without = await visit(`http://localhost:${port}`, site, false);
        const withGloss = await visit(server.origin, site, true);
        expect(without.hosts).toBe(0);
        expect(withGloss.hosts).toBe(1);
        // The page's own scripts may change its DOM; Gloss adds nothing else to it.
        expect(withGloss.foreign.filter((m) => !without.foreign.includes(m))).toEqual([]);
        expect(withGloss.errors.filter((e) => !without.errors.includes(e))).toEqual([]);
      }, 90_000);
    }
  });
}
