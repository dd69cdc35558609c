/**
 * fetchSource: downloads a source with conditional requests, a timeout and a
 * streamed size limit. `fetch` is injected so this stays free of browser APIs
 * and testable with a fake.
 *
 * What a pack server learns: the pack's URL, the browser's own User-Agent and
 * the validators of the copy Gloss has (ETag, Last-Modified). No cookies or
 * HTTP credentials (`credentials: 'omit'`), no Referer (`referrerPolicy:
 * 'no-referrer'`), nothing about the page or the reader.
 *
 * Redirects are handled by hand (`redirect: 'manual'`) so each hop is checked
 * before it is requested (checkRedirect). In a browser a manual redirect comes
 * back as an opaque response whose Location cannot be read, so there Gloss
 * cannot check the hop and follows none: the reader is told to subscribe to
 * the final address. Node (the `gloss` CLI) exposes the Location, so the CLI
 * follows up to MAX_REDIRECTS checked hops.
 */
import { LIMITS } from './limits.ts';

export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    message: string,
    readonly code: 'bad-url' | 'http' | 'insecure-redirect' | 'timeout' | 'too-large' | 'network' | 'aborted',
    readonly status?: number,
    /** From a 429/503 answer's Retry-After: wait at least this long before asking again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface FetchSourceOptions {
  fetch: typeof fetch;
  /** Whole-request timeout (headers and body); default 30 s. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes; default LIMITS.maxPackBytes. */
  maxBytes?: number;
  onProgress?: (loaded: number, total?: number) => void;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Wikidata's `Api-User-Agent`). */
  headers?: Record<string, string>;
  /** For Retry-After given as a date. */
  now?: () => number;
}

/** Retry-After: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

export type FetchSourceResult =
  | { status: 'unchanged' }
  | { status: 'ok'; text: string; etag?: string; lastModified?: string; contentType?: string };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const MAX_REDIRECTS = 5;

/** This machine or a private network: loopback, RFC 1918, CGNAT, link-local, unique-local, unspecified, *.localhost, *.local, *.internal. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || /\.(localhost|local|internal|home\.arpa)$/.test(host)) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (host.includes(':')) {
    // IPv4-mapped (::ffff:10.0.0.1, which URL writes as ::ffff:a00:1) and the private IPv6 ranges.
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (mapped) {
      const n = (parseInt(mapped[1]!, 16) << 16) | parseInt(mapped[2]!, 16);
      return isPrivateHost([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'));
    }
    return host === '::1' || host === '::' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host);
  }
  return false;
}

/**
 * May a download that reached `from` go on to `to`? Only to https (http only
 * from this machine to this machine, for local pack servers), and never from a
 * public host into this machine or a private network.
 */
export function checkRedirect(from: URL, location: string): URL {
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new SourceError(`${from.href} redirected to '${location.slice(0, 200)}', which is not a valid address: refused`, 'insecure-redirect');
  }
  const local = LOCAL_HOSTS.has(from.hostname) && LOCAL_HOSTS.has(to.hostname);
  if (to.protocol !== 'https:' && !(local && to.protocol === 'http:')) {
    throw new SourceError(`${from.href} redirected to '${to.href.slice(0, 200)}', which is not https: refused`, 'insecure-redirect');
  }
  if (to.username || to.password) throw new SourceError(`${from.href} redirected to an address with a user name or password: refused`, 'insecure-redirect');
  if (isPrivateHost(to.hostname) && !isPrivateHost(from.hostname)) {
    throw new SourceError(`${from.href} redirected to '${to.href.slice(0, 200)}', on this computer or a private network: refused`, 'insecure-redirect');
  }
  return to;
}

/** https everywhere; plain http only for this machine (tests, local pack servers). */
export function checkSourceUrl(url: string, what = 'Source URL'): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SourceError(`${what} '${url.slice(0, 200)}' is not a valid absolute URL`, 'bad-url');
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:' && LOCAL_HOSTS.has(u.hostname)) return u;
  if (u.protocol === 'http:') throw new SourceError(`${what} '${u.href}' must use https (plain http is only allowed for localhost)`, 'bad-url');
  throw new SourceError(`${what} '${url.slice(0, 200)}' must be an https link (got ${u.protocol.replace(/:$/, '')}:)`, 'bad-url');
}

export async function fetchSource(
  url: string,
  prev: { etag?: string; lastModified?: string } | undefined,
  opts: FetchSourceOptions,
): Promise<FetchSourceResult> {
  const target = checkSourceUrl(url);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxBytes = opts.maxBytes ?? LIMITS.maxPackBytes;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  if (opts.signal) {
    if (opts.signal.aborted) controller.abort();
    else opts.signal.addEventListener('abort', onAbort, { once: true });
  }
  const fail = (e: unknown): never => {
    if (e instanceof SourceError) throw e;
    if (timedOut) throw new SourceError(`Fetching ${target.href} timed out after ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 100) / 10} s`}`, 'timeout');
    if (opts.signal?.aborted) throw new SourceError(`Fetching ${target.href} was cancelled`, 'aborted');
    throw new SourceError(`Could not fetch ${target.href}: network error (${(e as Error)?.message ?? String(e)})`, 'network');
  };
  try {
    const headers: Record<string, string> = { Accept: 'application/json, application/ld+json, text/csv, text/html;q=0.5, */*;q=0.1', ...opts.headers };
    if (prev?.etag) headers['If-None-Match'] = prev.etag;
    if (prev?.lastModified) headers['If-Modified-Since'] = prev.lastModified;
    let response: Response;
    let at = target;
    for (let hops = 0; ; hops++) {
      try {
        response = await opts.fetch(at.href, { headers, signal: controller.signal, redirect: 'manual', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache' });
      } catch (e) {
        return fail(e);
      }
      if (response.type === 'opaqueredirect') {
        // A browser: the Location is hidden, so the hop cannot be checked before it is requested.
        throw new SourceError(`${at.href} redirects to another address, which Gloss cannot check before following. Open it in a tab and subscribe to the address it ends at`, 'insecure-redirect');
      }
      if (response.status < 300 || response.status > 399 || response.status === 304) break;
      void response.body?.cancel().catch(() => {});
      const location = response.headers.get('location');
      if (!location) break;
      if (hops >= MAX_REDIRECTS) throw new SourceError(`${target.href} redirected more than ${MAX_REDIRECTS} times: refused`, 'insecure-redirect');
      at = checkRedirect(at, location);
    }
    // A fetch that followed anyway (it should not with 'manual'): still refuse where it ended.
    if (response.redirected && response.url && response.url !== at.href) {
      void response.body?.cancel().catch(() => {});
      checkRedirect(at, response.url);
    }
    if (response.status === 304) {
      void response.body?.cancel().catch(() => {});
      return { status: 'unchanged' };
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      const text = response.statusText ? ` ${response.statusText}` : '';
      const wait = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after'), opts.now?.()) : undefined;
      throw new SourceError(`Fetching ${target.href} failed: HTTP ${response.status}${text}`, 'http', response.status, wait);
    }
    const lengthHeader = response.headers.get('content-length');
    const total = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    if (total !== undefined && total > maxBytes) {
      void response.body?.cancel().catch(() => {});
      throw new SourceError(`${target.href} is too large: ${total} bytes, the limit is ${maxBytes}`, 'too-large');
    }
    let text: string;
    try {
      text = await readLimited(response, maxBytes, total, opts.onProgress, () => controller.abort());
    } catch (e) {
      if (e instanceof SourceError) throw new SourceError(`${target.href} ${e.message}`, e.code);
      return fail(e);
    }
    const result: FetchSourceResult = { status: 'ok', text };
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    const contentType = response.headers.get('content-type');
    if (etag) result.etag = etag;
    if (lastModified) result.lastModified = lastModified;
    if (contentType) result.contentType = contentType;
    return result;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

async function readLimited(
  response: Response,
  maxBytes: number,
  total: number | undefined,
  onProgress: FetchSourceOptions['onProgress'],
  abort: () => void,
): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  if (!response.body) {
    const buf = new Uint8Array(await response.arrayBuffer());
    if (buf.byteLength > maxBytes) throw new SourceError(`is too large: more than ${maxBytes} bytes`, 'too-large');
    onProgress?.(buf.byteLength, total);
    return decoder.decode(buf);
  }
  const reader = response.body.getReader();
  let loaded = 0;
  const parts: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    if (loaded > maxBytes) {
      abort();
      await reader.cancel().catch(() => {});
      throw new SourceError(`is too large: more than ${maxBytes} bytes`, 'too-large');
    }
    parts.push(decoder.decode(value, { stream: true }));
    onProgress?.(loaded, total);
  }
  parts.push(decoder.decode());
  return parts.join('');
}
