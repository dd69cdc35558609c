/**
 * ClaimReview → Gloss claims. Accepts a ClaimReview object, a list, a JSON-LD
 * `@graph`, feeds wrapping them (DataFeed `dataFeedElement`, ItemList
 * `itemListElement`, any nesting), JSON Lines, HTML pages with
 * `<script type="application/ld+json">`, and Google Fact Check Tools API
 * responses (`claims[].claimReview[]`).
 *
 * Feed imports are lenient: a record without claimReviewed or a usable url is
 * skipped with a warning and the rest are kept. (A Gloss pack, by contrast, is
 * rejected whole if any record is bad: see docs/pack-format.md.)
 */
import type { Claim } from '../model/types.ts';
import { finishPack, first, isObject, isoDate, sourceLabel, thingName, Warnings, type ImportOptions } from './common.ts';
import { LIMITS } from './limits.ts';
import { normaliseRating, ratingLabel, type RatingInput } from './rating.ts';
import { cleanLine, cleanText, hashId, isHttpUrl, preview, truncate } from './sanitize.ts';
import type { PackResult } from './validate.ts';
import { LANG_PATTERN } from './schema.ts';
import { validateClaim } from './validate.ts';

const MAX_NODES = 5_000_000;

function hasType(node: Record<string, unknown>, type: string): boolean {
  const t = node['@type'] ?? node.type;
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === 'string' && (x === type || x.endsWith(`/${type}`) || x.endsWith(`:${type}`)));
}

/** Finds every ClaimReview node in a JSON-LD value, however it is wrapped. */
export function collectClaimReviews(root: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let budget = MAX_NODES;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length && budget-- > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > 32) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], depth + 1]);
    } else if (isObject(node)) {
      if (hasType(node, 'ClaimReview')) {
        out.push(node);
        continue;
      }
      if (Array.isArray(node.claimReview) && (typeof node.text === 'string' || node.claimant !== undefined)) {
        // Google Fact Check Tools API: { text, claimant, claimDate, claimReview: [{ publisher, url, textualRating, reviewDate }] }
        for (const r of node.claimReview) if (isObject(r)) out.push(fromFactCheckApi(node, r));
        continue;
      }
      const values = Object.values(node);
      for (let i = values.length - 1; i >= 0; i--) {
        const value = values[i];
        if (value !== null && typeof value === 'object') stack.push([value, depth + 1]);
      }
    }
  }
  return out;
}

function fromFactCheckApi(claim: Record<string, unknown>, review: Record<string, unknown>): Record<string, unknown> {
  return {
    '@type': 'ClaimReview',
    claimReviewed: claim.text,
    url: review.url,
    author: review.publisher,
    datePublished: review.reviewDate ?? claim.claimDate,
    reviewRating: { alternateName: review.textualRating },
    itemReviewed: { author: claim.claimant },
    headline: review.title,
  };
}

/** Extracts the JSON-LD blocks from an HTML page. */
export function jsonLdFromHtml(html: string, warnings?: Warnings): unknown[] {
  const blocks: unknown[] = [];
  const re = /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(html))) {
    n++;
    const body = (m[1] ?? '').trim().replace(/^<!--|-->$/g, '').replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '');
    try {
      blocks.push(JSON.parse(body));
    } catch (e) {
      warnings?.add(`JSON-LD block ${n} is not valid JSON (${(e as Error).message}); skipped`);
    }
  }
  return blocks;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', euro: '€', ordm: 'º', ordf: 'ª', deg: '°',
};
// The Latin-1 letters by their HTML names (&atilde; → ã), enough for Portuguese, Spanish, French, German.
const LATIN1 = 'Agrave À Aacute Á Acirc Â Atilde Ã Auml Ä Aring Å AElig Æ Ccedil Ç Egrave È Eacute É Ecirc Ê Euml Ë Igrave Ì Iacute Í Icirc Î Iuml Ï Ntilde Ñ Ograve Ò Oacute Ó Ocirc Ô Otilde Õ Ouml Ö Oslash Ø Ugrave Ù Uacute Ú Ucirc Û Uuml Ü Yacute Ý szlig ß';
{
  const parts = LATIN1.split(' ');
  for (let i = 0; i < parts.length; i += 2) {
    const name = parts[i]!;
    const ch = parts[i + 1]!;
    ENTITIES[name] = ch;
    if (name !== 'szlig') ENTITIES[name[0]!.toLowerCase() + name.slice(1)] = ch.toLowerCase();
  }
}

/**
 * Review texts in feeds sometimes carry HTML (tags, &quot; entities). Gloss
 * shows text only, so tags are dropped and common entities decoded here; the
 * result is still treated as plain text everywhere.
 */
export function htmlToText(s: string): string {
  let out = s;
  if (/<[a-z!/]/i.test(out)) {
    out = out
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<(br|\/p|\/div|\/li|\/h\d)\b[^>]*>/gi, ' ')
      .replace(/<[a-z!/][^>]*>/gi, '');
  }
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6}|[A-Za-z]{2,6});/g, (m, code: string) => {
      if (code[0] === '#') {
        const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[code] ?? ENTITIES[code.toLowerCase()] ?? m;
    });
  }
  return out;
}

/** Explanation: the review text when short; else its first sentence when that is short. */
/** The review's language: schema.org inLanguage (a tag or a Language node), on the review or the claim reviewed. */
function languageOf(record: Record<string, unknown>): string | undefined {
  const item = first(record.itemReviewed);
  for (const raw of [first(record.inLanguage), isObject(item) ? first(item.inLanguage) : undefined]) {
    const tag = isObject(raw) ? first(raw.alternateName) ?? first(raw.name) : raw;
    if (typeof tag === 'string' && LANG_PATTERN.test(tag.trim())) return tag.trim();
  }
  return undefined;
}

function shortExplanation(record: Record<string, unknown>): string | undefined {
  for (const field of ['reviewBody', 'description']) {
    const raw = record[field];
    if (typeof raw !== 'string') continue;
    const text = cleanLine(htmlToText(raw));
    if (!text) continue;
    if (text.length <= 400) return text;
    const sentence = /^(.{20,300}?[.!?])(\s|$)/.exec(text);
    if (sentence?.[1]) return sentence[1];
  }
  return undefined;
}

/** Maps one ClaimReview record to a claim, or a reason it was skipped. */
export function claimFromReview(
  record: Record<string, unknown>,
  warnings: Warnings,
  position: string,
  source = 'source',
): Claim | undefined {
  const urlField = first(record.url);
  // JSON-LD may give the link as a node: { "@id": "https://…" }.
  const urlRaw = isObject(urlField) ? (urlField['@id'] ?? urlField.url) : urlField;
  // Feeds sometimes leave spaces in links; encode them rather than drop the review.
  const url = typeof urlRaw === 'string' ? urlRaw.trim().replace(/ /g, '%20') : '';
  const label = url ? `${position} (${preview(url, 80)})` : position;
  const claimRaw = first(record.claimReviewed);
  let text = typeof claimRaw === 'string' ? cleanText(htmlToText(claimRaw)) : '';
  if (!text) {
    warnings.add(`${label}: skipped: no claimReviewed`);
    return undefined;
  }
  if (!url) {
    warnings.add(`${label}: skipped: no url`);
    return undefined;
  }
  if (!isHttpUrl(url) || url.length > LIMITS.urlLength) {
    warnings.add(`${label}: skipped: url is not an http(s) link`);
    return undefined;
  }
  const id = `cr-${hashId(`${url}\n${text}`)}`;
  if (text.length > LIMITS.claimTextLength) {
    warnings.add(`${label}: claimReviewed shortened to ${LIMITS.claimTextLength} characters`);
    text = truncate(text, LIMITS.claimTextLength);
  }
  const reviewDate = isoDate(record.datePublished) ?? isoDate(record.dateModified) ?? isoDate(record.dateCreated);
  if (!reviewDate) {
    warnings.add(`${label}: skipped: no datePublished`);
    return undefined;
  }
  let reviewer = thingName(record.author) ?? thingName(record.publisher);
  if (reviewer) reviewer = cleanLine(htmlToText(reviewer));
  if (!reviewer) {
    reviewer = new URL(url).hostname.replace(/^www\./, '');
    warnings.add(`${label}: no author or publisher; reviewer taken from the link (${reviewer})`);
  }
  const rating = first(record.reviewRating);
  const ratingInput = isObject(rating) ? (rating as RatingInput) : undefined;
  const claim: Claim = {
    id,
    text,
    verdict: normaliseRating(ratingInput),
    verdictLabel: truncate(cleanLine(ratingLabel(ratingInput)), LIMITS.labelLength) || 'Unrated',
    reviewer: truncate(reviewer, LIMITS.labelLength),
    reviewDate,
    url,
  };
  const explanation = shortExplanation(record);
  if (explanation) claim.explanation = explanation;
  const lang = languageOf(record);
  if (lang) claim.lang = lang;
  const item = first(record.itemReviewed);
  const claimant = isObject(item) ? thingName(item.author) ?? thingName(item.creator) : undefined;
  if (claimant) claim.claimant = truncate(cleanLine(claimant), LIMITS.labelLength);
  const checked = validateClaim(claim, source);
  if (!checked.ok) {
    warnings.add(`${label}: skipped: ${checked.errors.map((e) => e.message.replace(/^Pack '[^']*': /, '')).join('; ')}`);
    return undefined;
  }
  return checked.value;
}

/** ClaimReview JSON-LD (parsed value, JSON text or HTML) → validated Gloss pack. */
export function fromClaimReview(input: unknown, opts: ImportOptions = {}): PackResult {
  const source = sourceLabel(opts);
  const warnings = new Warnings(source);
  let root = input;
  if (typeof input === 'string') {
    const text = input.trim();
    if (text.startsWith('<')) root = jsonLdFromHtml(text, warnings);
    else {
      try {
        root = JSON.parse(text);
      } catch {
        root = parseJsonLines(text, warnings);
      }
    }
  }
  const records = collectClaimReviews(root);
  if (!records.length) {
    return { ok: false, errors: [{ message: `Source '${source}': no ClaimReview records found` }] };
  }
  const claims: Claim[] = [];
  const seen = new Map<string, number>();
  const reviewers = new Map<string, number>();
  let latest = '';
  records.forEach((record, i) => {
    const claim = claimFromReview(record, warnings, `record ${i + 1}`, source);
    if (!claim) return;
    const before = seen.get(claim.id);
    if (before !== undefined) {
      warnings.add(`record ${i + 1} (${preview(claim.url, 80)}): skipped: same claim and url as record ${before}`);
      return;
    }
    seen.set(claim.id, i + 1);
    claims.push(claim);
    reviewers.set(claim.reviewer, (reviewers.get(claim.reviewer) ?? 0) + 1);
    if (claim.reviewDate > latest) latest = claim.reviewDate;
  });
  if (!claims.length) warnings.add(`none of the ${records.length} ClaimReview records could be used`);
  const names = [...reviewers.keys()];
  const publisher = names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} other reviewers`;
  return finishPack(opts, 'claimreview', { publisher: truncate(publisher, LIMITS.nameLength), licence: 'unspecified (see each review)', ...(latest ? { updated: latest } : {}) }, [], claims, warnings);
}

/** One JSON value per line (JSON Lines); bad lines are skipped with a warning naming the line. */
export function parseJsonLines(text: string, warnings: Warnings): unknown[] {
  const out: unknown[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim().replace(/,$/, '');
    if (!line || line === '[' || line === ']') return;
    try {
      out.push(JSON.parse(line));
    } catch (e) {
      warnings.add(`line ${i + 1}: not valid JSON (${(e as Error).message}); skipped`);
    }
  });
  return out;
}
