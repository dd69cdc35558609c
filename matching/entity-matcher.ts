/**
 * EntityMatcher: finds known aliases in page text, leftmost-longest, whole
 * words, with offsets into the original string. See docs/benchmarks.md for how
 * it scales to a million aliases.
 */
import { aligned, SectionReader, writeSections } from './binary.ts';
import { allocNormalized, normalizeKey, normalizeText, verifyForm, type NormalizedText } from './normalize.ts';
import { scanLongest, type ScanHit } from './scan.ts';
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
const FORMAT_VERSION = 1;
const HEADER_WORDS = 8;
const VERIFY_FLAG = 0x80000000;

/** "ICE", "NYPD", "U.S.": no lowercase letter and at least two capitals. */
export function isAcronym(alias: string): boolean {
  if (/\p{Ll}/u.test(alias)) return false;
  let upper = 0;
  for (const _ of alias.matchAll(/\p{Lu}/gu)) if (++upper >= 2) return true;
  return false;
}

export class EntityMatcher {
  private scratch: NormalizedText = allocNormalized(1024);

  private constructor(
    private readonly trie: CompactTrie,
    /** Items of terminal t are items[itemStart[t] .. itemStart[t+1]). */
    private readonly itemStart: Uint32Array,
    /** String-table index of the entity, with VERIFY_FLAG when the item needs a check. */
    private readonly items: Uint32Array,
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
    const keys = [...byKey.keys()].sort();
    const { trie, terminalKeys } = CompactTrie.build(keys);
    const itemStart = new Uint32Array(terminalKeys.length + 1);
    let total = 0;
    for (let t = 0; t < terminalKeys.length; t++) {
      total += byKey.get(keys[terminalKeys[t]!]!)!.length >>> 1;
      itemStart[t + 1] = total;
    }
    const items = new Uint32Array(total);
    const verify = new Map<number, Verify>();
    let at = 0;
    for (let t = 0; t < terminalKeys.length; t++) {
      const list = byKey.get(keys[terminalKeys[t]!]!)!;
      // Unverified items first so the common case resolves without checks.
      for (const pass of [false, true]) {
        for (let k = 0; k < list.length; k += 2) {
          const v = list[k + 1]!;
          if (v >= 0 !== pass) continue;
          items[at] = v >= 0 ? (list[k]! | VERIFY_FLAG) >>> 0 : list[k]!;
          if (v >= 0) verify.set(at, verifyList[v]!);
          at++;
        }
      }
    }
    return new EntityMatcher(trie, itemStart, items, verify, StringTable.build(idList), aliasCount);
  }

  match(text: string): EntityMatch[] {
    const norm = normalizeText(text, false, this.scratch);
    this.scratch = norm;
    const hits: ScanHit<string[]>[] = [];
    const { itemStart, items, verify, ids } = this;
    scanLongest(
      this.trie,
      norm,
      (t, i, j) => {
        const a = itemStart[t]!;
        const b = itemStart[t + 1]!;
        const out: string[] = [];
        let exact: string | undefined;
        for (let k = a; k < b; k++) {
          const item = items[k]!;
          if (item & VERIFY_FLAG) {
            const v = verify.get(k)!;
            // Sliced lazily: most candidates never need it.
            exact ??= text.slice(norm.start[i]!, norm.end[j - 1]!);
            if (verifyForm(exact, v.caseSensitive, v.diacriticSensitive) !== v.form) continue;
            const id = ids.get(item & ~VERIFY_FLAG);
            if (!out.includes(id)) out.push(id);
          } else out.push(ids.get(item));
        }
        return out.length > 0 ? out : null;
      },
      hits,
    );
    return hits.map((h) => {
      const start = norm.start[h.i]!;
      const end = norm.end[h.j - 1]!;
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
    const verifyJson = JSON.stringify([...this.verify].map(([k, v]) => [k, v.form, v.caseSensitive, v.diacriticSensitive]));
    return writeSections(header, [
      this.trie.labels,
      this.trie.firstChild,
      this.trie.termBits,
      this.trie.termRank,
      this.itemStart,
      this.items,
      this.ids.bytes,
      this.ids.offsets,
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
    const trie = new CompactTrie({ labels: r.u16(), firstChild: r.i32(), termBits: r.u32(), termRank: r.u32() });
    if (trie.nodeCount !== header[3]) throw new Error('matcher bytes corrupt: node count');
    const itemStart = r.u32();
    const items = r.u32();
    const ids = new StringTable(r.u8(), r.u32());
    const verifyRaw = JSON.parse(new TextDecoder().decode(r.u8())) as [number, string, boolean, boolean][];
    const verify = new Map<number, Verify>();
    for (const [k, form, cs, ds] of verifyRaw) verify.set(k, { form, caseSensitive: cs, diacriticSensitive: ds });
    return new EntityMatcher(trie, itemStart, items, verify, ids, header[2]!);
  }

  /** Bytes held by the matcher's arrays (for benchmarks and memory budgets). */
  get byteSize(): number {
    const t = this.trie;
    return (
      t.labels.byteLength +
      t.firstChild.byteLength +
      t.termBits.byteLength +
      t.termRank.byteLength +
      t.rootTable.byteLength +
      this.itemStart.byteLength +
      this.items.byteLength +
      this.ids.bytes.byteLength +
      this.ids.offsets.byteLength
    );
  }

  get nodeCount(): number {
    return this.trie.nodeCount;
  }
}
