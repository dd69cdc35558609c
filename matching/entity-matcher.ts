/**
 * EntityMatcher: finds known aliases in page text, leftmost-longest, whole
 * words, with offsets into the original string. See docs/benchmarks.md for how
 * it scales to a million aliases.
 */
import { aligned, SectionReader, writeSections } from './binary.ts';
import { allocNormalized, endOf, normalizeKey, normalizeText, verifyForm, type NormalizedText } from './normalize.ts';
import { scanLongest, type ScanHit } from './scan.ts';
import { segmentBoundaries } from './segment-boundaries.ts';
import { StringTable } from './string-table.ts';
import { CompactTrie } from './trie.ts';

export interface AliasEntry {
  alias: string;
  entityId: string;
  /**
   * Default: auto. An alias with no lowercase letters and at least two uppercase
   * letters ("ICE", "NYPD", "U.S.") is case-sensitive; others are not.
   */
  caseSensitive?: boolean;
  /** Whether "Zürich" and "Zurich" match each other; default from the matcher's options (true). */
  foldDiacritics?: boolean;
}

export interface EntityMatch {
  /** UTF-16 offsets into the original input string. */
  start: number;
  end: number;
  text: string;
  /** Every entity sharing the matched alias (ambiguity), deduplicated. */
  entityIds: string[];
}

export interface EntityMatcherOptions {
  /** Default for aliases that do not say: fold diacritics (true). */
  foldDiacritics?: boolean;
}

/** An alias that needs its exact form re-checked on the page (case- or diacritic-sensitive). */
interface Verify {
  form: string;
  caseSensitive: boolean;
  diacriticSensitive: boolean;
}

const MAGIC = 0x4d534c47; // "GLSM" little-endian
/** 2: interleaved trie nodes (label, child delta, terminal bit). */
const FORMAT_VERSION = 2;
const HEADER_WORDS = 8;
/** In items[t]: the terminal has several items, stored at multi[v & ~MULTI_FLAG] as [count, item...]. */
const MULTI_FLAG = 0x80000000;
/** In an item: the entity index needs its alias's exact form checked (see Verify). */
const VERIFY_FLAG = 0x40000000;
const ENTITY_MASK = 0x3fffffff;

/** "ICE", "NYPD", "U.S.": no lowercase letter and at least two capitals. */
export function isAcronym(alias: string): boolean {
  if (/\p{Ll}/u.test(alias)) return false;
  let upper = 0;
  for (const _ of alias.matchAll(/\p{Lu}/gu)) if (++upper >= 2) return true;
  return false;
}

export class EntityMatcher {
  /**
   * Version of serialize()'s format. load() throws on any other version, so a
   * cache of serialised matchers should key on it (or rebuild when load throws).
   */
  static readonly formatVersion: number = FORMAT_VERSION;

  private scratch: NormalizedText = allocNormalized(1024);

  private constructor(
    private readonly trie: CompactTrie,
    /**
     * One word per terminal: most aliases name one entity, so the item is
     * stored inline; ambiguous keys point into `multi` (MULTI_FLAG).
     */
    private readonly items: Uint32Array,
    private readonly multi: Uint32Array,
    /** Keyed by item slot: t for items[t], items.length + k for multi[k]. */
    private readonly verify: Map<number, Verify>,
    private readonly ids: StringTable,
    readonly aliasCount: number,
  ) {}

  static build(entries: Iterable<AliasEntry>, options: EntityMatcherOptions = {}): EntityMatcher {
    const foldByDefault = options.foldDiacritics ?? true;
    const idIndex = new Map<string, number>();
    const idList: string[] = [];
    // key -> flat list of [entityIndex, verifyIndex(-1 if none)] pairs
    const byKey = new Map<string, number[]>();
    const verifyList: Verify[] = [];
    const verifyIndex = new Map<string, number>();
    let aliasCount = 0;
    for (const e of entries) {
      const key = normalizeKey(e.alias, false);
      if (key === '') continue;
      aliasCount++;
      let ent = idIndex.get(e.entityId);
      if (ent === undefined) {
        ent = idList.length;
        if (ent > ENTITY_MASK) throw new Error('too many entities for one matcher');
        idList.push(e.entityId);
        idIndex.set(e.entityId, ent);
      }
      const cs = e.caseSensitive ?? isAcronym(e.alias);
      const ds = !(e.foldDiacritics ?? foldByDefault);
      let v = -1;
      if (cs || ds) {
        const form = verifyForm(e.alias, cs, ds);
        const vk = `${cs ? 1 : 0}${ds ? 1 : 0}${form}`;
        v = verifyIndex.get(vk) ?? -1;
        if (v < 0) {
          v = verifyList.length;
          verifyList.push({ form, caseSensitive: cs, diacriticSensitive: ds });
          verifyIndex.set(vk, v);
        }
      }
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [ent, v]);
      else {
        let dup = false;
        for (let k = 0; k < list.length; k += 2) if (list[k] === ent && list[k + 1] === v) dup = true;
        if (!dup) list.push(ent, v);
      }
    }
    // Sorted ids share prefixes (front coding); items refer to sorted positions.
    const sortedIds = idList.slice().sort();
    const rank = new Uint32Array(idList.length);
    for (let i = 0; i < sortedIds.length; i++) rank[idIndex.get(sortedIds[i]!)!] = i;

    const keys = [...byKey.keys()].sort();
    const { trie, terminalKeys } = CompactTrie.build(keys);
    const T = terminalKeys.length;
    const items = new Uint32Array(T);
    const multi: number[] = [];
    const verify = new Map<number, Verify>();
    for (let t = 0; t < T; t++) {
      const list = byKey.get(keys[terminalKeys[t]!]!)!;
      const code = (k: number): number => (list[k + 1]! >= 0 ? rank[list[k]!]! | VERIFY_FLAG : rank[list[k]!]!);
      if (list.length === 2) {
        items[t] = code(0);
        if (list[1]! >= 0) verify.set(t, verifyList[list[1]!]!);
        continue;
      }
      items[t] = (multi.length | MULTI_FLAG) >>> 0;
      multi.push(list.length >>> 1);
      // Unverified items first so the common case resolves without checks.
      for (const pass of [false, true]) {
        for (let k = 0; k < list.length; k += 2) {
          const v = list[k + 1]!;
          if (v >= 0 !== pass) continue;
          if (v >= 0) verify.set(T + multi.length, verifyList[v]!);
          multi.push(code(k));
        }
      }
    }
    return new EntityMatcher(trie, items, Uint32Array.from(multi), verify, StringTable.build(sortedIds), aliasCount);
  }

  match(text: string): EntityMatch[] {
    const norm = normalizeText(text, false, this.scratch);
    // Keep the buffer for the next page, unless one huge text grew it (6 bytes per character).
    this.scratch = norm.units.length > 1 << 20 ? allocNormalized(1024) : norm;
    const hits: ScanHit<string[]>[] = [];
    const { items, multi, verify, ids } = this;
    const T = items.length;
    // Checks one item; `exact` (the matched original text) is sliced lazily: most candidates never need it.
    let exact: string | undefined;
    const accept = (code: number, slot: number, i: number, j: number): boolean => {
      if ((code & VERIFY_FLAG) === 0) return true;
      const v = verify.get(slot)!;
      exact ??= text.slice(norm.start[i]!, endOf(text, norm, j - 1));
      return verifyForm(exact, v.caseSensitive, v.diacriticSensitive) === v.form;
    };
    scanLongest(
      this.trie,
      norm,
      (t, i, j) => {
        exact = undefined;
        const v = items[t]!;
        if ((v & MULTI_FLAG) === 0) return accept(v, t, i, j) ? [ids.get(v & ENTITY_MASK)] : null;
        const at = v & ~MULTI_FLAG;
        const count = multi[at]!;
        const out: string[] = [];
        for (let k = at + 1; k <= at + count; k++) {
          const code = multi[k]!;
          if (!accept(code, T + k, i, j)) continue;
          const id = ids.get(code & ENTITY_MASK);
          if (!out.includes(id)) out.push(id);
        }
        return out.length > 0 ? out : null;
      },
      hits,
      segmentBoundaries(text, norm),
    );
    return hits.map((h) => {
      const start = norm.start[h.i]!;
      const end = endOf(text, norm, h.j - 1);
      return { start, end, text: text.slice(start, end), entityIds: h.value };
    });
  }

  /** Versioned binary form; load() maps it back without rebuilding anything. */
  serialize(): Uint8Array {
    const header = new Uint32Array(HEADER_WORDS);
    header[0] = MAGIC;
    header[1] = FORMAT_VERSION;
    header[2] = this.aliasCount;
    header[3] = this.trie.nodeCount;
    header[4] = this.items.length;
    header[5] = this.trie.fcShift;
    const verifyJson = JSON.stringify([...this.verify].map(([k, v]) => [k, v.form, v.caseSensitive, v.diacriticSensitive]));
    const t = this.trie;
    return writeSections(header, [
      t.nodes,
      t.fcBase,
      t.termBits,
      t.termRank,
      this.items,
      this.multi,
      this.ids.bytes,
      this.ids.buckets,
      new TextEncoder().encode(verifyJson),
    ]);
  }

  static load(input: Uint8Array): EntityMatcher {
    const bytes = aligned(input);
    if (bytes.byteLength < HEADER_WORDS * 4) throw new Error('not a Gloss matcher: too short');
    const header = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
    if (header[0] !== MAGIC) throw new Error('not a Gloss matcher: bad magic');
    if (header[1] !== FORMAT_VERSION) throw new Error(`unsupported matcher format version ${header[1]}`);
    const r = new SectionReader(bytes, HEADER_WORDS * 4);
    const trie = new CompactTrie({
      nodes: r.u16(),
      fcBase: r.u32(),
      fcShift: header[5]!,
      termBits: r.u32(),
      termRank: r.u32(),
    });
    if (trie.nodeCount !== header[3]) throw new Error('matcher bytes corrupt: node count');
    const items = r.u32();
    if (items.length !== header[4]) throw new Error('matcher bytes corrupt: terminal count');
    const multi = r.u32();
    const ids = new StringTable(r.u8(), r.u32());
    const verifyRaw = JSON.parse(new TextDecoder().decode(r.u8())) as [number, string, boolean, boolean][];
    const verify = new Map<number, Verify>();
    for (const [k, form, cs, ds] of verifyRaw) verify.set(k, { form, caseSensitive: cs, diacriticSensitive: ds });
    return new EntityMatcher(trie, items, multi, verify, ids, header[2]!);
  }

  /** Bytes held by the matcher's arrays (for benchmarks and memory budgets). */
  get byteSize(): number {
    const t = this.trie;
    return (
      t.nodes.byteLength +
      t.fcBase.byteLength +
      t.termBits.byteLength +
      t.termRank.byteLength +
      t.rootTable.byteLength +
      this.items.byteLength +
      this.multi.byteLength +
      this.ids.bytes.byteLength +
      this.ids.buckets.byteLength
    );
  }

  get nodeCount(): number {
    return this.trie.nodeCount;
  }
}
