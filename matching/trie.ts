/**
 * A static character trie over UTF-16 code units, stored as typed arrays
 * (about 4.3 bytes per node, versus ~180 bytes per alias for a trie of objects
 * or Maps):
 *
 *   labels[n]      code unit on the edge into node n (Uint16)
 *   firstChild(n)  id of n's first child; children of n are the contiguous ids
 *                  firstChild(n) .. firstChild(n+1)-1, sorted by label (nodes
 *                  are numbered breadth-first, which makes this hold). Stored
 *                  as fcBase[n >> fcShift] + fcDelta[n]: a Uint32 per block of
 *                  2^fcShift nodes plus a Uint16 per node, half of an Int32 per
 *                  node. fcShift is the largest block size (up to 64) whose
 *                  deltas all fit in 16 bits; 0 degrades to a plain array.
 *   termBits       one bit per node: does a key end here?
 *   termRank       popcount of termBits before each 32-bit word, so a terminal
 *                  node's payload index is a rank query, not a per-node Int32
 *
 * The root's children are also indexed by a 64k direct table (built at load,
 * not stored), because the root has the widest fan-out and is looked up at
 * every word start.
 */

export interface TrieArrays {
  labels: Uint16Array;
  fcBase: Uint32Array;
  fcDelta: Uint16Array;
  fcShift: number;
  termBits: Uint32Array;
  termRank: Uint32Array;
}

export class CompactTrie {
  readonly labels: Uint16Array;
  readonly fcBase: Uint32Array;
  readonly fcDelta: Uint16Array;
  readonly fcShift: number;
  readonly termBits: Uint32Array;
  readonly termRank: Uint32Array;
  /** root child id by first code unit, -1 when absent. */
  readonly rootTable: Int32Array;

  constructor(a: TrieArrays) {
    this.labels = a.labels;
    this.fcBase = a.fcBase;
    this.fcDelta = a.fcDelta;
    this.fcShift = a.fcShift;
    this.termBits = a.termBits;
    this.termRank = a.termRank;
    if (this.fcDelta.length !== this.labels.length + 1 || this.fcBase.length !== ((this.labels.length >>> this.fcShift) + 1)) {
      throw new Error('matcher bytes corrupt: trie arrays disagree');
    }
    this.rootTable = new Int32Array(65536).fill(-1);
    if (this.labels.length > 0) {
      const end = this.firstChild(1);
      for (let c = this.firstChild(0); c < end; c++) this.rootTable[this.labels[c]!] = c;
    }
  }

  firstChild(n: number): number {
    return this.fcBase[n >>> this.fcShift]! + this.fcDelta[n]!;
  }

  get nodeCount(): number {
    return this.labels.length;
  }

  /**
   * Build from keys sorted by UTF-16 code unit (Array.prototype.sort's default
   * order) and without duplicates. Returns the trie and, for each terminal in
   * rank order, the index of its key.
   */
  static build(sortedKeys: readonly string[]): { trie: CompactTrie; terminalKeys: Int32Array } {
    // Breadth-first: node n covers keys [lo[n], hi[n]) that share its depth-long prefix.
    let cap = 1024;
    let lo = new Int32Array(cap);
    let hi = new Int32Array(cap);
    let depthOf = new Int32Array(cap);
    let labels = new Uint16Array(cap);
    let firstChild = new Int32Array(cap + 1);
    const terminals: number[] = [];
    const terminalKeys: number[] = [];
    lo[0] = 0;
    hi[0] = sortedKeys.length;
    depthOf[0] = 0;
    let count = 1;
    for (let n = 0; n < count; n++) {
      firstChild[n] = count;
      const d = depthOf[n]!;
      let k = lo[n]!;
      const h = hi[n]!;
      if (k < h && sortedKeys[k]!.length === d) {
        terminals.push(n);
        terminalKeys.push(k);
        k++;
      }
      while (k < h) {
        const key = sortedKeys[k]!;
        const ch = key.charCodeAt(d);
        let k2 = k + 1;
        while (k2 < h && sortedKeys[k2]!.charCodeAt(d) === ch) k2++;
        if (count >= cap) {
          cap *= 2;
          lo = growI32(lo, cap);
          hi = growI32(hi, cap);
          depthOf = growI32(depthOf, cap);
          firstChild = growI32(firstChild, cap + 1);
          const l2 = new Uint16Array(cap);
          l2.set(labels);
          labels = l2;
        }
        labels[count] = ch;
        lo[count] = k;
        hi[count] = k2;
        depthOf[count] = d + 1;
        count++;
        k = k2;
      }
    }
    firstChild[count] = count;
    const words = (count + 31) >>> 5;
    const termBits = new Uint32Array(words);
    for (const t of terminals) termBits[t >>> 5]! |= 1 << (t & 31);
    const termRank = new Uint32Array(words);
    let acc = 0;
    for (let w = 0; w < words; w++) {
      termRank[w] = acc;
      acc += popcount(termBits[w]!);
    }
    const trie = new CompactTrie({ labels: labels.slice(0, count), ...splitFirstChild(firstChild, count + 1), termBits, termRank });
    return { trie, terminalKeys: Int32Array.from(terminalKeys) };
  }

  /** Child of `node` along code unit `c`, or -1. */
  child(node: number, c: number): number {
    if (node === 0) return this.rootTable[c]!;
    return findChild(this.labels, this.firstChild(node), this.firstChild(node + 1), c);
  }

  /** Payload index of a terminal node, or -1 if no key ends at `node`. */
  terminalIndex(node: number): number {
    const w = node >>> 5;
    const bit = 1 << (node & 31);
    const bits = this.termBits[w]!;
    if ((bits & bit) === 0) return -1;
    return this.termRank[w]! + popcount(bits & (bit - 1));
  }

  /** Exact lookup of a folded key (used by tests and tooling). */
  lookup(key: string): number {
    let node = 0;
    for (let i = 0; i < key.length; i++) {
      node = this.child(node, key.charCodeAt(i));
      if (node < 0) return -1;
    }
    return this.terminalIndex(node);
  }
}

/** Block base + 16-bit delta encoding of the monotone firstChild array (see the header comment). */
function splitFirstChild(fc: Int32Array, len: number): { fcBase: Uint32Array; fcDelta: Uint16Array; fcShift: number } {
  for (let shift = 6; ; shift--) {
    const fcBase = new Uint32Array((len - 1 >>> shift) + 1);
    const fcDelta = new Uint16Array(len);
    let ok = true;
    for (let n = 0; n < len; n++) {
      const b = n >>> shift;
      if ((n & ((1 << shift) - 1)) === 0) fcBase[b] = fc[n]!;
      const d = fc[n]! - fcBase[b]!;
      if (d > 0xffff) {
        ok = false;
        break;
      }
      fcDelta[n] = d;
    }
    if (ok || shift === 0) return { fcBase, fcDelta, fcShift: shift };
  }
}

/** Children are sorted by label: linear scan for small fan-out, binary search above. */
export function findChild(labels: Uint16Array, a: number, b: number, c: number): number {
  if (b - a <= 8) {
    for (let i = a; i < b; i++) {
      const l = labels[i]!;
      if (l === c) return i;
      if (l > c) return -1;
    }
    return -1;
  }
  let lo = a;
  let hi = b - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const l = labels[mid]!;
    if (l < c) lo = mid + 1;
    else if (l > c) hi = mid - 1;
    else return mid;
  }
  return -1;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function growI32(a: Int32Array, cap: number) {
  const b = new Int32Array(cap);
  b.set(a.subarray(0, Math.min(a.length, cap)));
  return b;
}
