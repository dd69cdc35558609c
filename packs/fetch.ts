/**
 * fetchSource: downloads a source with conditional requests, a timeout and a
 * streamed size limit. `fetch` is injected so this stays free of browser APIs
 * and testable with a fake.
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
    try {
      response = await opts.fetch(target.href, { headers, signal: controller.signal, redirect: 'follow', credentials: 'omit', cache: 'no-cache' });
    } catch (e) {
      return fail(e);
    }
    if (response.redirected || (response.url && response.url !== target.href)) {
      if (response.url) {
        try {
          checkSourceUrl(response.url, 'Redirect target');
        } catch (e) {
          void response.body?.cancel().catch(() => {});
          throw new SourceError(`${target.href} redirected to '${response.url}', which is not https: refused`, 'insecure-redirect');
        }
      }
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
