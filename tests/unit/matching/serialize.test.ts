import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EntityMatcher, type AliasEntry } from '../../../matching/index.ts';
import { htmlToText } from '../../../matching/html-text.ts';

const root = (rel: string) => fileURLToPath(new URL(`../../../${rel}`, import.meta.url));

/** A real news page: the shared corpus when present (CI lays it beside the repo), else the fixture copy. */
function realPage(): string {
  for (const rel of ['../shared/corpus/articles/readability/nytimes-1/source.html', 'tests/fixtures/sample/mamdani-nypd-ice.html']) {
    if (existsSync(root(rel))) return htmlToText(readFileSync(root(rel), 'utf8'));
  }
  throw new Error('no corpus page found');
}

/** Aliases drawn from the page itself (every capitalised word and word pair) plus acronyms and ambiguity. */
function aliasesFor(text: string): AliasEntry[] {
  const out: AliasEntry[] = [];
  const words = text.match(/\p{Lu}[\p{L}’'-]+/gu) ?? [];
  words.forEach((w, i) => {
    out.push({ alias: w, entityId: `w:${w.toLowerCase()}` });
    if (i > 0) out.push({ alias: `${words[i - 1]} ${w}`, entityId: `p:${i}` });
  });
  out.push({ alias: 'ICE', entityId: 'ice' }, { alias: 'Zürich', entityId: 'zh', foldDiacritics: false });
  out.push({ alias: 'Sudan', entityId: 'sudan-2' });
  return out;
}

describe('serialize / load', () => {
  const text = realPage();
  const entries = aliasesFor(text);
  const fresh = EntityMatcher.build(entries);

  it('a loaded matcher gives identical matches to a fresh build on a real page', () => {
    const loaded = EntityMatcher.load(fresh.serialize());
    const expected = fresh.match(text);
    expect(expected.length).toBeGreaterThan(20);
    expect(loaded.match(text)).toEqual(expected);
    expect(loaded.aliasCount).toBe(fresh.aliasCount);
  });

  it('loads from bytes that are not 4-byte aligned', () => {
    const bytes = fresh.serialize();
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(EntityMatcher.load(shifted.subarray(1)).match(text)).toEqual(fresh.match(text));
  });

  it('rejects foreign, truncated or future-version bytes', () => {
    const bytes = fresh.serialize();
    expect(() => EntityMatcher.load(new Uint8Array(64))).toThrow(/magic/);
    expect(() => EntityMatcher.load(bytes.slice(0, 100))).toThrow(/truncated|corrupt/);
    const future = bytes.slice();
    future[4] = 99;
    expect(() => EntityMatcher.load(future)).toThrow(/version/);
    // The version in the header is the one a cache can key on.
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(EntityMatcher.formatVersion);
  });

  it('round-trips an empty matcher', () => {
    const empty = EntityMatcher.load(EntityMatcher.build([]).serialize());
    expect(empty.match('anything')).toEqual([]);
    expect(empty.aliasCount).toBe(0);
  });
});
