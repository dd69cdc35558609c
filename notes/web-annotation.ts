/**
 * Notes as W3C Web Annotations (JSON-LD, https://www.w3.org/TR/annotation-model/):
 * export of one note or a collection, and import of annotations, pages,
 * collections and Hypothesis exports. See docs/notes.md for the mapping.
 */
import { canonicalUrl } from '../anchoring/url';
import type { Selector, TextPositionSelector, TextQuoteSelector } from '../anchoring/types';
import { isoNow, newNoteId, normalizeTags, UUID_RE, type Clock, type RandomBytes } from './model';
import { NOTE_FIELDS, type Note, type NoteField, type NoteTarget } from './types';
import {
  ANNO_CONTEXT,
  isDateTime,
  isIri,
  isObject,
  many,
  typesOf,
  validateAnnotation,
  validateContainer,
  type Issue,
} from './validate';

export { ANNO_CONTEXT };

type Json = Record<string, unknown>;

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  format?: string;
  purpose?: string;
}

/** The entity of an entity note: a SpecificResource identifying a Gloss entity. */
export interface EntityBody {
  type: 'SpecificResource';
  purpose: 'identifying';
  source: { id: string; 'schema:name': string };
}

export interface WebAnnotation {
  '@context'?: typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'commenting' | 'tagging' | 'highlighting' | 'bookmarking' | 'identifying';
  created?: string;
  modified?: string;
  generator: { type: 'Software'; name: string };
  body?: (TextualBody | EntityBody)[];
  target:
    | string
    | { type: 'SpecificResource'; source: string; selector: (TextQuoteSelector | TextPositionSelector)[] };
}

export interface AnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label?: string;
  total: number;
  generated: string;
  generator: { type: 'Software'; name: string };
  first: {
    id: string;
    type: 'AnnotationPage';
    startIndex: 0;
    items: WebAnnotation[];
  };
}

const GENERATOR = { type: 'Software', name: 'Gloss' } as const;
const NOTE_URN = 'urn:gloss:note:';
const ENTITY_URN = 'urn:gloss:entity:';

/** The annotation IRI of a note id: urn:uuid: for UUIDs, the id itself if it is an IRI. */
export function noteIri(id: string): string {
  if (UUID_RE.test(id)) return `urn:uuid:${id.toLowerCase()}`;
  if (isIri(id) && /^[\x21-\x7e]+$/.test(id)) return id;
  return NOTE_URN + encodeURIComponent(id);
}

/** The note id of an annotation IRI (inverse of noteIri). */
export function noteIdFromIri(iri: string): string {
  const uuid = /^urn:uuid:(.+)$/i.exec(iri);
  if (uuid && UUID_RE.test(uuid[1] as string)) return (uuid[1] as string).toLowerCase();
  if (iri.startsWith(NOTE_URN)) {
    try {
      return decodeURIComponent(iri.slice(NOTE_URN.length));
    } catch {
      return iri;
    }
  }
  return iri;
}

const PAGE_URN = 'urn:gloss:page:';

/** An ASCII IRI for a page URL (percent-encoding anything else), as the W3C schemas want. */
function pageIri(url: string): string {
  try {
    const iri = new URL(url).toString();
    if (isIri(iri) && /^[\x21-\x7e]+$/.test(iri)) return iri;
  } catch {
    // not a URL: fall through
  }
  return PAGE_URN + encodeURIComponent(url);
}

function pageUrlFromIri(iri: string): string {
  if (iri.startsWith(PAGE_URN)) {
    try {
      return decodeURIComponent(iri.slice(PAGE_URN.length));
    } catch {
      return iri;
    }
  }
  return isHttpIri(iri) ? canonicalUrl(iri) : iri;
}

/** An ISO date-time for export, or undefined if the stored value is not a date. */
function exportDate(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (isDateTime(v)) return v;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function orderedSelectors(selectors: Selector[]): (TextQuoteSelector | TextPositionSelector)[] {
  const quote = selectors.filter((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  const pos = selectors.filter((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
  return [
    ...quote.map((s) => {
      const q: TextQuoteSelector = { type: 'TextQuoteSelector', exact: s.exact };
      if (s.prefix) q.prefix = s.prefix;
      if (s.suffix) q.suffix = s.suffix;
      return q;
    }),
    ...pos
      .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end >= s.start)
      .map((s) => ({ type: 'TextPositionSelector' as const, start: s.start, end: s.end })),
  ];
}

export interface ExportOptions {
  /** Include "@context" (default true; false for items inside a collection page). */
  context?: boolean;
}

/** One note as a W3C Web Annotation. */
export function toWebAnnotation(note: Note, options: ExportOptions = {}): WebAnnotation {
  const body: (TextualBody | EntityBody)[] = [];
  if (note.body.trim()) {
    body.push({ type: 'TextualBody', value: note.body, format: 'text/markdown', purpose: 'commenting' });
  }
  if (note.target.kind === 'entity') {
    body.push({
      type: 'SpecificResource',
      purpose: 'identifying',
      source: {
        id: ENTITY_URN + encodeURIComponent(note.target.entityId),
        'schema:name': note.target.entityName,
      },
    });
  }
  for (const tag of note.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });

  const source = pageIri(note.pageUrl);
  const selector = note.target.kind === 'text' ? orderedSelectors(note.target.selectors) : [];
  const target: WebAnnotation['target'] = selector.length ? { type: 'SpecificResource', source, selector } : source;
  const motivation: WebAnnotation['motivation'] = note.body.trim()
    ? 'commenting'
    : note.target.kind === 'entity'
      ? 'identifying'
      : note.tags.length
        ? 'tagging'
        : note.target.kind === 'text'
          ? 'highlighting'
          : 'bookmarking';

  const anno: WebAnnotation = {
    id: noteIri(note.id),
    type: 'Annotation',
    motivation,
    generator: { ...GENERATOR },
    target,
  };
  const created = exportDate(note.created);
  const modified = exportDate(note.updated);
  if (created) anno.created = created;
  if (modified) anno.modified = modified;
  if (body.length) anno.body = body;
  return options.context === false ? anno : { '@context': ANNO_CONTEXT, ...anno };
}

export interface CollectionMeta {
  /** IRI of the collection; a urn:uuid: is generated when absent. */
  id?: string;
  label?: string;
  /** Export time (default: now). */
  generated?: Clock;
  random?: RandomBytes;
}

/** Notes (deleted ones left out) as an AnnotationCollection with its first AnnotationPage embedded. */
export function toAnnotationCollection(notes: readonly Note[], meta: CollectionMeta = {}): AnnotationCollection {
  const id = meta.id ?? `urn:uuid:${newNoteId(meta.random)}`;
  const items = notes.filter((n) => !n.deleted).map((n) => toWebAnnotation(n, { context: false }));
  const collection: AnnotationCollection = {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    total: items.length,
    generated: isoNow(meta.generated),
    generator: { ...GENERATOR },
    first: {
      id: /^https?:/i.test(id) ? `${id.replace(/\/$/, '')}/page1` : `${id}#page1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items,
    },
  };
  if (meta.label) collection.label = meta.label;
  return collection;
}

// ---------------------------------------------------------------- import

export interface ImportError {
  /**
   * Position of the annotation in the file, counting from 0 across
   * arrays/pages; -1 for a problem with the file or container itself.
   */
  index: number;
  message: string;
}

export interface ImportResult {
  notes: Note[];
  errors: ImportError[];
  /** Things skipped that are not errors (e.g. pages referenced by URL, not embedded). */
  warnings: string[];
}

export interface ImportOptions {
  /** Time used for annotations without created/modified (default: now). */
  now?: Clock;
}

function first<T>(v: unknown, pred: (x: unknown) => x is T): T | undefined {
  return many(v).find(pred);
}

function singleValue(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function isHttpIri(v: unknown): v is string {
  return typeof v === 'string' && /^https?:\/\//i.test(v);
}


/** Source IRI and selectors of a target. */
function readTarget(t: unknown): { source?: string; selectors: Selector[] } {
  if (typeof t === 'string') return { source: t, selectors: [] };
  if (!isObject(t)) return { selectors: [] };
  const types = typesOf(t);
  if (types.some((x) => ['Choice', 'Composite', 'List', 'Independents'].includes(x))) {
    return readTarget(many(t.items)[0]);
  }
  const src = singleValue(t.source);
  const source =
    typeof src === 'string' ? src : isObject(src) && typeof singleValue(src.id) === 'string' ? (singleValue(src.id) as string) : undefined;
  if (source === undefined) {
    const id = singleValue(t.id);
    return { source: typeof id === 'string' ? id : undefined, selectors: [] };
  }
  const selectors: Selector[] = [];
  const visit = (s: unknown, depth: number) => {
    if (!isObject(s) || depth > 8) return;
    const type = typesOf(s)[0];
    if (type === 'TextQuoteSelector' && typeof s.exact === 'string' && !selectors.some((x) => x.type === type)) {
      const q: TextQuoteSelector = { type, exact: s.exact };
      if (typeof s.prefix === 'string' && s.prefix) q.prefix = s.prefix;
      if (typeof s.suffix === 'string' && s.suffix) q.suffix = s.suffix;
      selectors.push(q);
    } else if (
      type === 'TextPositionSelector' &&
      typeof s.start === 'number' &&
      typeof s.end === 'number' &&
      !selectors.some((x) => x.type === type)
    ) {
      selectors.push({ type, start: s.start, end: s.end });
    }
    for (const r of many(s.refinedBy)) visit(r, depth + 1);
  };
  for (const s of many(t.selector)) visit(s, 0);
  // Quote first, then position, as Gloss writes them.
  selectors.sort((a, b) => (a.type === b.type ? 0 : a.type === 'TextQuoteSelector' ? -1 : 1));
  return { source, selectors };
}

function htmlToPlain(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .trim();
}

interface BodyParts {
  text: string[];
  tags: string[];
  entity?: { entityId: string; entityName: string };
}

function readBody(b: unknown, motivationTagging: boolean, parts: BodyParts, depth = 0): void {
  if (depth > 8) return;
  if (typeof b === 'string') {
    parts.text.push(`<${b}>`);
    return;
  }
  if (!isObject(b)) return;
  const types = typesOf(b);
  if (types.includes('Choice')) {
    // A choice offers alternatives: keep the first (the preferred one).
    readBody(many(b.items)[0], motivationTagging, parts, depth + 1);
    return;
  }
  if (types.some((t) => ['Composite', 'List', 'Independents'].includes(t))) {
    for (const it of many(b.items)) readBody(it, motivationTagging, parts, depth + 1);
    return;
  }
  const purposes = many(b.purpose).filter((p): p is string => typeof p === 'string');
  const id = singleValue(b.id);
  if (typeof b.value === 'string') {
    if (purposes.includes('tagging') || (motivationTagging && purposes.length === 0)) {
      parts.tags.push(b.value);
      return;
    }
    const format = singleValue(b.format);
    parts.text.push(format === 'text/html' ? htmlToPlain(b.value) : b.value);
    return;
  }
  const source = singleValue(b.source);
  const ref = typeof source === 'string' ? source : isObject(source) ? singleValue(source.id) : id;
  if (typeof ref !== 'string') return;
  if (purposes.includes('identifying') && ref.startsWith(ENTITY_URN)) {
    let entityId = ref.slice(ENTITY_URN.length);
    try {
      entityId = decodeURIComponent(entityId);
    } catch {
      // keep as is
    }
    const name = isObject(source) ? singleValue(source['schema:name']) : undefined;
    parts.entity = { entityId, entityName: typeof name === 'string' ? name : entityId };
    return;
  }
  if (purposes.includes('tagging')) parts.tags.push(ref);
  else parts.text.push(`<${ref}>`);
}

function dateOr(v: unknown, fallback: string): string {
  const s = singleValue(v);
  return isDateTime(s) ? new Date(s).toISOString() : fallback;
}

function noteFromAnnotation(a: Json, now: string): Note {
  const id = noteIdFromIri(singleValue(a.id) as string);
  const motivations = many(a.motivation);
  const parts: BodyParts = { text: [], tags: [] };
  if (typeof singleValue(a.bodyValue) === 'string') parts.text.push(singleValue(a.bodyValue) as string);
  for (const b of many(a.body)) readBody(b, motivations.includes('tagging'), parts);

  const t = readTarget(many(a.target)[0]);
  const quote = t.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  let target: NoteTarget;
  if (parts.entity) target = { kind: 'entity', ...parts.entity };
  else if (t.selectors.length) target = { kind: 'text', selectors: t.selectors, quote: quote?.exact ?? '' };
  else target = { kind: 'page' };

  const created = dateOr(a.created, dateOr(a.modified, dateOr(a.generated, now)));
  const updated = dateOr(a.modified, created);
  const fieldUpdated = Object.fromEntries(NOTE_FIELDS.map((f) => [f, updated])) as Record<NoteField, string>;
  return {
    id,
    pageUrl: pageUrlFromIri(t.source ?? ''),
    target,
    body: parts.text.join('\n\n'),
    tags: normalizeTags(parts.tags),
    created,
    updated,
    fieldUpdated,
  };
}

/** Hypothesis API / export annotation: { uri, text, tags, target: [{ source, selector }], document: { title } }. */
function isHypothesisAnnotation(v: unknown): v is Json {
  return isObject(v) && !('@context' in v) && typeof v.uri === 'string' && ('text' in v || 'target' in v);
}

function noteFromHypothesis(h: Json, now: string): { note?: Note; error?: string } {
  if (!isHttpIri(h.uri)) return { error: `uri: must be an http(s) URL, got ${JSON.stringify(h.uri)}` };
  if ('text' in h && typeof h.text !== 'string') return { error: 'text: must be a string' };
  if ('tags' in h && (!Array.isArray(h.tags) || h.tags.some((x) => typeof x !== 'string')))
    return { error: 'tags: must be an array of strings' };
  const t = readTarget({ source: h.uri, selector: isObject(many(h.target)[0]) ? (many(h.target)[0] as Json).selector : [] });
  const quote = t.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  const created = dateOr(h.created, now);
  const updated = dateOr(h.updated, created);
  const title = isObject(h.document) ? first(h.document.title, (x): x is string => typeof x === 'string') : undefined;
  const note: Note = {
    id: typeof h.id === 'string' && h.id ? `hypothesis:${h.id}` : newNoteId(),
    pageUrl: canonicalUrl(h.uri),
    target: t.selectors.length ? { kind: 'text', selectors: t.selectors, quote: quote?.exact ?? '' } : { kind: 'page' },
    body: typeof h.text === 'string' ? h.text : '',
    tags: normalizeTags((h.tags as string[] | undefined) ?? []),
    created,
    updated,
    fieldUpdated: Object.fromEntries(NOTE_FIELDS.map((f) => [f, updated])) as Record<NoteField, string>,
  };
  if (title) note.pageTitle = title;
  return { note };
}

/**
 * The Hypothesis client's JSON-LD puts its own RangeSelector
 * (`startContainer`/`endContainer` XPaths, not the model's
 * `startSelector`/`endSelector`) next to standard quote and position
 * selectors. Drop those so its annotations can be imported; everything else is
 * validated as usual. Returns `item` itself when there is nothing to drop.
 */
function withoutHypothesisRanges(item: unknown): unknown {
  if (!isObject(item) || !('target' in item)) return item;
  const isHypoRange = (s: unknown) =>
    isObject(s) && typesOf(s).includes('RangeSelector') && 'startContainer' in s && !('startSelector' in s);
  let changed = false;
  const fixTarget = (t: unknown): unknown => {
    if (!isObject(t) || !Array.isArray(t.selector)) return t;
    const kept = t.selector.filter((s) => !isHypoRange(s));
    if (kept.length === t.selector.length || kept.length === 0) return t;
    changed = true;
    return { ...t, selector: kept };
  };
  const target = Array.isArray(item.target) ? item.target.map(fixTarget) : fixTarget(item.target);
  return changed ? { ...item, target } : item;
}

function label(a: unknown): string {
  if (isObject(a)) {
    const id = singleValue(a.id);
    if (typeof id === 'string' && id.length <= 120) return ` (${id})`;
  }
  return '';
}

function formatIssues(issues: Issue[]): string {
  const shown = issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  return shown.join('; ') + more;
}

/**
 * Notes from W3C Web Annotation JSON (parsed): one annotation, an array of
 * them, an AnnotationPage or an AnnotationCollection with embedded pages, or a
 * Hypothesis export (an array, { rows } or { annotations }). Invalid
 * annotations are reported in `errors` (which one, which field) and skipped;
 * the valid ones are returned for the reader to confirm.
 */
export function fromWebAnnotation(json: unknown, options: ImportOptions = {}): ImportResult {
  const now = isoNow(options.now);
  const result: ImportResult = { notes: [], errors: [], warnings: [] };
  const seen = new Set<string>();
  let index = 0;

  const take = (item: unknown, contextInherited: boolean) => {
    const i = index;
    try {
      takeOne(item, contextInherited);
    } catch (e) {
      // Never let one odd annotation break the import of the others.
      result.errors.push({ index: i, message: `Annotation ${i}: could not be read (${(e as Error).message})` });
    }
  };
  const takeOne = (item: unknown, contextInherited: boolean) => {
    const i = index++;
    if (isHypothesisAnnotation(item)) {
      const r = noteFromHypothesis(item, now);
      if (r.error) result.errors.push({ index: i, message: `Annotation ${i}${label(item)}: ${r.error}` });
      else if (r.note) push(r.note, i, item);
      return;
    }
    if (typeof item === 'string') {
      result.warnings.push(`Annotation ${i} (${item.slice(0, 120)}) is only a link; it was not fetched.`);
      return;
    }
    const cleaned = withoutHypothesisRanges(item);
    if (cleaned !== item) {
      result.warnings.push(
        `Annotation ${i}${label(item)}: Hypothesis RangeSelectors (startContainer/endContainer) were left out; the quote and position selectors are kept.`,
      );
    }
    const issues = validateAnnotation(cleaned, { contextInherited });
    if (issues.length) {
      result.errors.push({ index: i, message: `Annotation ${i}${label(item)}: ${formatIssues(issues)}` });
      return;
    }
    push(noteFromAnnotation(cleaned as Json, now), i, item);
  };
  const push = (note: Note, i: number, item: unknown) => {
    // Gloss notes belong to web pages; a javascript: or data: "page" would become a link in the popup.
    if (!/^https?:\/\//i.test(note.pageUrl)) {
      const scheme = /^([a-z][a-z0-9+.-]{0,20}):/i.exec(note.pageUrl)?.[1];
      result.errors.push({ index: i, message: `Annotation ${i}${label(item)}: target: the page must be an http(s) address${scheme ? ` (got ${scheme}:…)` : ''}` });
      return;
    }
    if (seen.has(note.id)) {
      result.errors.push({ index: i, message: `Annotation ${i}${label(item)}: id: duplicates an earlier annotation` });
      return;
    }
    seen.add(note.id);
    result.notes.push(note);
  };
  const container = (o: Json, kind: 'AnnotationCollection' | 'AnnotationPage', topLevel: boolean) => {
    const issues = validateContainer(o, kind, topLevel);
    if (issues.length) {
      result.errors.push({ index: -1, message: `${kind}${label(o)}: ${formatIssues(issues)}` });
      if (issues.some((x) => x.path === '@context' || x.path === 'items' || x.path === 'first')) return;
    }
    if (kind === 'AnnotationPage') {
      for (const it of many(o.items)) take(it, true);
      if (typeof singleValue(o.next) === 'string')
        result.warnings.push(`The next page (${String(singleValue(o.next))}) was not fetched.`);
    } else {
      const f = singleValue(o.first);
      if (isObject(f)) container(f, 'AnnotationPage', false);
      else if (typeof f === 'string') result.warnings.push(`The collection's pages (${f}) are linked, not embedded; they were not fetched.`);
    }
  };

  if (Array.isArray(json)) {
    for (const it of json) take(it, false);
  } else if (isObject(json)) {
    const types = typesOf(json);
    if (types.includes('AnnotationCollection')) container(json, 'AnnotationCollection', true);
    else if (types.includes('AnnotationPage')) container(json, 'AnnotationPage', true);
    else if (!('@context' in json) && Array.isArray(json.rows)) for (const it of json.rows) take(it, false);
    else if (!('@context' in json) && Array.isArray(json.annotations)) for (const it of json.annotations) take(it, false);
    else take(json, false);
  } else {
    result.errors.push({
      index: -1,
      message: `Not an annotation file: expected a JSON object or array, got ${json === null ? 'null' : typeof json}.`,
    });
  }
  return result;
}

/** Parse a file's text, then fromWebAnnotation; a JSON syntax error is reported as an error, not thrown. */
export function importWebAnnotationText(text: string, options: ImportOptions = {}): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      notes: [],
      errors: [{ index: -1, message: `Not valid JSON: ${(e as Error).message}` }],
      warnings: [],
    };
  }
  return fromWebAnnotation(json, options);
}
