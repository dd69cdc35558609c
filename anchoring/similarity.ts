/** Small string-similarity helpers used to score anchoring candidates. */

/** Levenshtein distance, O(a·b) time and O(b) memory; meant for short strings (context ≤ 32 chars). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const del = (prev[j] as number) + 1;
      const ins = (cur[j - 1] as number) + 1;
      const sub = (prev[j - 1] as number) + cost;
      cur[j] = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
    }
    const tmp = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[b.length] as number;
}

/** 1 - distance / length of `expected`, clamped to 0..1. */
export function similarity(expected: string, actual: string): number {
  if (expected.length === 0) return actual.length === 0 ? 1 : 0;
  return Math.max(0, 1 - editDistance(expected, actual) / expected.length);
}
