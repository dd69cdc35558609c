/**
 * Entity ids as a front-coded UTF-8 blob: ids are sorted, cut into buckets of
 * 16, and each id after a bucket's first stores only the length of the prefix
 * it shares with the previous id plus the rest. Knowledge-base ids share long
 * prefixes ("wikidata:Q1234..."), so a million ids take ~5 bytes each instead
 * of ~17 for a plain blob plus offsets, and far less than a JS string each.
 * Ids are decoded on demand (a page yields tens of matches) and cached.
 */
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const BUCKET = 16;

export class StringTable {
  private readonly cache = new Map<number, string>();

  constructor(
    /** Per bucket: count-prefixed entries; see build(). */
    readonly bytes: Uint8Array,
    /** Byte offset of each bucket, plus the total id count as the last element. */
    readonly buckets: Uint32Array,
  ) {}

  /** `sorted` must be sorted (any consistent order works; sorting is what makes prefixes shared). */
  static build(sorted: readonly string[]): StringTable {
    const buckets = new Uint32Array(Math.ceil(sorted.length / BUCKET) + 1);
    let out = new Uint8Array(1024);
    let at = 0;
    const put = (b: number): void => {
      if (at === out.length) {
        const o2 = new Uint8Array(out.length * 2);
        o2.set(out);
        out = o2;
      }
      out[at++] = b;
    };
    const varint = (v: number): void => {
      while (v >= 0x80) {
        put((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      put(v);
    };
    let prev = new Uint8Array(0);
    for (let i = 0; i < sorted.length; i++) {
      const cur = encoder.encode(sorted[i]!);
      let shared = 0;
      if (i % BUCKET === 0) buckets[i / BUCKET] = at;
      else {
        const max = Math.min(prev.length, cur.length);
        while (shared < max && prev[shared] === cur[shared]) shared++;
      }
      varint(shared);
      varint(cur.length - shared);
      for (let k = shared; k < cur.length; k++) put(cur[k]!);
      prev = cur;
    }
    buckets[buckets.length - 1] = sorted.length;
    return new StringTable(out.slice(0, at), buckets);
  }

  get size(): number {
    return this.buckets[this.buckets.length - 1]!;
  }

  get(i: number): string {
    let s = this.cache.get(i);
    if (s === undefined) {
      s = decoder.decode(this.decode(i));
      this.cache.set(i, s);
    }
    return s;
  }

  private decode(i: number): Uint8Array {
    const bytes = this.bytes;
    let at = this.buckets[Math.floor(i / BUCKET)]!;
    let cur = new Uint8Array(0);
    const varint = (): number => {
      let v = 0;
      let shift = 0;
      for (;;) {
        const b = bytes[at++]!;
        v |= (b & 0x7f) << shift;
        if (b < 0x80) return v >>> 0;
        shift += 7;
      }
    };
    for (let k = i - (i % BUCKET); k <= i; k++) {
      const shared = varint();
      const rest = varint();
      const next = new Uint8Array(shared + rest);
      next.set(cur.subarray(0, shared));
      next.set(bytes.subarray(at, at + rest), shared);
      at += rest;
      cur = next;
    }
    return cur;
  }
}
