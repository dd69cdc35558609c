/**
 * mulberry32: a small, fast, seedable PRNG. Used wherever a run must replay from its seed
 * (the sync fault test, benchmark sampling, the paired significance tests, generated
 * hostile inputs); its quality is ample for all of them. Pure: no browser or Node API.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
