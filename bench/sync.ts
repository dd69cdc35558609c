/**
 * Server sync benchmark: first sync of 10,000 notes from one device, the
 * second device's first pull of them, an incremental sync of one edited note,
 * and the bytes per note stored on the server. Runs the extension's own
 * replicator and encryption (PBKDF2 600,000 iterations) against the bundled
 * CouchDB-protocol test server (express-pouchdb, in memory) on 127.0.0.1.
 *
 *   npm run bench:sync [-- --notes 10000]
 */
import { cpus } from 'node:os';
import { startTestCouch } from '../scripts/couch-test-server.ts';
import { MemoryStore } from '../sync/memory-store.ts';
import { Replicator, type SyncReport } from '../sync/replicator.ts';

const argIndex = process.argv.indexOf('--notes');
const N = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 10_000;

const WORDS = 'the mayor said council budget housing transit police school vote river report claim source story week city state plan'.split(' ');
function sentence(seed: number, words: number): string {
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    out.push(WORDS[s % WORDS.length]!);
  }
  return out.join(' ');
}

const couch = await startTestCouch();
const db = 'bench-sync';
await fetch(`${couch.url}/${db}`, { method: 'PUT' });
const keyCache = new Map<string, CryptoKey>();

function run(store: MemoryStore) {
  return new Replicator({ url: couch.url, db, auth: { kind: 'none' } }, store, { fetch, targetKey: 'server', device: store.device, passphrase: 'benchmark passphrase', keyCache });
}

async function timed(label: string, store: MemoryStore): Promise<{ label: string; ms: number; report: SyncReport }> {
  const t0 = performance.now();
  const report = await run(store).sync();
  return { label, ms: performance.now() - t0, report };
}

const a = new MemoryStore('laptop');
for (let i = 0; i < N; i++) {
  const quote = sentence(i, 12);
  a.add({
    pageUrl: `https://news.example/${2025 + (i % 2)}/story-${i}`,
    pageTitle: `Story ${i}: ${sentence(i + 7, 6)}`,
    target: { kind: 'text', quote, selectors: [{ type: 'TextQuoteSelector', exact: quote, prefix: sentence(i + 1, 4), suffix: sentence(i + 2, 4) }, { type: 'TextPositionSelector', start: i * 10, end: i * 10 + quote.length }] },
    body: sentence(i + 3, 40),
    tags: [WORDS[i % WORDS.length]!, 'bench'],
  });
}
const b = new MemoryStore('phone');

const rows = [];
rows.push(await timed(`first sync, ${N.toLocaleString('en')} notes pushed (device A)`, a));
rows.push(await timed(`first sync, ${N.toLocaleString('en')} notes pulled (device B)`, b));
const one = [...a.notes.keys()][Math.floor(N / 2)]!;
a.change(one, { body: 'one edited note' });
rows.push(await timed('incremental: 1 edited note pushed (device A)', a));
rows.push(await timed('incremental: 1 edited note pulled (device B)', b));
const two = [...a.notes.keys()][Math.floor(N / 3)]!;
a.change(two, { body: 'another edited note' });
rows.push(await timed('steady state: 1 more edited note pushed (device A)', a));
rows.push(await timed('steady state: 1 more edited note pulled (device B)', b));
if (b.notes.get(one)?.body !== 'one edited note' || b.notes.get(two)?.body !== 'another edited note') throw new Error('bench: the edit did not arrive');

const all = await (await fetch(`${couch.url}/${db}/_all_docs?include_docs=true&startkey=%22note-%22&endkey=%22note-%EF%BF%B0%22`)).json();
const docs = all.rows.map((r: { doc: unknown }) => r.doc);
const stored = docs.reduce((t: number, d: unknown) => t + JSON.stringify(d).length, 0);
const plain = [...a.notes.values()].reduce((t, n) => t + JSON.stringify(n).length, 0);
await couch.close();

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const lines = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; server: express-pouchdb 4.2.0 + PouchDB 9 memory adapter on 127.0.0.1.`,
  '',
  '| run | requests | sent | received | time |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.label} | ${r.report.http.requests} | ${kb(r.report.http.bytesSent)} | ${kb(r.report.http.bytesReceived)} | ${(r.ms / 1000).toFixed(2)} s |`),
  '',
  `Stored on the server: ${docs.length.toLocaleString('en')} note documents, ${Math.round(stored / docs.length)} bytes per note as JSON (encrypted envelope with _id and _rev), against ${Math.round(plain / N)} bytes of the plain note JSON.`,
];
process.stdout.write(lines.join('\n') + '\n');
