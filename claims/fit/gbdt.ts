/**
 * Gradient-boosted regression trees over histogram bins, trained pointwise
 * (logistic loss) or with LambdaRank gradients. Node-only, for the
 * experiments in claims/fit/embeddings.ts; the extension does not use it.
 */
export interface Row { x: Float64Array; y: number; q: number }
interface Node { f: number; thr: number; l: Node | number; r: Node | number }
type Tree = Node | number;
const BINS = 32;

export function fitGbdt(rows: Row[], nf: number, opts: { trees: number; depth: number; lr: number; minLeaf: number; lambdaRank: boolean; sub?: number }): (x: Float64Array) => number {
  // Quantile thresholds per feature.
  const thr: number[][] = [];
  for (let f = 0; f < nf; f++) {
    const v = rows.map((r) => r.x[f]!).sort((a, b) => a - b);
    const t: number[] = [];
    for (let b = 1; b < BINS; b++) { const x = v[Math.floor((b * v.length) / BINS)]!; if (!t.length || x > t[t.length - 1]!) t.push(x); }
    thr.push(t);
  }
  const bin = rows.map((r) => Uint8Array.from({ length: nf }, (_, f) => { const t = thr[f]!; let b = 0; while (b < t.length && r.x[f]! > t[b]!) b++; return b; }));
  const F = new Float64Array(rows.length);
  const trees: Tree[] = [];
  const byQ = new Map<number, number[]>();
  rows.forEach((r, i) => { const l = byQ.get(r.q) ?? []; l.push(i); byQ.set(r.q, l); });
  for (let t = 0; t < opts.trees; t++) {
    const g = new Float64Array(rows.length), h = new Float64Array(rows.length);
    if (!opts.lambdaRank) {
      for (let i = 0; i < rows.length; i++) { const p = 1 / (1 + Math.exp(-F[i]!)); g[i] = rows[i]!.y - p; h[i] = Math.max(p * (1 - p), 1e-6); }
    } else {
      for (const idx of byQ.values()) {
        const order = [...idx].sort((a, b) => F[b]! - F[a]!);
        const rankOf = new Map(order.map((i, k) => [i, k]));
        const nrel = idx.filter((i) => rows[i]!.y > 0).length;
        if (!nrel) continue;
        for (const i of idx) if (rows[i]!.y > 0) for (const j of idx) if (rows[j]!.y === 0) {
          const ri = rankOf.get(i)!, rj = rankOf.get(j)!;
          // delta of reciprocal-rank style gain (approximates MAP for one relevant).
          const dm = Math.abs(1 / (1 + ri) - 1 / (1 + rj));
          const p = 1 / (1 + Math.exp(F[i]! - F[j]!));
          g[i]! += dm * p; g[j]! -= dm * p;
          h[i]! += dm * p * (1 - p); h[j]! += dm * p * (1 - p);
        }
      }
      for (let i = 0; i < rows.length; i++) h[i] = Math.max(h[i]!, 1e-6);
    }
    const all = Array.from({ length: rows.length }, (_, i) => i);
    const build = (idx: number[], depth: number): Tree => {
      let G = 0, H = 0;
      for (const i of idx) { G += g[i]!; H += h[i]!; }
      const leaf = G / (H + 1);
      if (depth === 0 || idx.length < 2 * opts.minLeaf) return leaf;
      let best = { gain: 1e-9, f: -1, b: -1 };
      for (let f = 0; f < nf; f++) {
        const gs = new Float64Array(BINS), hs = new Float64Array(BINS), cs = new Int32Array(BINS);
        for (const i of idx) { const b = bin[i]![f]!; gs[b]! += g[i]!; hs[b]! += h[i]!; cs[b]!++; }
        let gl = 0, hl = 0, cl = 0;
        for (let b = 0; b < BINS - 1; b++) {
          gl += gs[b]!; hl += hs[b]!; cl += cs[b]!;
          const cr = idx.length - cl;
          if (cl < opts.minLeaf || cr < opts.minLeaf) continue;
          const gain = (gl * gl) / (hl + 1) + ((G - gl) ** 2) / (H - hl + 1) - (G * G) / (H + 1);
          if (gain > best.gain) best = { gain, f, b };
        }
      }
      if (best.f < 0) return leaf;
      const L: number[] = [], R: number[] = [];
      for (const i of idx) (bin[i]![best.f]! <= best.b ? L : R).push(i);
      return { f: best.f, thr: best.b, l: build(L, depth - 1), r: build(R, depth - 1) };
    };
    const tree = build(all, opts.depth);
    trees.push(tree);
    const evalB = (tr: Tree, i: number): number => (typeof tr === 'number' ? tr : evalB(bin[i]![tr.f]! <= tr.thr ? tr.l : tr.r, i));
    for (let i = 0; i < rows.length; i++) F[i]! += opts.lr * evalB(tree, i);
  }
  const toBin = (x: Float64Array, f: number): number => { const t = thr[f]!; let b = 0; while (b < t.length && x[f]! > t[b]!) b++; return b; };
  const ev = (tr: Tree, x: Float64Array): number => (typeof tr === 'number' ? tr : ev(toBin(x, tr.f) <= tr.thr ? tr.l : tr.r, x));
  return (x) => { let s = 0; for (const tr of trees) s += opts.lr * ev(tr, x); return s; };
}
