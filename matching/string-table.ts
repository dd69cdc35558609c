/**
 * Entity ids as one UTF-8 blob plus offsets: ~1 byte per ASCII character
 * instead of a JS string object per id, and directly serialisable. Ids are
 * decoded on demand (a page yields tens of matches, not millions) and cached.
 */
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export class StringTable {
  private readonly cache = new Map<number, string>();

  constructor(
    readonly bytes: Uint8Array,
    readonly offsets: Uint32Array,
  ) {}

  static build(strings: readonly string[]): StringTable {
    const offsets = new Uint32Array(strings.length + 1);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < strings.length; i++) {
      const b = encoder.encode(strings[i]!);
      chunks.push(b);
      total += b.length;
      offsets[i + 1] = total;
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const b of chunks) {
      bytes.set(b, at);
      at += b.length;
    }
    return new StringTable(bytes, offsets);
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  get(i: number): string {
    let s = this.cache.get(i);
    if (s === undefined) {
      s = decoder.decode(this.bytes.subarray(this.offsets[i]!, this.offsets[i + 1]!));
      this.cache.set(i, s);
    }
    return s;
  }
}
