/**
 * Each benchmark owns one section of docs/benchmarks.md, between
 * `<!-- NAME:begin -->` and `<!-- NAME:end -->`; rerunning one replaces only it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = 'docs/benchmarks.md';

export function writeSection(name: string, title: string, body: string): void {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${begin}\n## ${title}\n\n${body.trim()}\n${end}`;
  let doc = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n\nMeasured figures; each section names the command that produced it.\n';
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  doc = i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(FILE, doc);
}
