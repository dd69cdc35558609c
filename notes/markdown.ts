/**
 * Markdown for notes: a readable export (toMarkdown) and a tiny, safe
 * Markdown subset parsed to a plain node tree (renderMarkdownSafe) that the UI
 * renders as Preact elements with text children — never as HTML strings.
 */
import type { Note } from './types';

// ------------------------------------------------------------ safe subset

export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MdInline[] }
  | { type: 'em'; children: MdInline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: MdInline[] }
  | { type: 'br' };

export type MdListItem = { type: 'li'; children: MdInline[] };

export type MdBlock = { type: 'p'; children: MdInline[] } | { type: 'ul'; children: MdListItem[] };

export type MdNode = MdBlock | MdListItem | MdInline;

/** Longest source parsed; the rest is kept as plain text. */
export const MAX_MARKDOWN_LENGTH = 20000;
const MAX_DEPTH = 6;

/** The URL if it is an absolute http(s) URL, else null. */
export function safeHref(raw: string): string | null {
  const s = raw.trim();
  if (!/^https?:\/\//i.test(s)) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function pushText(out: MdInline[], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

const ESCAPABLE = '\\`*_[]()#+-.!<>~|';

/**
 * Closing-delimiter searches for one string, remembered so that parsing stays
 * linear: 20,000 '[' (or '*', or "[a](") would otherwise each scan to the end
 * (362 ms for 20k characters). The first closer at or after `from` is the same
 * for every `from` between an earlier search's start and its result; a search
 * that found nothing means later ones find nothing either (in pathological
 * input a later start could see a closer the earlier scan skipped inside a
 * code span: such text then stays text, which is safe).
 */
class Closers {
  private readonly last = new Map<string, { from: number; at: number }>();
  constructor(private readonly src: string) {}

  find(delim: string, from: number): number {
    const hit = this.last.get(delim);
    if (hit && hit.from <= from && (hit.at === -1 || from <= hit.at)) return hit.at;
    const at = delim === ')' || delim === '`' ? this.src.indexOf(delim, from) : findClose(this.src, delim, from);
    this.last.set(delim, { from, at });
    return at;
  }
}

/** Find the closing delimiter `delim` from `from`, skipping backslash escapes and code spans. */
function findClose(src: string, delim: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '`') {
      const end = src.indexOf('`', i + 1);
      if (end !== -1) {
        i = end;
        continue;
      }
    }
    if (src.startsWith(delim, i)) {
      // For single '*' / '_', do not take half of a '**' / '__'.
      if (delim.length === 1 && src[i + 1] === delim) {
        i++;
        continue;
      }
      // "***" closing "**": the inner '*' belongs to the content (**a *b***).
      while (delim.length === 2 && src[i + 2] === delim[0]) i++;
      return i;
    }
  }
  return -1;
}

function parseInline(src: string, depth = 0): MdInline[] {
  const out: MdInline[] = [];
  if (depth > MAX_DEPTH) {
    pushText(out, src);
    return out;
  }
  const closers = new Closers(src);
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '\\' && i + 1 < src.length && ESCAPABLE.includes(src[i + 1] as string)) {
      pushText(out, src[i + 1] as string);
      i += 2;
      continue;
    }
    if (ch === '\n') {
      out.push({ type: 'br' });
      i++;
      continue;
    }
    if (ch === '`') {
      const end = closers.find('`', i + 1);
      if (end > i + 1) {
        out.push({ type: 'code', text: src.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && src[i + 1] === ch) {
      const delim = ch + ch;
      const end = closers.find(delim, i + 2);
      if (end > i + 2 && !/\s/.test(src[i + 2] as string)) {
        out.push({ type: 'strong', children: parseInline(src.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    if (ch === '*' || ch === '_') {
      const end = closers.find(ch, i + 1);
      const wordInside = ch === '_' && i > 0 && /\w/.test(src[i - 1] as string); // snake_case stays text
      if (end > i + 1 && !wordInside && !/\s/.test(src[i + 1] as string)) {
        out.push({ type: 'em', children: parseInline(src.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[') {
      const close = closers.find(']', i + 1);
      if (close !== -1 && src[close + 1] === '(') {
        const paren = closers.find(')', close + 2);
        if (paren !== -1) {
          const href = safeHref(src.slice(close + 2, paren));
          const label = src.slice(i + 1, close);
          if (href && label.trim()) {
            out.push({ type: 'link', href, children: parseInline(label, depth + 1) });
            i = paren + 1;
            continue;
          }
          // Not an http(s) link (javascript:, data:, relative…): keep it all as text.
          pushText(out, src.slice(i, paren + 1));
          i = paren + 1;
          continue;
        }
      }
    }
    pushText(out, ch);
    i++;
  }
  return out;
}

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;

/**
 * Parse a tiny Markdown subset — paragraphs, line breaks, **bold**, *em*,
 * `code`, [links](https://…) (http/https only) and bullet lists — into plain
 * nodes. Everything else, HTML included, stays text.
 */
export function renderMarkdownSafe(src: string): MdBlock[] {
  const input = src.replace(/\r\n?/g, '\n');
  const head = input.slice(0, MAX_MARKDOWN_LENGTH);
  const tail = input.slice(MAX_MARKDOWN_LENGTH);
  const blocks: MdBlock[] = [];
  let para: string[] = [];
  let list: MdListItem[] | null = null;

  const flushPara = () => {
    if (para.length) blocks.push({ type: 'p', children: parseInline(para.join('\n')) });
    para = [];
  };
  const flushList = () => {
    if (list && list.length) blocks.push({ type: 'ul', children: list });
    list = null;
  };

  for (const line of head.split('\n')) {
    if (!line.trim()) {
      flushPara();
      flushList();
      continue;
    }
    const m = BULLET.exec(line);
    if (m) {
      flushPara();
      list ??= [];
      list.push({ type: 'li', children: parseInline((m[1] as string).trim()) });
      continue;
    }
    if (list && /^\s{2,}\S/.test(line) && list.length) {
      // Continuation line of a list item.
      const item = list[list.length - 1] as MdListItem;
      item.children.push({ type: 'br' }, ...parseInline(line.trim()));
      continue;
    }
    flushList();
    para.push(line);
  }
  flushPara();
  flushList();
  if (tail) blocks.push({ type: 'p', children: [{ type: 'text', text: tail }] });
  return blocks;
}

/** The plain text of nodes (for previews, titles, search). */
export function markdownToPlainText(nodes: readonly MdNode[]): string {
  return nodes
    .map((n): string => {
      switch (n.type) {
        case 'text':
        case 'code':
          return n.text;
        case 'br':
          return '\n';
        case 'p':
        case 'ul':
          return markdownToPlainText(n.children) + '\n';
        case 'li':
          return markdownToPlainText(n.children) + '\n';
        default:
          return markdownToPlainText(n.children);
      }
    })
    .join('');
}

// ------------------------------------------------------------ export

/** Escape characters that would otherwise be read as Markdown in a single line of text. */
function escapeInline(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export interface MarkdownExportOptions {
  /** Heading of the document (default "Gloss notes"). */
  title?: string;
  /** Export date shown under the title (ISO string). */
  exported?: string;
}

/**
 * A readable Markdown document of the notes, grouped by page (pages with the
 * most recently updated notes first, notes oldest first). Deleted notes are
 * left out. Note bodies are already Markdown and are included as written.
 */
export function toMarkdown(notes: readonly Note[], options: MarkdownExportOptions = {}): string {
  const live = notes.filter((n) => !n.deleted);
  const pages = new Map<string, Note[]>();
  for (const n of live) {
    const list = pages.get(n.pageUrl);
    if (list) list.push(n);
    else pages.set(n.pageUrl, [n]);
  }
  const latest = (list: Note[]) => list.reduce((m, n) => (n.updated > m ? n.updated : m), '');
  const ordered = [...pages.entries()].sort((a, b) => (latest(b[1]) < latest(a[1]) ? -1 : latest(b[1]) > latest(a[1]) ? 1 : 0));

  const out: string[] = [`# ${escapeInline(options.title ?? 'Gloss notes')}`, ''];
  if (options.exported) out.push(`Exported ${options.exported.slice(0, 10)} · ${live.length} note${live.length === 1 ? '' : 's'}`, '');
  for (const [url, list] of ordered) {
    const title = list.find((n) => n.pageTitle)?.pageTitle;
    const safeUrl = url.replace(/[()<>\s]/g, encodeURIComponent);
    out.push(title ? `## [${escapeInline(oneLine(title))}](${safeUrl})` : `## <${safeUrl}>`, '');
    if (title) out.push(`<${safeUrl}>`, '');
    for (const n of [...list].sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0))) {
      if (n.target.kind === 'text' && n.target.quote) {
        for (const line of n.target.quote.split('\n')) out.push(`> ${escapeInline(line)}`);
        out.push('');
      } else if (n.target.kind === 'entity') {
        out.push(`**About ${escapeInline(oneLine(n.target.entityName))}**`, '');
      } else if (n.target.kind === 'page') {
        out.push('*On the whole page*', '');
      }
      if (n.body.trim()) out.push(n.body.trim(), '');
      const meta: string[] = [];
      if (n.tags.length) meta.push(n.tags.map((t) => `#${escapeInline(t.replace(/\s+/g, '-'))}`).join(' '));
      meta.push(n.updated > n.created ? `${n.created.slice(0, 10)}, edited ${n.updated.slice(0, 10)}` : n.created.slice(0, 10));
      out.push(`_${meta.join(' · ')}_`, '');
      out.push('---', '');
    }
  }
  while (out.length && (out[out.length - 1] === '' || out[out.length - 1] === '---')) out.pop();
  return out.join('\n') + '\n';
}
