/**
 * The seeded fault test: schedules of 2 or 3 simulated devices adding, editing,
 * deleting and going offline against a real CouchDB-protocol server, through
 * the extension's own replicator, with injected faults: 500s, timeouts,
 * answers dropped after the server applied the write, 409 storms (another
 * device writing the same notes in the middle of a push) and devices stopped
 * mid-sync. At the end every device syncs without faults until quiet, and the
 * run checks that every replica converged and that every acknowledged edit is
 * present or superseded by a later one.
 *
 * Used by tests/unit/sync/soak.test.ts (a few schedules) and `gloss sync soak`.
 */
import type { Note } from '../notes/types';
import { KEYCHECK_ID, newKeyCheck } from './crypto';
import { deviceOf, type Stamp } from './hlc';
import type { FetchLike } from './http';
import { MemoryStore } from './memory-store';
import { canonicalJson, conflictCopies } from './merge';
import { Replicator } from './replicator';
import type { ServerAuth } from './target';
import { prng } from '../util/prng';
export { prng } from '../util/prng';

export interface SoakOptions {
  url: string;
  /** Each schedule uses (and then deletes) the database `${db}-${seed}-${i}`. */
  db: string;
  auth: ServerAuth;
  schedules: number;
  seed: number;
  devices: 2 | 3;
  faults: boolean;
  fetch: FetchLike;
  /** PBKDF2 iterations of the schedules' key (the extension uses 600,000). */
  iterations?: number;
  /** Called after each schedule (progress). */
  onSchedule?: (i: number, s: SoakSummary) => void;
}

export interface SoakSummary {
  schedules: number;
  acknowledged: number;
  lost: number;
  converged: number;
  diverged: number;
  conflictCopies: number;
  requests: number;
  faults: number;
  /** The first few problems, in words. */
  problems: string[];
}


type Ack = { note: string; field: 'add' | 'body' | 'tags' | 'deleted'; stamp: Stamp; value: string };

const WORDS = ['council', 'budget', 'vote', 'river', 'school', 'mayor', 'strike', 'report', 'claim', 'source'];

interface Sim {
  store: MemoryStore;
  offline: boolean;
}

export async function runSoak(o: SoakOptions): Promise<SoakSummary> {
  const sum: SoakSummary = { schedules: 0, acknowledged: 0, lost: 0, converged: 0, diverged: 0, conflictCopies: 0, requests: 0, faults: 0, problems: [] };
  const iterations = o.iterations ?? 600_000;
  const keyCache = new Map<string, CryptoKey>();
  // One key-check document for the whole run, copied into each schedule's database: one key derivation in all.
  const { doc: keyCheck } = await newKeyCheck('soak passphrase', iterations);
  for (let i = 0; i < o.schedules; i++) {
    await runSchedule(o, o.seed * 100_003 + i, `${o.db}-${o.seed}-${i}`, keyCheck, keyCache, iterations, sum);
    sum.schedules++;
    o.onSchedule?.(i, sum);
  }
  return sum;
}

async function admin(o: SoakOptions, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (o.auth.kind === 'basic') headers.authorization = `Basic ${btoa(`${o.auth.user}:${o.auth.password}`)}`;
  if (o.auth.kind === 'bearer') headers.authorization = `Bearer ${o.auth.token}`;
  return o.fetch(`${o.url}/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function runSchedule(o: SoakOptions, seed: number, db: string, keyCheck: unknown, keyCache: Map<string, CryptoKey>, iterations: number, sum: SoakSummary): Promise<void> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const made = await admin(o, 'PUT', encodeURIComponent(db));
  if (made.status !== 201 && made.status !== 202) throw new Error(`could not create database ${db} (HTTP ${made.status}); the soak needs rights to create databases`);
  await admin(o, 'PUT', `${encodeURIComponent(db)}/${KEYCHECK_ID}`, keyCheck);
  const world = { t: 0 };
  const base = Date.parse('2026-11-30T12:00:00.000Z');
  const DAY = 86_400_000;
  const sims: Sim[] = Array.from({ length: o.devices }, (_, d) => {
    const skew = Math.round((rnd() - 0.5) * 2 * DAY);
    return { store: new MemoryStore(`dev${d}x${seed % 997}`, () => base + world.t + skew), offline: false };
  });
  const acks: Ack[] = [];
  const noteIds: string[] = [];
  let requests = 0;

  const cleanFetch: FetchLike = async (url, init) => {
    requests++;
    return o.fetch(url, init);
  };

  // A short timeout while faults are injected (the hanging requests must give up quickly); a patient one for the final, clean syncs.
  const replicator = (sim: Sim, fetch: FetchLike, signal?: AbortSignal, timeoutMs = 1000) =>
    new Replicator({ url: o.url, db, auth: o.auth }, sim.store, { fetch, targetKey: 'server', device: sim.store.device, passphrase: 'soak passphrase', iterations, minIterations: Math.min(iterations, 600_000), keyCache, attempts: 4, baseDelayMs: 0, timeoutMs, sleep: async () => {} }, signal);

  const edit = (sim: Sim) => {
    world.t += 1000 + Math.floor(rnd() * 5000);
    const live = noteIds.filter((id) => sim.store.notes.has(id));
    const r = rnd();
    if (!live.length || r < 0.25) {
      const n = sim.store.add({ pageUrl: 'https://news.example/a', target: { kind: 'page' }, body: `${pick(WORDS)} ${pick(WORDS)}`, tags: [pick(WORDS)] });
      noteIds.push(n.id);
      acks.push({ note: n.id, field: 'add', stamp: n.sync!.stamps.body, value: n.body });
      return;
    }
    const id = pick(live);
    const before = sim.store.notes.get(id)!;
    if (r < 0.7) {
      const body = `${before.body.split(' ').slice(-2).join(' ')} ${pick(WORDS)}`;
      const n = sim.store.change(id, { body });
      if (n !== before) acks.push({ note: id, field: 'body', stamp: n.sync!.stamps.body, value: body });
    } else if (r < 0.85) {
      const n = sim.store.change(id, { tags: [pick(WORDS)] });
      if (n !== before) acks.push({ note: id, field: 'tags', stamp: n.sync!.stamps.tags, value: JSON.stringify(n.tags) });
    } else {
      const n = sim.store.change(id, { deleted: !before.deleted });
      if (n !== before) acks.push({ note: id, field: 'deleted', stamp: n.sync!.stamps.deleted, value: String(!before.deleted) });
    }
  };

  // Another device writes the notes in the middle of a push: the pusher gets real 409s.
  let storming = false;
  const storm = async (except: Sim) => {
    if (storming) return;
    storming = true;
    try {
      const other = pick(sims.filter((s) => s !== except && !s.offline));
      if (!other) return;
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
        edit(other);
        await replicator(other, cleanFetch).sync().catch(() => undefined);
      }
    } finally {
      storming = false;
    }
  };

  const faultyFetch = (sim: Sim, stop: AbortController, stopAfter: number): FetchLike => {
    let n = 0;
    return async (url, init) => {
      if (sim.offline) throw new TypeError('offline');
      if (++n > stopAfter) {
        sum.faults++;
        stop.abort();
        throw Object.assign(new Error('stopped'), { name: 'AbortError' });
      }
      if (!o.faults) return cleanFetch(url, init);
      const r = rnd();
      const write = init.method === 'POST' || init.method === 'PUT';
      if (r < 0.05) {
        sum.faults++;
        return new Response(JSON.stringify({ error: 'internal', reason: 'injected' }), { status: 500 });
      }
      if (r < 0.07) {
        sum.faults++;
        return new Response('', { status: 429, headers: { 'retry-after': '0' } });
      }
      if (r < 0.08) {
        // No answer at all: the replicator's own timeout has to give up on it.
        sum.faults++;
        // (A timer backs the abort listener: a pending promise reachable only from an AbortSignal.any() can be garbage-collected in Node 20, and the run would hang.)
        await new Promise<void>((_, reject) => {
          const fail = () => reject(new TypeError('timed out'));
          const timer = setTimeout(fail, 1_500);
          init.signal?.addEventListener('abort', () => (clearTimeout(timer), fail()), { once: true });
        });
      }
      if (write && r < 0.16) {
        // The server applies the write; the answer never arrives.
        sum.faults++;
        await cleanFetch(url, init).then((res) => res.text());
        throw new TypeError('fetch failed: connection reset after the write (injected)');
      }
      if (write && url.includes('_bulk_docs') && r < 0.24) {
        sum.faults++;
        await storm(sim);
      }
      return cleanFetch(url, init);
    };
  };

  const syncOnce = async (sim: Sim, withFaults: boolean) => {
    const stop = new AbortController();
    const stopAfter = withFaults && rnd() < 0.15 ? 1 + Math.floor(rnd() * 8) : Infinity;
    const fetch = withFaults ? faultyFetch(sim, stop, stopAfter) : cleanFetch;
    try {
      await replicator(sim, fetch, stop.signal, withFaults ? 1000 : 30_000).sync();
    } catch (e) {
      if (!withFaults) throw e;
    }
  };

  const steps = 8 + Math.floor(rnd() * 12);
  for (let s = 0; s < steps; s++) {
    const sim = pick(sims);
    const r = rnd();
    if (r < 0.5) edit(sim);
    else if (r < 0.6) sim.offline = !sim.offline;
    else if (!sim.offline || rnd() < 0.5) await syncOnce(sim, true);
  }

  // Everyone back online, no faults: sync round-robin until nothing moves.
  for (const sim of sims) sim.offline = false;
  let converged = false;
  for (let round = 0; round < 6 && !converged; round++) {
    for (const sim of sims) await syncOnce(sim, false);
    converged = sims.every((s) => same(s.store.notes, sims[0]!.store.notes));
    if (converged) converged = (await Promise.all(sims.map((s) => s.store.pending('server')))).every((p) => p.length === 0);
  }
  if (converged) sum.converged++;
  else {
    sum.diverged++;
    if (sum.problems.length < 5) {
      const pending = await Promise.all(sims.map(async (x) => (await x.store.pending('server')).length));
      const differ = [...sims[0]!.store.notes.keys()].filter((id) => sims.some((x) => canonicalJson(x.store.notes.get(id)) !== canonicalJson(sims[0]!.store.notes.get(id))));
      sum.problems.push(`schedule seed ${seed}: replicas differ after the final syncs (notes differing: ${differ.length}, waiting to push per device: ${pending.join('/')})`);
      if (process.env.GLOSS_SOAK_DEBUG) for (const id of differ) for (const x of sims) console.error(x.store.device, JSON.stringify(x.store.notes.get(id)));
    }
  }

  // Every acknowledged edit is present, or superseded by a later one, on every replica.
  for (const sim of sims) {
    for (const ack of acks) {
      const why = lostBecause(sim.store.notes.get(ack.note), ack);
      if (why) {
        sum.lost++;
        if (sum.problems.length < 5) sum.problems.push(`schedule seed ${seed}: ${sim.store.device} lost ${ack.field} edit ${ack.stamp} of ${ack.note}: ${why}`);
      }
    }
  }
  sum.acknowledged += acks.length;
  sum.conflictCopies += [...sims[0]!.store.notes.values()].reduce((k, n) => k + conflictCopies(n).length, 0);
  sum.requests += requests;
  await admin(o, 'DELETE', encodeURIComponent(db));
}

function same(a: Map<string, Note>, b: Map<string, Note>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, n] of a) if (canonicalJson(n) !== canonicalJson(b.get(id))) return false;
  return true;
}

/** Why an acknowledged edit is missing from the note, or undefined when it is there or superseded. */
export function lostBecause(n: Note | undefined, ack: Ack): string | undefined {
  if (!n?.sync) return 'the note is missing';
  const s = n.sync;
  if (ack.field === 'add') return undefined;
  if (ack.field === 'tags') return s.stamps.tags >= ack.stamp ? undefined : 'older tags won';
  if (ack.field === 'deleted') return s.stamps.deleted >= ack.stamp ? undefined : 'an older delete/restore won';
  const heads = [{ stamp: s.stamps.body, body: n.body, vv: s.bodyVV }, ...(s.others ?? [])];
  if (heads.some((h) => h.stamp === ack.stamp && h.body === ack.value)) return undefined;
  if ((s.conflicts ?? []).some((c) => c.stamp === ack.stamp && c.body === ack.value)) return undefined;
  const dev = deviceOf(ack.stamp);
  // Superseded: a current version was written by a device that had seen this edit.
  if (heads.some((h) => h.stamp > ack.stamp && (h.vv[dev] ?? '') >= ack.stamp)) return undefined;
  return 'the body text is gone';
}
