/**
 * Leftmost-longest, non-overlapping scan of normalised text against a trie.
 *
 * A walk starts only at word starts, so a plain trie walk is enough (no
 * Aho-Corasick failure links): a match can only begin where a word begins, and
 * from there the trie gives every key that is a prefix of the text. The cost
 * per page is the number of characters times the (short) depth of the walks,
 * independent of how many aliases the trie holds.
 */
import { CLASS_TABLE, CLASS_UNKNOWN, CLS_MARK, CLS_OTHER, CLS_SOLO, CLS_WORD, charClass } from './chars.ts';
import type { NormalizedText } from './normalize.ts';
import { BOUNDARY_FREE, BOUNDARY_NO, BOUNDARY_YES } from './segment-boundaries.ts';
import { findChild, type CompactTrie } from './trie.ts';

/**
 * Decides whether the key with payload `terminal`, matched on units [i, j),
 * really matches (e.g. case-sensitive check); returns its value or null.
 */
export type Resolver<T> = (terminal: number, i: number, j: number) => T | null;

export interface ScanHit<T> {
  /** First and past-the-last normalised unit. */
  i: number;
  j: number;
  value: T;
}

let stackT = new Int32Array(64);
let stackJ = new Int32Array(64);

function cls(u: number): number {
  const c = CLASS_TABLE[u]!;
  return c === CLASS_UNKNOWN ? charClass(u) : c;
}

/** Can a match end between units j-1 and j? */
function endAllowed(units: Uint16Array, n: number, j: number, seg: Uint8Array | null): boolean {
  if (seg !== null && seg[j] !== BOUNDARY_FREE) return seg[j] === BOUNDARY_YES;
  const next = j < n ? cls(units[j]!) : CLS_OTHER;
  if (next === CLS_MARK) return false;
  if (next === CLS_OTHER || next === CLS_SOLO) return true;
  const last = cls(units[j - 1]!);
  return last === CLS_OTHER || last === CLS_SOLO;
}

/**
 * `seg` (from segmentBoundaries) overrides the character-class rules between
 * two letters of scripts written without spaces, where it has a verdict.
 */
export function scanLongest<T>(
  trie: CompactTrie,
  norm: NormalizedText,
  resolve: Resolver<T>,
  hits: ScanHit<T>[],
  seg: Uint8Array | null = null,
): void {
  const units = norm.units;
  const n = norm.length;
  const nodes = trie.nodes;
  const fcBase = trie.fcBase;
  const fcShift = trie.fcShift;
  const rootTable = trie.rootTable;
  const termBits = trie.termBits;
  const termRank = trie.termRank;
  const table = CLASS_TABLE;
  // Class of the previous unit, with marks taking their base's class.
  let prev = CLS_OTHER;
  let i = 0;
  while (i < n) {
    const u = units[i]!;
    let c = table[u]!;
    if (c === CLASS_UNKNOWN) c = charClass(u);
    if (c === CLS_MARK) {
      if (prev === CLS_OTHER) prev = CLS_WORD;
      i++;
      continue;
    }
    if ((prev === CLS_WORD && c === CLS_WORD) || (seg !== null && seg[i] === BOUNDARY_NO)) {
      prev = c;
      i++;
      continue;
    }
    // Word start (or punctuation after a boundary): walk the trie.
    let node = rootTable[u]!;
    let cnt = 0;
    let j = i + 1;
    while (node >= 0) {
      const meta = nodes[2 * node + 1]!;
      if ((meta & 1) !== 0 && endAllowed(units, n, j, seg)) {
        if (cnt === stackT.length) {
          const t2 = new Int32Array(cnt * 2);
          t2.set(stackT);
          stackT = t2;
          const j2 = new Int32Array(cnt * 2);
          j2.set(stackJ);
          stackJ = j2;
        }
        const w = node >>> 5;
        stackT[cnt] = termRank[w]! + popcountBelow(termBits[w]!, 1 << (node & 31));
        stackJ[cnt] = j;
        cnt++;
      }
      if (j >= n) break;
      const a = fcBase[node >>> fcShift]! + (meta >>> 1);
      const b = fcBase[(node + 1) >>> fcShift]! + (nodes[2 * node + 3]! >>> 1);
      node = a === b ? -1 : findChild(nodes, a, b, units[j]!);
      j++;
    }
    let matched = false;
    for (let k = cnt - 1; k >= 0; k--) {
      const end = stackJ[k]!;
      const value = resolve(stackT[k]!, i, end);
      if (value !== null) {
        hits.push({ i, j: end, value });
        i = end;
        const last = cls(units[end - 1]!);
        prev = last === CLS_MARK ? CLS_WORD : last;
        matched = true;
        break;
      }
    }
    if (!matched) {
      prev = c;
      i++;
    }
  }
}

function popcountBelow(bits: number, bit: number): number {
  let x = bits & (bit - 1);
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
