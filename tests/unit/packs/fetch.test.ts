import { describe, expect, it, vi } from 'vitest';
import { fetchSource, SourceError } from '../../../packs/index.ts';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** A fake fetch recording the requests it gets. */
function fakeFetch(handler: Handler) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const f = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
    return handler(url, init ?? {});
  });
  return { fetch: f as unknown as typeof fetch, calls };
}

function withUrl(response: Response, url: string, redirected = true): Response {
  Object.defineProperty(response, 'url', { value: url });
  Object.defineProperty(response, 'redirected', { value: redirected });
  return response;
}

const PACK = '{"format":"gloss-pack"}';

async function rejection(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    return e as SourceError;
  }
  throw new Error('expected a SourceError');
}

describe('fetchSource', () => {
  it('returns the body and validators, then sends If-None-Match and maps 304 to unchanged', async () => {
    const { fetch, calls } = fakeFetch((_url, init) => {
      const h = init.headers as Record<string, string>;
      if (h['If-None-Match'] === '"v1"') return new Response(null, { status: 304 });
      return new Response(PACK, { status: 200, headers: { ETag: '"v1"', 'Content-Type': 'application/json' } });
    });
    const first = await fetchSource('https://packs.example/nyc.json', undefined, { fetch });
    expect(first).toEqual({ status: 'ok', text: PACK, etag: '"v1"', contentType: 'application/json' });
    const second = await fetchSource('https://packs.example/nyc.json', { etag: '"v1"' }, { fetch });
    expect(second).toEqual({ status: 'unchanged' });
    expect(calls[0]!.headers['If-None-Match']).toBeUndefined();
    expect(calls[1]!.headers['If-None-Match']).toBe('"v1"');
  });

  it('uses Last-Modified / If-Modified-Since', async () => {
    const lm = 'Wed, 21 Oct 2025 07:28:00 GMT';
    const { fetch, calls } = fakeFetch((_url, init) => {
      const h = init.headers as Record<string, string>;
      if (h['If-Modified-Since'] === lm) return new Response(null, { status: 304 });
      return new Response(PACK, { status: 200, headers: { 'Last-Modified': lm } });
    });
    const first = await fetchSource('https://packs.example/a.json', undefined, { fetch });
    expect(first).toMatchObject({ status: 'ok', lastModified: lm });
    expect(await fetchSource('https://packs.example/a.json', { lastModified: lm }, { fetch })).toEqual({ status: 'unchanged' });
    expect(calls[1]!.headers['If-Modified-Since']).toBe(lm);
  });

  it('refuses non-https URLs, except http on localhost', async () => {
    const { fetch } = fakeFetch(() => new Response(PACK));
    expect((await rejection(fetchSource('http://packs.example/a.json', undefined, { fetch }))).message).toMatch(/must use https/);
    expect((await rejection(fetchSource('file:///etc/passwd', undefined, { fetch }))).message).toMatch(/must be an https link \(got file:\)/);
    expect((await rejection(fetchSource('not a url', undefined, { fetch }))).code).toBe('bad-url');
    expect(await fetchSource('http://127.0.0.1:8080/a.json', undefined, { fetch })).toMatchObject({ status: 'ok' });
    expect(await fetchSource('http://localhost/a.json', undefined, { fetch })).toMatchObject({ status: 'ok' });
  });

  /** A server that answers each path with a redirect (Node's fetch shows the Location of a manual redirect). */
  function redirects(map: Record<string, string>) {
    return fakeFetch((url) => (map[url] ? new Response(null, { status: 302, headers: { location: map[url]! } }) : new Response(PACK)));
  }

  it('checks each redirect hop before requesting it: http, localhost and private ranges are never asked', async () => {
    for (const [to, why] of [
      ['http://evil.example/a.json', 'which is not https'],
      ['https://127.0.0.1/admin', 'on this computer or a private network'],
      ['https://localhost:8080/a.json', 'on this computer or a private network'],
      ['https://10.0.0.5/a.json', 'on this computer or a private network'],
      ['https://192.168.1.1/a.json', 'on this computer or a private network'],
      ['https://172.20.0.1/a.json', 'on this computer or a private network'],
      ['https://169.254.169.254/latest/meta-data', 'on this computer or a private network'],
      ['https://[::1]/a.json', 'on this computer or a private network'],
      ['https://[fd00::1]/a.json', 'on this computer or a private network'],
      ['https://[::ffff:10.0.0.1]/a.json', 'on this computer or a private network'],
      ['https://router.local/a.json', 'on this computer or a private network'],
      ['https://user:pw@cdn.example/a.json', 'with a user name or password'],
      ['file:///etc/passwd', 'which is not https'],
    ]) {
      const { fetch, calls } = redirects({ 'https://packs.example/a.json': to! });
      const e = await rejection(fetchSource('https://packs.example/a.json', undefined, { fetch }));
      expect(e.code, to).toBe('insecure-redirect');
      expect(e.message, to).toContain(why);
      expect(calls.map((c) => c.url), to).toEqual(['https://packs.example/a.json']);
    }
  });

  it('follows checked https hops (relative ones too), keeps the validators, and stops after 5', async () => {
    const { fetch, calls } = redirects({ 'https://packs.example/a.json': 'https://cdn.example/v2/a.json', 'https://cdn.example/v2/a.json': '/v3/a.json' });
    expect(await fetchSource('https://packs.example/a.json', { etag: '"e"' }, { fetch })).toMatchObject({ status: 'ok', text: PACK });
    expect(calls.map((c) => c.url)).toEqual(['https://packs.example/a.json', 'https://cdn.example/v2/a.json', 'https://cdn.example/v3/a.json']);
    expect(calls[2]!.headers['If-None-Match']).toBe('"e"');
    const loop = redirects(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`https://packs.example/${i}`, `https://packs.example/${i + 1}`])));
    expect((await rejection(fetchSource('https://packs.example/0', undefined, { fetch: loop.fetch }))).message).toMatch(/redirected more than 5 times/);
    expect(loop.calls).toHaveLength(6);
    // A local pack server may redirect within this machine; a private source may stay private.
    const local = redirects({ 'http://127.0.0.1:8080/a.json': 'http://localhost:8080/b.json' });
    expect(await fetchSource('http://127.0.0.1:8080/a.json', undefined, { fetch: local.fetch })).toMatchObject({ status: 'ok' });
  });

  it('in a browser, where a manual redirect hides its Location, follows none and says what to do', async () => {
    const opaque = () => Object.defineProperties(new Response(null, { status: 200 }), { type: { value: 'opaqueredirect' }, status: { value: 0 } }) as Response;
    const { fetch, calls } = fakeFetch(opaque);
    const e = await rejection(fetchSource('https://packs.example/a.json', undefined, { fetch }));
    expect(e.code).toBe('insecure-redirect');
    expect(e.message).toBe('https://packs.example/a.json redirects to another address, which Gloss cannot check before following. Open it in a tab and subscribe to the address it ends at');
    expect(calls).toHaveLength(1);
  });

  it('sends no cookies, credentials or referrer, and follows no redirect by itself', async () => {
    const inits: RequestInit[] = [];
    const { fetch } = fakeFetch((_url, init) => (inits.push(init), new Response(PACK)));
    await fetchSource('https://packs.example/a.json', undefined, { fetch });
    expect(inits[0]).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'manual' });
    expect(Object.keys(inits[0]!.headers as object).sort()).toEqual(['Accept']);
  });

  it('refuses where a fetch that ignored "manual" ended up', async () => {
    const { fetch } = fakeFetch(() => withUrl(new Response(PACK), 'http://evil.example/a.json'));
    expect((await rejection(fetchSource('https://packs.example/a.json', undefined, { fetch }))).code).toBe('insecure-redirect');
  });

  it('names the HTTP status', async () => {
    const { fetch } = fakeFetch(() => new Response('nope', { status: 404, statusText: 'Not Found' }));
    const e = await rejection(fetchSource('https://packs.example/a.json', undefined, { fetch }));
    expect(e.message).toBe('Fetching https://packs.example/a.json failed: HTTP 404 Not Found');
    expect(e.status).toBe(404);
  });

  it('times out', async () => {
    const fetch = ((_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof globalThis.fetch;
    const e = await rejection(fetchSource('https://slow.example/a.json', undefined, { fetch, timeoutMs: 30 }));
    expect(e.code).toBe('timeout');
    expect(e.message).toBe('Fetching https://slow.example/a.json timed out after 30 ms');
  });

  it('times out while the body is still streaming', async () => {
    const fetch = (async (_: RequestInfo | URL, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"a":'));
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body);
    }) as typeof globalThis.fetch;
    const e = await rejection(fetchSource('https://slow.example/a.json', undefined, { fetch, timeoutMs: 30 }));
    expect(e.code).toBe('timeout');
  });

  it('rejects a body past maxBytes while streaming, without a Content-Length', async () => {
    let pulled = 0;
    let cancelled = false;
    const fetch = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            controller.enqueue(new Uint8Array(1000).fill(32));
          },
          cancel() {
            cancelled = true;
          },
        }),
      )) as typeof globalThis.fetch;
    const progress: number[] = [];
    const e = await rejection(fetchSource('https://big.example/a.json', undefined, { fetch, maxBytes: 5000, onProgress: (n) => progress.push(n) }));
    expect(e.code).toBe('too-large');
    expect(e.message).toBe('https://big.example/a.json is too large: more than 5000 bytes');
    expect(pulled).toBeLessThan(10);
    expect(cancelled).toBe(true);
    expect(progress).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  it('rejects a declared Content-Length past maxBytes before reading', async () => {
    const { fetch } = fakeFetch(() => new Response('x'.repeat(10), { headers: { 'Content-Length': '999999' } }));
    const e = await rejection(fetchSource('https://big.example/a.json', undefined, { fetch, maxBytes: 100 }));
    expect(e.message).toBe('https://big.example/a.json is too large: 999999 bytes, the limit is 100');
  });

  it('reports progress with the total', async () => {
    const { fetch } = fakeFetch(() => new Response(PACK, { headers: { 'Content-Length': String(PACK.length) } }));
    const seen: [number, number | undefined][] = [];
    await fetchSource('https://packs.example/a.json', undefined, { fetch, onProgress: (l, t) => seen.push([l, t]) });
    expect(seen.at(-1)).toEqual([PACK.length, PACK.length]);
  });

  it('wraps network failures and honours the caller’s signal', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const e = await rejection(fetchSource('https://down.example/a.json', undefined, { fetch: failing }));
    expect(e.code).toBe('network');
    expect(e.message).toBe('Could not fetch https://down.example/a.json: network error (fetch failed)');
    const controller = new AbortController();
    controller.abort();
    const hang = ((_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_r, reject) => {
        if (init?.signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
      })) as typeof globalThis.fetch;
    const a = await rejection(fetchSource('https://x.example/a.json', undefined, { fetch: hang, signal: controller.signal }));
    expect(a.code).toBe('aborted');
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('{"name":"São Paulo – Agência"}');
    const fetch = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            for (let i = 0; i < bytes.length; i += 3) c.enqueue(bytes.slice(i, i + 3));
            c.close();
          },
        }),
      )) as typeof globalThis.fetch;
    expect(await fetchSource('https://x.example/a.json', undefined, { fetch })).toMatchObject({ text: '{"name":"São Paulo – Agência"}' });
  });
});

describe('fetchSource against a real local server (http://127.0.0.1)', () => {
  it('does conditional requests, size limits, HTTP errors and timeouts with the platform fetch', async () => {
    const { createServer } = await import('node:http');
    const body = '{"format":"gloss-pack"}';
    const lm = 'Wed, 21 Oct 2025 07:28:00 GMT';
    const server = createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      if (req.url === '/moved') {
        res.writeHead(302, { Location: '/pack.json' });
        res.end();
        return;
      }
      if (req.url === '/missing') {
        res.writeHead(404, 'Not Found');
        res.end();
        return;
      }
      if (req.url === '/big') {
        res.writeHead(200, { 'Content-Type': 'application/json' }); // chunked, no Content-Length
        let sent = 0;
        const push = () => {
          if (sent >= 50 || res.destroyed) return res.end();
          sent++;
          res.write('x'.repeat(1024), () => setImmediate(push));
        };
        push();
        return;
      }
      if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === lm) {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { ETag: '"v1"', 'Last-Modified': lm, 'Content-Type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const first = await fetchSource(`${base}/pack.json`, undefined, { fetch });
      expect(first).toEqual({ status: 'ok', text: body, etag: '"v1"', lastModified: lm, contentType: 'application/json' });
      // Node's fetch shows a manual redirect's Location, so the CLI follows checked hops.
      expect(await fetchSource(`${base}/moved`, undefined, { fetch })).toMatchObject({ status: 'ok', text: body });
      expect(await fetchSource(`${base}/pack.json`, { etag: '"v1"' }, { fetch })).toEqual({ status: 'unchanged' });
      expect(await fetchSource(`${base}/pack.json`, { lastModified: lm }, { fetch })).toEqual({ status: 'unchanged' });
      const big = await rejection(fetchSource(`${base}/big`, undefined, { fetch, maxBytes: 10_000 }));
      expect(big.code).toBe('too-large');
      const missing = await rejection(fetchSource(`${base}/missing`, undefined, { fetch }));
      expect(missing.message).toBe(`Fetching ${base}/missing failed: HTTP 404 Not Found`);
      const slow = await rejection(fetchSource(`${base}/hang`, undefined, { fetch, timeoutMs: 100 }));
      expect(slow.code).toBe('timeout');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 20_000);
});
