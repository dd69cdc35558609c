/** String clean-up and URL checks shared by the validator and the importers. */

// C0 controls except \t \n \r, DEL, C1 controls, the bidirectional marks,
// overrides and isolates that can visually reorder text (spoofing), and
// invisible characters that make two names look alike or a name look empty:
// soft hyphen, combining grapheme joiner, Hangul fillers, Mongolian vowel
// separator, zero-width space, word joiner and invisible operators,
// interlinear annotation marks, BOM, and Unicode tag characters.
const CONTROL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;
// Zero-width (non-)joiners shape Arabic, Persian, Indic scripts and emoji; next to
// Latin letters, digits, spaces or at an edge they only hide a difference.
const STRAY_JOINER = /(?<=^|[\p{Script=Latin}\p{N}\s\p{P}])[\u200C\u200D]+|[\u200C\u200D]+(?=$|[\p{Script=Latin}\p{N}\s\p{P}])/gu;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;
const SPACES = / {2,}/g;

// Fast paths: most strings in a large pack are already clean, and one test is
// much cheaper than three replacements.
const INVISIBLE = '\\u00AD\\u034F\\u061C\\u115F\\u1160\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\u3164\\uFEFF\\uFFA0\\uFFF9-\\uFFFB\\uDB40';
const LINE_DIRTY = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F${INVISIBLE}\\u2028\\u2029]| {2}`);
const TEXT_DIRTY = new RegExp(`[\\u0000-\\u0009\\u000B-\\u001F\\u007F-\\u009F${INVISIBLE}]`);
const EDGE_SPACE = /\s/;

/** True when the string starts or ends with whitespace (cheaper than an anchored regex on long text). */
function untrimmed(s: string): boolean {
  return s.length > 0 && (EDGE_SPACE.test(s[0]!) || EDGE_SPACE.test(s[s.length - 1]!));
}

/** Text kept on one line (names, aliases, labels, ids): controls removed, whitespace collapsed, trimmed. */
export function cleanLine(s: string): string {
  if (!LINE_DIRTY.test(s) && !untrimmed(s)) return s;
  return s.replace(CONTROL, '').replace(STRAY_JOINER, '').replace(LINE_BREAKS, ' ').replace(SPACES, ' ').trim();
}

/** Longer text (descriptions, facts, explanations): controls removed, line breaks kept, trimmed. */
export function cleanText(s: string): string {
  if (!TEXT_DIRTY.test(s) && !untrimmed(s)) return s;
  return s.replace(CONTROL, '').replace(STRAY_JOINER, '').replace(/\r\n?/g, '\n').trim();
}

/** A short, quoted-safe preview of a value for error messages. */
export function preview(value: unknown, max = 40): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (value === null) return 'null';
  else if (value === undefined) return 'nothing';
  else if (Array.isArray(value)) return 'a list';
  else if (typeof value === 'object') return 'an object';
  else s = String(value);
  s = s.replace(CONTROL, '').replace(LINE_BREAKS, ' ');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `text '${preview(value)}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${preview(value)}`;
}

// Packs repeat the same source links many times; remember recent answers.
const urlCache = new Map<string, boolean>();

// Spaces, control characters and backslashes (which URL parsers rewrite) are never accepted.
const URL_BAD_CHARS = /[\u0000-\u0020\u007F-\u009F\\]/;
// The common case, decided without the URL parser: a DNS host name, optional port, then any path.
const PLAIN_HTTP_URL = /^https?:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,4})?(?:[/?#]\S*)?$/i;

/** True for an absolute http: or https: URL with a host, without spaces or control characters. */
export function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\/[^/]/i.test(s) || URL_BAD_CHARS.test(s)) return false;
  if (PLAIN_HTTP_URL.test(s)) return true;
  const known = urlCache.get(s);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    const u = new URL(s);
    // No user:password@ part: "https://bank.example@evil.example" is a phishing trick.
    ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    ok = false;
  }
  if (urlCache.size >= 10_000) urlCache.clear();
  urlCache.set(s, ok);
  return ok;
}

/** Lower-case ASCII slug for ids, or '' when nothing usable remains. */
export function slugify(s: string, max = 64): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

/** FNV-1a 32-bit ×2 (two seeds) as 16 hex chars: a stable, dependency-free id hash. */
export function hashId(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Truncate at a word boundary to at most `max` characters, adding an ellipsis. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

const CHUNK_CHARS = 1 << 18; // 256 Ki characters → at most 768 KiB of UTF-8
let chunkBuffer: Uint8Array | undefined;

/**
 * UTF-8 byte length of a string; stops counting once past `stopAt`. Encodes in
 * fixed-size chunks into one reused buffer (native speed, no large allocation).
 */
export function utf8Length(s: string, stopAt = Infinity): number {
  const encoder = new TextEncoder();
  chunkBuffer ??= new Uint8Array(CHUNK_CHARS * 3);
  let bytes = 0;
  for (let i = 0; i < s.length && bytes <= stopAt; ) {
    let end = Math.min(i + CHUNK_CHARS, s.length);
    // Do not split a surrogate pair across chunks.
    if (end < s.length && (s.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
    bytes += encoder.encodeInto(i === 0 && end === s.length ? s : s.slice(i, end), chunkBuffer).written;
    i = end;
  }
  return bytes;
}

export function exceedsBytes(s: string, maxBytes: number): boolean {
  if (s.length * 3 <= maxBytes) return false;
  if (s.length > maxBytes) return true;
  return utf8Length(s, maxBytes) > maxBytes;
}
