import type { Pack } from '../../../model/types';

/** A valid pack with `n` entities (and `claims` claims). */
export function makePack(n: number, opts: { id?: string; updated?: string; claims?: number; extra?: Pack['entities'] } = {}): Pack {
  return {
    format: 'gloss-pack',
    version: 1,
    id: opts.id ?? 'test-pack',
    name: 'Test pack',
    publisher: 'Tests',
    licence: 'CC0-1.0',
    updated: opts.updated ?? '2026-01-01',
    entities: [
      ...Array.from({ length: n }, (_, i) => ({
        id: `e${i}`,
        type: 'person' as const,
        name: `Person Number${i}`,
        aliases: [],
        description: `Test person ${i}.`,
        facts: [],
      })),
      ...(opts.extra ?? []),
    ],
    claims: Array.from({ length: opts.claims ?? 0 }, (_, i) => ({
      id: `c${i}`,
      text: `Claim number ${i} is said here`,
      verdict: 'mixed' as const,
      verdictLabel: 'Mixed',
      reviewer: 'Tests',
      reviewDate: '2026-01-01',
      url: `https://example.org/c${i}`,
    })),
  };
}

export interface FakeReply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
}

/** A fake fetch that answers from a queue (or a function) and records requests. */
export function fakeFetch(answer: (req: { url: string; headers: Record<string, string> }) => FakeReply | Promise<FakeReply>) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = { url: String(input), headers: { ...((init?.headers as Record<string, string>) ?? {}) } };
    requests.push(req);
    const r = await answer(req);
    return new Response(r.status === 304 ? null : (r.body ?? ''), { status: r.status ?? 200, headers: r.headers ?? {} });
  }) as typeof fetch;
  return { fetch: fn, requests };
}
