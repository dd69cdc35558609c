/**
 * Measures a generated 100,000-entity pack: size (raw and gzip), JSON.parse
 * time and full parsePack time. Run: npx tsx packs/bench.ts [count]
 * Numbers are reported in docs/pack-format.md.
 */
import { gzipSync } from 'node:zlib';
import type { Entity, Pack } from '../model/types.ts';
import { parsePack } from './validate.ts';

const count = Number(process.argv[2] ?? 100_000);
const WORDS = ['river', 'north', 'council', 'national', 'party', 'bank', 'union', 'city', 'green', 'port', 'saint', 'new', 'royal', 'central', 'institute', 'lake', 'media', 'group', 'league', 'forest'];

function rnd(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function make(rich: boolean): Pack {
  const r = rnd(42);
  const word = () => WORDS[Math.floor(r() * WORDS.length)]!;
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  const entities: Entity[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${cap(word())} ${cap(word())} ${cap(word())} ${i}`;
    const qid = `Q${1000 + i * 7}`;
    const e: Entity = {
      id: qid,
      type: (['person', 'organization', 'place', 'other'] as const)[i % 4]!,
      name,
      aliases: [name.split(' ').map((w) => w[0]).join('').toUpperCase(), `${cap(word())} ${i}`],
      description: rich ? `${cap(word())} ${word()} ${word()} in the ${word()} ${word()} region` : '',
      facts: rich
        ? [
            { text: `Instance of: ${word()} ${word()}`, sourceUrl: `https://www.wikidata.org/wiki/${qid}`, sourceName: 'Wikidata', asOf: '2025-01-01' },
            { text: `Founded: ${1800 + (i % 200)}`, sourceUrl: `https://www.wikidata.org/wiki/${qid}`, sourceName: 'Wikidata', asOf: '2025-01-01' },
          ]
        : [],
    };
    entities.push(e);
  }
  return { format: 'gloss-pack', version: 1, id: 'bench', name: 'Bench', publisher: 'Gloss', licence: 'CC0-1.0', updated: '2025-01-01', entities, claims: [] };
}

function strip(p: Pack): unknown {
  // The compact form: optional fields left out when empty.
  return { ...p, entities: p.entities.map(({ description, facts, ...rest }) => ({ ...rest, ...(description ? { description } : {}), ...(facts.length ? { facts } : {}) })) };
}

/** Best of `runs`: wall-clock ms and CPU ms (user + system; less sensitive to a busy machine). */
function time<T>(f: () => T, runs = 5): [T, number, number] {
  let best = Infinity;
  let bestCpu = Infinity;
  let out!: T;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    out = f();
    best = Math.min(best, performance.now() - t);
    const d = process.cpuUsage(c);
    bestCpu = Math.min(bestCpu, (d.user + d.system) / 1000);
  }
  return [out, best, bestCpu];
}

for (const rich of process.argv[3] === "rich" ? [true] : process.argv[3] === "lean" ? [false] : [false, true]) {
  const text = JSON.stringify(strip(make(rich)));
  const bytes = Buffer.byteLength(text);
  const gz = gzipSync(text).length;
  const [, parseMs, parseCpu] = time(() => JSON.parse(text));
  const [result, validateMs, validateCpu] = time(() => parsePack(text));
  if (!result.ok) throw new Error(result.errors[0]!.message);
  console.log(
    `${rich ? 'rich' : 'lean'}: ${count} entities, ${(bytes / 1048576).toFixed(1)} MiB (${(gz / 1048576).toFixed(1)} MiB gzip), ` +
      `JSON.parse ${parseMs.toFixed(0)} ms (CPU ${parseCpu.toFixed(0)} ms), ` +
      `parsePack (parse + validate + sanitise) ${validateMs.toFixed(0)} ms (CPU ${validateCpu.toFixed(0)} ms)`,
  );
}
