/**
 * Requests to a sync server with timeouts and backoff. Retries on network
 * errors, timeouts, 5xx and 429 (honouring Retry-After); every other answer is
 * returned to the caller. Retried writes are safe: a write the server applied
 * before its answer was lost comes back as a 409 and is merged, not redone.
 */
import { authHeader, type ServerTarget } from './target';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  fetch: FetchLike;
  /** Per-request timeout, ms. */
  timeoutMs?: number;
  /** Attempts per request before giving up. */
  attempts?: number;
  /** First backoff delay, ms (doubles, with jitter, up to maxDelayMs). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
}

export interface HttpStats {
  requests: number;
  bytesSent: number;
  bytesReceived: number;
}

export class SyncHttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export function abortError(): Error {
  const e = new Error('Sync was stopped.');
  e.name = 'AbortError';
  return e;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface JsonResponse {
  status: number;
  body: any;
}

export class CouchClient {
  readonly stats: HttpStats = { requests: 0, bytesSent: 0, bytesReceived: 0 };
  private readonly base: string;
  constructor(
    readonly target: ServerTarget,
    private readonly opts: HttpOptions,
  ) {
    this.base = `${target.url}/${encodeURIComponent(target.db)}`;
  }

  docPath(id: string): string {
    return id.startsWith('_local/') ? `/_local/${encodeURIComponent(id.slice(7))}` : `/${encodeURIComponent(id)}`;
  }

  /** A JSON request to the database; `path` starts with '/' (or is '' for the database itself). */
  async request(method: string, path: string, body?: unknown): Promise<JsonResponse> {
    const attempts = this.opts.attempts ?? 6;
    const sleep = this.opts.sleep ?? defaultSleep;
    const signal = this.opts.signal;
    let lastProblem = '';
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (signal?.aborted) throw abortError();
      if (attempt > 0) {
        const base = this.opts.baseDelayMs ?? 500;
        const delay = Math.min(this.opts.maxDelayMs ?? 30_000, base * 2 ** (attempt - 1));
        await sleep(delay / 2 + Math.random() * (delay / 2), signal);
      }
      const text = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (text !== undefined) headers['content-type'] = 'application/json';
      const auth = authHeader(this.target.auth);
      if (auth) headers.authorization = auth;
      const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 30_000);
      const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
      this.stats.requests++;
      this.stats.bytesSent += text?.length ?? 0;
      let res: Response;
      let raw: string;
      try {
        res = await this.opts.fetch(this.base + path, { method, headers, body: text, signal: both });
        raw = await res.text();
      } catch (e) {
        if (signal?.aborted) throw abortError();
        lastProblem = timeout.aborted ? 'it took too long to answer' : `it could not be reached (${(e as Error).message})`;
        continue;
      }
      this.stats.bytesReceived += raw.length;
      if (res.status >= 500 || res.status === 429) {
        lastProblem = res.status === 429 ? 'it asked Gloss to slow down' : `it had an internal error (HTTP ${res.status})`;
        const after = Number(res.headers.get('retry-after'));
        if (after > 0 && after < 600) await sleep(after * 1000, signal);
        continue;
      }
      let parsed: unknown = null;
      try {
        parsed = raw ? JSON.parse(raw) : null;
      } catch {
        throw new SyncHttpError(`The server answered something that is not CouchDB (HTTP ${res.status}). Check the server address.`, res.status);
      }
      if (res.status === 401 || res.status === 403) {
        throw new SyncHttpError('The server refused the user name and password (or token). Check them in the sync settings.', res.status);
      }
      return { status: res.status, body: parsed };
    }
    throw new SyncHttpError(`The sync server did not answer properly: ${lastProblem}. Gloss will try again later; your notes are safe on this device.`);
  }
}
