/**
 * The message boundary: every message kind, sent malformed and from every
 * sender its declaration does not allow, is refused before its handler runs;
 * sent well-formed from an allowed sender, it reaches the handler.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { listen, type RawSender } from '../../../messaging/client';
import { MESSAGES, type MessageType, type SenderKind } from '../../../messaging/protocol';

const PAGE = 'https://news.example/2026/story';
const note = { id: 'n1', pageUrl: PAGE, target: { kind: 'page' }, body: 'b', tags: [], created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z', fieldUpdated: {} };

/** One well-formed payload per message. A new message needs one here (the first test says which). */
const SAMPLES: Partial<Record<MessageType, Record<string, unknown>>> = {
  'page/match': { text: 'Some text', url: PAGE },
  'page/found': { count: 3 },
  'site/get': { host: 'news.example' },
  'site/set': { host: 'news.example', paused: true },
  'site/paused': { paused: true },
  'page/summary': {},
  'page/reveal': { key: 'starter:e1' },
  'page/next': { direction: 1 },
  'page/shortcuts': {},
  'page/key': { href: 'https://news.example/story?utm_source=x', canonical: '/story' },
  'page/stats': {},
  'page/rematch': {},
  'sources/list': {},
  'sources/add-url': { url: 'https://packs.example/p.json', intervalMinutes: 60 },
  'sources/add-file': { text: '{}', filename: 'p.json', contentType: 'application/json' },
  'sources/refresh': { id: 'url:abc' },
  'sources/remove': { id: 'url:abc' },
  'sources/set-enabled': { id: 'url:abc', enabled: false },
  'sources/set-interval': { id: 'url:abc', intervalMinutes: 60 },
  'notes/create': { pageUrl: PAGE, pageTitle: 'Story', target: { kind: 'text', quote: 'q', selectors: [{ type: 'TextQuoteSelector', exact: 'q' }] }, body: 'b', tags: ['t'] },
  'notes/update': { id: 'n1', body: 'b', tags: ['t'], base: { body: 'a', tags: [] } },
  'notes/delete': { ids: ['n1'] },
  'notes/restore': { ids: ['n1'] },
  'notes/list': { pageUrl: PAGE, query: 'q', tag: 't' },
  'notes/for-page': { pageUrl: PAGE, entityIds: ['starter:e1'] },
  'notes/export': { format: 'jsonld' },
  'notes/import': { notes: [note] },
  'notes/tags': {},
  'notes/compose': {},
  'drafts/get': { key: 'note:abc' },
  'drafts/set': { key: 'note:abc', body: 'x', tags: '' },
  'drafts/remove': { key: 'note:abc' },
  'site/adder': { on: true },
  'notes/page-state': {},
  'notes/capture': {},
  'notes/refresh': { pageUrls: [PAGE], entities: true },
  'notes/reveal': { id: 'n1' },
  'notes/dismiss-conflict': { id: 'n1', stamps: ['00mx4m0e23-0002-laptop'] },
  'sync/status': {},
  'sync/configure': { url: 'https://couch.example.org', db: 'gloss-notes', authKind: 'basic', user: 'reader', password: 'pw', passphrase: 'long passphrase' },
  'sync/now': { target: 'server' },
  'sync/stop': { target: 'browser' },
  'sync/start': { target: 'server' },
};

const origin = () => browser.runtime.getURL('/');
const SENDERS: Record<SenderKind, () => RawSender> = {
  extension: () => ({ id: browser.runtime.id, url: `${origin()}popup.html` }),
  background: () => ({ id: browser.runtime.id, url: `${origin()}background.js` }),
  content: () => ({ id: browser.runtime.id, url: PAGE, frameId: 0, tab: { id: 5, url: PAGE } }),
};
/** Never allowed, whatever the message. */
const STRANGERS: Record<string, () => RawSender> = {
  'another extension': () => ({ id: 'evil-extension', url: 'chrome-extension://evil-extension/page.html' }),
  'a subframe': () => ({ id: browser.runtime.id, url: PAGE, frameId: 3, tab: { id: 5, url: PAGE } }),
  'a sender without a tab': () => ({ id: browser.runtime.id, url: PAGE }),
  'a page that is not http(s)': () => ({ id: browser.runtime.id, url: 'file:///etc/passwd', frameId: 0, tab: { id: 5, url: 'file:///etc/passwd' } }),
};

const TYPES = Object.keys(MESSAGES) as MessageType[];
const wrong = (x: unknown): unknown => (typeof x === 'string' ? 12345 : typeof x === 'number' ? 'one' : typeof x === 'boolean' ? 'yes' : Array.isArray(x) ? 'list' : 'object');

/** Well-formed payloads with one field broken: a wrong type for each field, and an oversized string. */
function malformed(sample: Record<string, unknown>): unknown[] {
  const out: unknown[] = [undefined, null, 'text', 42, [sample]];
  for (const [key, value] of Object.entries(sample)) {
    out.push({ ...sample, [key]: wrong(value) });
    if (typeof value === 'string' && key !== 'text') out.push({ ...sample, [key]: 'x'.repeat(6_000_000) });
    if (Array.isArray(value) && value.length) out.push({ ...sample, [key]: [wrong(value[0])] });
  }
  return out;
}

let handlers: Record<string, ReturnType<typeof vi.fn>>;
beforeEach(() => {
  fakeBrowser.reset();
  handlers = Object.fromEntries(TYPES.map((t) => [t, vi.fn(() => ({ handled: t }))]));
  for (const context of ['background', 'content'] as const) {
    listen(context as never, Object.fromEntries(TYPES.filter((t) => MESSAGES[t].to === context).map((t) => [t, handlers[t]])) as never);
  }
});
afterEach(() => fakeBrowser.reset());

/** Deliver a message as the browser would; the reply of the listener that answered. */
async function deliver(message: unknown, sender: RawSender): Promise<{ ok: boolean; error?: string; value?: unknown } | undefined> {
  const replies = await fakeBrowser.runtime.onMessage.trigger(message, sender as never);
  const answered = replies.filter((r) => r !== undefined);
  return answered[0] as never;
}

describe('the message table', () => {
  it('declares a direction, allowed senders and a payload schema for every message, and has a sample here for each', () => {
    for (const t of TYPES) {
      expect(SAMPLES[t], `add a sample payload for ${t} in tests/unit/messaging/boundary.test.ts`).toBeDefined();
      expect(['background', 'content']).toContain(MESSAGES[t].to);
      expect(MESSAGES[t].from.length).toBeGreaterThan(0);
      expect(MESSAGES[t].req).toHaveProperty('kind', 'schema');
    }
  });

  it('lets only Gloss’s own pages change the reader’s settings', () => {
    for (const t of TYPES.filter((t) => t.startsWith('sources/') || t === 'site/set' || t === 'notes/import' || t === 'notes/export' || t === 'notes/list')) {
      expect(MESSAGES[t].from, t).toEqual(['extension']);
    }
  });
});

describe.each(TYPES)('%s', (type) => {
  const spec = MESSAGES[type];
  const sample = SAMPLES[type] ?? {};

  it('reaches its handler, well-formed, from each allowed sender', async () => {
    for (const kind of spec.from) {
      const reply = await deliver({ gloss: type, data: sample }, SENDERS[kind]());
      expect(reply, `${type} from ${kind}`).toEqual({ ok: true, value: { handled: type } });
    }
    expect(handlers[type]).toHaveBeenCalledTimes(spec.from.length);
  });

  it('is refused from every other sender, before its handler runs', async () => {
    const refused = [
      ...(Object.keys(SENDERS) as SenderKind[]).filter((k) => !(spec.from as readonly string[]).includes(k)).map((k) => [k, SENDERS[k]] as const),
      ...Object.entries(STRANGERS),
    ];
    for (const [who, sender] of refused) {
      const reply = await deliver({ gloss: type, data: sample }, sender());
      expect(reply?.ok, `${type} from ${who}`).toBe(false);
      expect(reply?.error).toMatch(/not accepted from/);
    }
    expect(handlers[type]).not.toHaveBeenCalled();
  });

  it('is refused malformed, before its handler runs', async () => {
    const sender = SENDERS[spec.from[0]!]();
    for (const data of malformed(sample)) {
      const reply = await deliver({ gloss: type, data }, sender);
      expect(reply?.ok, `${type} with ${JSON.stringify(data)?.slice(0, 120)}`).toBe(false);
      expect(reply?.error).toMatch(new RegExp(`^Gloss: ${type}: `));
    }
    expect(handlers[type]).not.toHaveBeenCalled();
  });
});

describe('lookups', () => {
  it('finds no handler through the prototype: inherited names are ignored, not called', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(await deliver({ gloss: name, data: {} }, SENDERS.extension())).toBeUndefined();
    }
    expect(await deliver(Object.create({ gloss: 'sources/list', data: {} }), SENDERS.extension())).toBeUndefined();
    expect(await deliver('sources/list', SENDERS.extension())).toBeUndefined();
    for (const h of Object.values(handlers)) expect(h).not.toHaveBeenCalled();
  });

  it('refuses a message sent to the wrong context (a content message at the background)', async () => {
    // Only a background listener: the content listeners are removed.
    fakeBrowser.reset();
    const spy = vi.fn(() => ({ ok: true }));
    listen('background', { 'sources/list': spy as never });
    const stop = listen('background' as never, { 'page/rematch': spy } as never);
    const reply = await deliver({ gloss: 'page/rematch', data: {} }, SENDERS.background());
    expect(reply).toEqual({ ok: false, error: 'Gloss: page/rematch is not handled here' });
    expect(spy).not.toHaveBeenCalled();
    stop();
  });

  it('hands the handler only the declared fields', async () => {
    await deliver({ gloss: 'site/set', data: { host: 'news.example', paused: true, __proto__: { polluted: 1 }, extra: 'x' } }, SENDERS.extension());
    expect(handlers['site/set']).toHaveBeenCalledWith({ host: 'news.example', paused: true }, expect.objectContaining({ kind: 'extension' }));
  });
});
