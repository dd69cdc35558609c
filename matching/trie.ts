/**
 * A static character trie over UTF-16 code units, stored as typed arrays
 * (about 4.3 bytes per node, versus ~180 bytes per alias for a trie of objects
 * or Maps). Nodes are numbered breadth-first, so the children of n are the
 * contiguous ids firstChild(n) .. firstChild(n+1)-1, sorted by label.
 *
 *   nodes[2n]      code unit on the edge into node n
 *   nodes[2n+1]    (delta << 1) | terminal, where firstChild(n) =
 *                  fcBase[n >> fcShift] + delta: a Uint32 per block of
 *                  2^fcShift nodes plus 15 bits per node instead of an Int32.
 *                  fcShift is the largest block size (up to 64) whose deltas
 *                  all fit; 0 degrades to a plain array. The terminal bit says
 *                  whether a key ends at n.
 *   termBits       the terminal bits again, one per node, with
 *   termRank       popcount of termBits before each 32-bit word, so a terminal
 *                  node's payload index is a rank query, not a per-node Int32.
 *
 * Label, delta and terminal bit are interleaved because a walk step reads
 * them together: searching n's children for a label touches exactly the
 * memory that holds those children's deltas and terminal bits, so a step
 * costs about one cache miss instead of three at a million aliases.
 * A sentinel node N ends the array so that firstChild(N) needs no branch.
 *
 * The root's children are also indexed by a 64k direct table (built at load,
 * not stored), because the root has the widest fan-out and is looked up at
 * every word start.
 */

export interface TrieArrays {
  nodes: Uint16Array;
  fcBase: Uint32Array;
  fcShift: number;
  termBits: Uint32Array;
  termRank: Uint32Array;
}

export class CompactTrie {
  readonly nodes: Uint16Array;
  readonly fcBase: Uint32Array;
  readonly fcShift: number;
  readonly termBits: Uint32Array;
  readonly termRank: Uint32Array;
  /** root child id by first code unit, -1 when absent. */
  readonly rootTable: Int32Array;

  constructor(a: TrieArrays) {
    this.nodes = a.nodes;
    this.fcBase = a.fcBase;
    this.fcShift = a.fcShift;
    this.termBits = a.termBits;
    this.termRank = a.termRank;
    const n = this.nodeCount;
    if (n < 1 || this.nodes.length % 2 !== 0 || this.fcBase.length !== (n >>> this.fcShift) + 1 || this.termBits.length !== (n + 31) >>> 5) {
      throw new Error('matcher bytes corrupt: trie arrays disagree');
    }
    this.rootTable = new Int32Array(65536).fill(-1);
    const end = this.firstChild(1);
    for (let c = this.firstChild(0); c < end; c++) this.rootTable[this.nodes[2 * c]!] = c;
  }

  firstChild(n: number): number {
    return this.fcBase[n >>> this.fcShift]! + (this.nodes[2 * n + 1]! >>> 1);
  }

  get nodeCount(): number {
    return this.nodes.length / 2 - 1;
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
    const trie = new CompactTrie({ ...interleave(labels, firstChild, termBits, count), termBits, termRank });
    return { trie, terminalKeys: Int32Array.from(terminalKeys) };
  }

  /** Child of `node` along code unit `c`, or -1. */
  child(node: number, c: number): number {
    if (node === 0) return this.rootTable[c]!;
    return findChild(this.nodes, this.firstChild(node), this.firstChild(node + 1), c);
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

/** Interleaved nodes array with block base + 15-bit delta encoding of firstChild (see the header comment). */
function interleave(
  labels: Uint16Array,
  fc: Int32Array,
  termBits: Uint32Array,
  count: number,
): { nodes: Uint16Array; fcBase: Uint32Array; fcShift: number } {
  const len = count + 1; // with the sentinel
  for (let shift = 6; ; shift--) {
    const fcBase = new Uint32Array(((len - 1) >>> shift) + 1);
    const nodes = new Uint16Array(2 * len);
    let ok = true;
    for (let n = 0; n < len; n++) {
      const b = n >>> shift;
      if ((n & ((1 << shift) - 1)) === 0) fcBase[b] = fc[n]!;
      const d = fc[n]! - fcBase[b]!;
      if (d > 0x7fff) {
        ok = false;
        break;
      }
      const term = n < count ? (termBits[n >>> 5]! >>> (n & 31)) & 1 : 0;
      nodes[2 * n] = n < count ? labels[n]! : 0;
      nodes[2 * n + 1] = (d << 1) | term;
    }
    if (ok || shift === 0) return { nodes, fcBase, fcShift: shift };
  }
}

/** Children are sorted by label (at even indices of `nodes`): linear scan for small fan-out, binary search above. */
export function findChild(nodes: Uint16Array, a: number, b: number, c: number): number {
  if (b - a <= 8) {
    for (let i = a; i < b; i++) {
      const l = nodes[2 * i]!;
      if (l === c) return i;
      if (l > c) return -1;
    }
    return -1;
  }
  let lo = a;
  let hi = b - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const l = nodes[2 * mid]!;
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
