/**
 * Gloss's cost on hostile input, the cases issue 11 measured: Markdown on 20k '[',
 * anchoring an orphaned 5k quote on a 216k-character repetitive page (total and
 * longest step, which is what blocks the page), and refusing a 4M-alias pack.
 * Run: npm run bench:hostile
 */
import { anchorSteps } from '../anchoring';
import { renderMarkdownSafe } from '../notes/markdown';
import { validatePack } from '../packs';

function best<T>(runs: number, fn: () => T): number {
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

const rows: string[] = ['| case | best of 5, ms | longest step, ms |', '|---|---|---|'];

for (const [name, src] of [
  ["Markdown: 20,000 '['", '['.repeat(20_000)],
  ["Markdown: 19,999 '[' then ']'", `${'['.repeat(19_999)}]`],
  ["Markdown: 5,000 '[a]('", '[a]('.repeat(5_000)],
  ["Markdown: 20,000 '*'", '*'.repeat(20_000)],
] as const) {
  rows.push(`| ${name} | ${best(5, () => renderMarkdownSafe(src)).toFixed(2)} | – |`);
}

const PARA = 'The council voted on Tuesday to approve the new budget for the city, which includes more money for schools and parks. ';
const page = PARA.repeat(Math.ceil(216_000 / PARA.length)).slice(0, 216_000);
const quote = `${PARA.repeat(45).slice(0, 5_000)}(edited away)`;
for (const [name, selectors] of [
  ['Anchoring: orphaned 5k quote, 216k repetitive page, with old position', [{ type: 'TextQuoteSelector' as const, exact: quote, prefix: 'gone', suffix: 'gone' }, { type: 'TextPositionSelector' as const, start: 1_000, end: 6_000 }]],
  ['Anchoring: the same without old position or context', [{ type: 'TextQuoteSelector' as const, exact: quote }]],
] as const) {
  let longest = Infinity;
  const total = best(5, () => {
    const steps = anchorSteps(page, selectors);
    let worst = 0;
    for (;;) {
      const t = performance.now();
      const r = steps.next();
      worst = Math.max(worst, performance.now() - t);
      if (r.done) break;
    }
    longest = Math.min(longest, worst);
  });
  rows.push(`| ${name} | ${total.toFixed(1)} | ${longest.toFixed(1)} |`);
}

const aliases = Array.from({ length: 100 }, (_, i) => `Alias number ${i}`);
const flood = { format: 'gloss-pack', version: 1, id: 'flood', name: 'Flood', publisher: 'P', licence: 'CC0-1.0', updated: '2026-01-01', entities: Array.from({ length: 40_000 }, (_, i) => ({ id: `e${i}`, type: 'other', name: `Entity ${i}`, aliases })) };
rows.push(`| Pack of 4,040,000 names and aliases: refused | ${best(5, () => validatePack(flood)).toFixed(1)} | – |`);

console.log(rows.join('\n'));
