/**
 * Paired significance of a difference between two systems measured on the same
 * queries: a two-sided sign-flip randomisation test (the usual test for IR
 * runs, Smucker et al. 2007) and a percentile bootstrap interval of the mean
 * difference. Seeded, so a benchmark run is reproducible.
 */

import { prng } from '../util/prng';

export interface PairedResult {
  /** Mean of a − b. */
  diff: number;
  /** Two-sided randomisation p-value. */
  p: number;
  /** 95% bootstrap interval of the mean difference. */
  ci: [number, number];
}

export function pairedTest(a: readonly number[], b: readonly number[], iterations = 10_000, seed = 15): PairedResult {
  if (a.length !== b.length) throw new Error('pairedTest: the two systems must be measured on the same queries');
  const n = a.length;
  if (n === 0) return { diff: 0, p: 1, ci: [0, 0] };
  const d = a.map((x, i) => x - b[i]!);
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const rand = prng(seed);
  let extreme = 0;
  for (let it = 0; it < iterations; it++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rand() < 0.5 ? d[i]! : -d[i]!;
    if (Math.abs(s / n) >= Math.abs(mean) - 1e-12) extreme++;
  }
  const boots: number[] = [];
  for (let it = 0; it < iterations; it++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += d[Math.floor(rand() * n)]!;
    boots.push(s / n);
  }
  boots.sort((x, y) => x - y);
  return {
    diff: mean,
    p: (extreme + 1) / (iterations + 1),
    ci: [boots[Math.floor(0.025 * iterations)]!, boots[Math.floor(0.975 * iterations)]!],
  };
}
