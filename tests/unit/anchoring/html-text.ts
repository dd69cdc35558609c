/**
 * A small dependency-free HTML-to-visible-text helper for tests: roughly what
 * the content script's text collection yields (scripts, styles and hidden
 * template content dropped, block elements on their own lines, whitespace
 * collapsed inside a line, entities decoded).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = resolve(here, '../../..');
export const CORPUS = resolve(PROJECT_ROOT, '../shared/corpus');

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  mdash: '\u2014',
  ndash: '\u2013',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  copy: '\u00a9',
  reg: '\u00ae',
  eacute: '\u00e9',
  egrave: '\u00e8',
  agrave: '\u00e0',
  ccedil: '\u00e7',
  uuml: '\u00fc',
  ouml: '\u00f6',
  auml: '\u00e4',
  szlig: '\u00df',
  middot: '\u00b7',
  bull: '\u2022',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      try {
        return String.fromCodePoint(code);
      } catch {
        return m;
      }
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

const BLOCK =
  /^(p|div|section|article|header|footer|nav|aside|main|h[1-6]|li|ul|ol|dl|dt|dd|tr|td|th|table|blockquote|pre|figure|figcaption|br|hr|form|fieldset|address|details|summary)$/i;

export function htmlToText(html: string): string {
  let s = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|svg|iframe|head)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  s = s.replace(/<\/?([a-z][a-z0-9-]*)\b[^>]*>/gi, (_m, tag: string) => (BLOCK.test(tag) ? '\n' : ''));
  s = decodeEntities(s);
  return s
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

const cache = new Map<string, string>();

/** Visible text of a corpus page, e.g. pageText('readability/nytimes-1') or pageText('seed/mamdani-nypd-ice.html'). */
export function pageText(name: string): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const path = name.endsWith('.html')
    ? resolve(CORPUS, 'articles', name)
    : resolve(CORPUS, 'articles', name, 'source.html');
  const text = htmlToText(readFileSync(path, 'utf8'));
  cache.set(name, text);
  return text;
}
