import { describe, expect, it } from 'vitest';
import { EntityMatcher } from '../../../matching/index.ts';
import { StringTable } from '../../../matching/string-table.ts';
import { CompactTrie } from '../../../matching/trie.ts';

describe('front-coded id table', () => {
  it('returns every id, including non-ASCII and shared-prefix ones', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `wikidata:Q${i * 7919}`);
    ids.push('', 'ä', 'äb', '北京', 'x'.repeat(300));
    const sorted = ids.slice().sort();
    const t = StringTable.build(sorted);
    expect(t.size).toBe(sorted.length);
    sorted.forEach((s, i) => expect(t.get(i)).toBe(s));
    // Shared prefixes are stored once: far less than the plain UTF-8 size.
    expect(t.bytes.length).toBeLessThan(new TextEncoder().encode(sorted.join('')).length / 2);
  });
});

describe('compact trie', () => {
  it('finds exactly the keys it was built from', () => {
    const keys = ['a', 'ab', 'abc', 'b', 'ba', 'zz', '北京', '北京市'].sort();
    const { trie } = CompactTrie.build(keys);
    keys.forEach((k) => expect(trie.lookup(k)).toBeGreaterThanOrEqual(0));
    for (const k of ['', 'abcd', 'c', 'z', '北']) expect(trie.lookup(k)).toBe(-1);
  });

  it('falls back to wide child offsets when a block overflows 16 bits', () => {
    // 64 first characters with 1,100 children each: the first block's children span > 65,535 ids.
    const entries = [];
    for (let f = 0; f < 64; f++) {
      for (let k = 0; k < 1100; k++) {
        entries.push({ alias: String.fromCharCode(0x4e00 + f, 0x5000 + k), entityId: `e${entries.length}` });
      }
    }
    const m = EntityMatcher.build(entries);
    expect((m as unknown as { trie: CompactTrie }).trie.fcShift).toBeLessThan(6);
    const loaded = EntityMatcher.load(m.serialize());
    const text = `${entries[5]!.alias} ${entries[70399]!.alias}`;
    expect(loaded.match(text).map((x) => x.entityIds[0])).toEqual([entries[5]!.entityId, entries[70399]!.entityId]);
  });
});
