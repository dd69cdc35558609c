/**
 * Visible text of an HTML document, for the Node side (CLI, tests, bench) where
 * there is no DOM. In the extension the content script reads the live DOM
 * instead; this mirrors what it sends: text of inline elements joined, block
 * elements on their own lines, script/style/noscript/template/head skipped.
 *
 * A small tolerant scanner, not a full HTML5 parser: enough for news pages.
 */

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'object', 'textarea', 'select']);
/** Elements whose content the HTML tokenizer treats as raw text: find the close tag literally. */
const RAW = new Set(['script', 'style', 'noscript', 'textarea', 'iframe']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'title',
  'tr', 'ul', 'caption', 'body', 'html', 'button', 'option', 'picture', 'video', 'audio',
]);
/** Void elements never have a close tag, so they must not open a skipped region. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’',
  sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', hellip: '…', copy: '©', reg: '®', trade: '™', middot: '·',
  bull: '•', laquo: '«', raquo: '»', shy: '\u00ad', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003',
  zwj: '\u200d', zwnj: '\u200c', deg: '°', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶',
  times: '×', divide: '÷', minus: '−', prime: '′', Prime: '″', iexcl: '¡', iquest: '¿', szlig: 'ß',
};
// Latin-1 letters with accents: &eacute; &Uuml; &ntilde; ... built from their decomposition.
const ACCENTS: Record<string, string> = { acute: '\u0301', grave: '\u0300', circ: '\u0302', uml: '\u0308', tilde: '\u0303', ring: '\u030a', cedil: '\u0327' };

function decodeEntity(name: string): string | undefined {
  if (name[0] === '#') {
    const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff) return undefined;
    return String.fromCodePoint(cp);
  }
  const named = NAMED[name];
  if (named !== undefined) return named;
  const m = /^([A-Za-z])(acute|grave|circ|uml|tilde|ring|cedil)$/.exec(name);
  if (m) return (m[1]! + ACCENTS[m[2]!]!).normalize('NFC');
  if (name === 'oslash') return 'ø';
  if (name === 'Oslash') return 'Ø';
  if (name === 'aelig') return 'æ';
  if (name === 'AElig') return 'Æ';
  return undefined;
}

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (all, name: string) => decodeEntity(name) ?? all);
}

export function htmlToText(html: string): string {
  const parts: string[] = [];
  let i = 0;
  const n = html.length;
  const lower = html.toLowerCase();
  const pushText = (raw: string): void => {
    const t = decodeEntities(raw).replace(/[ \t\r\n\f]+/g, ' ');
    if (t !== '') parts.push(t);
  };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      pushText(html.slice(i));
      break;
    }
    if (lt > i) pushText(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const e = html.indexOf('-->', lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const e = html.indexOf('>', lt);
      i = e < 0 ? n : e + 1;
      continue;
    }
    const m = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(html.slice(lt, lt + 64));
    if (!m) {
      pushText('<');
      i = lt + 1;
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    const gt = tagEnd(html, lt + m[0].length);
    i = gt;
    const selfClosing = html[gt - 2] === '/';
    if (!closing && SKIP.has(name) && !VOID.has(name) && !selfClosing) {
      i = skipElement(html, lower, name, gt);
      continue;
    }
    if (BLOCK.has(name)) parts.push('\n');
  }
  // One line per block, trimmed, no empty lines.
  return parts
    .join('')
    .split('\n')
    .map((l) => l.replace(/^ +| +$/g, ''))
    .filter((l) => l !== '')
    .join('\n');
}

/** Index just past the '>' closing a tag that starts before `from`, honouring quoted attribute values. */
function tagEnd(html: string, from: number): number {
  let q = '';
  for (let k = from; k < html.length; k++) {
    const c = html[k]!;
    if (q) {
      if (c === q) q = '';
    } else if (c === '"' || c === "'") q = c;
    else if (c === '>') return k + 1;
  }
  return html.length;
}

/** Index past the element `name` whose start tag ended at `from` (nesting counted unless raw text). */
function skipElement(html: string, lower: string, name: string, from: number): number {
  if (RAW.has(name)) {
    const e = lower.indexOf(`</${name}`, from);
    return e < 0 ? html.length : tagEnd(html, e + name.length + 2);
  }
  let depth = 1;
  const re = new RegExp(`<(/?)${name}(?=[\\s/>])`, 'g');
  re.lastIndex = from;
  for (;;) {
    const m = re.exec(lower);
    if (!m) return html.length;
    const end = tagEnd(html, m.index + m[0].length);
    if (m[1] === '/') depth--;
    else if (html[end - 2] !== '/') depth++;
    if (depth === 0) return end;
    re.lastIndex = end;
  }
}
