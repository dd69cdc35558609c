/**
 * Wikidata Query Service results (W3C SPARQL 1.1 Query Results JSON) → Gloss entities.
 *
 * A subscription's query is fixed by its link (never built from page text). The
 * importer reads variables by name, so one convention serves every topic:
 *
 * - the item: `?item` (else the first variable bound to a Wikidata entity URI);
 * - `?itemLabel`, `?itemDescription`, `?itemAltLabel` (comma-separated aliases, as the
 *   label service returns them);
 * - type: `?type` / `?instanceOf` (entity URI, with optional `…Label`);
 * - facts: `?position` (+`?positionLabel`, `?positionStart`), `?party`, `?country`,
 *   `?dateOfBirth` (or `?born`), `?headquarters`, `?capital`, `?website` (each entity
 *   variable may have its `…Label`), `?image` (https Wikimedia Commons file).
 *
 * Rows repeat an item once per combination of values; they are merged per item.
 * Every fact links to the item's Wikidata page and is dated: positions and other
 * current statements "as of" the fetch date (with the statement's start date in the
 * text), dates of birth as not changing (`since`).
 */
import type { Entity, EntityType, Fact } from '../model/types.ts';
import { finishPack, isObject, sourceLabel, today, Warnings, type ImportOptions } from './common.ts';
import { LIMITS } from './limits.ts';
import { cleanLine, cleanText, isHttpUrl, truncate } from './sanitize.ts';
import { validateEntity, type PackResult } from './validate.ts';
import { CLASSES } from './wikidata.ts';

type Term = { type?: unknown; value?: unknown; datatype?: unknown; 'xml:lang'?: unknown };
type Binding = Record<string, Term>;

const ENTITY_URI = /^https?:\/\/www\.wikidata\.org\/entity\/(Q\d+)$/;

/** True for a SPARQL 1.1 JSON results document. */
export function isSparqlResults(x: unknown): boolean {
  return isObject(x) && isObject(x.head) && Array.isArray(x.head.vars) && isObject(x.results) && Array.isArray(x.results.bindings);
}

function str(t: Term | undefined): string | undefined {
  return t && typeof t.value === 'string' && t.value.trim() ? t.value.trim() : undefined;
}

function qid(t: Term | undefined): string | undefined {
  if (!t || t.type !== 'uri') return undefined;
  const m = ENTITY_URI.exec(String(t.value));
  return m ? m[1] : undefined;
}

/** xsd:dateTime "2017-05-14T00:00:00Z" → "2017-05-14"; Wikidata writes year-precision dates as YYYY-01-01. */
function date(t: Term | undefined): string | undefined {
  const s = str(t);
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** A label the label service made up from the id ("Q123") is no label. */
function label(t: Term | undefined): string | undefined {
  const s = str(t);
  return s && !/^Q\d+$/.test(s) ? cleanLine(s) : undefined;
}

/** Which variable names the items: `?item` by convention, else the first one selected if it holds Wikidata items. */
function itemVariable(vars: string[], bindings: Binding[]): string | undefined {
  if (vars.includes('item')) return 'item';
  const first = vars[0];
  return first && bindings.slice(0, 20).some((b) => qid(b[first])) ? first : undefined;
}

const PERSON_WORDS = /\b(human|person|politician)\b/i;
const PLACE_WORDS = /\b(country|state|city|capital|province|territory|island|region|municipality)\b/i;
const ORG_WORDS = /\b(organi[sz]ation|company|business|enterprise|corporation|party|agency|newspaper|broadcaster|news|union|parliament|legislature|ministry|bank|university|institution)\b/i;

function typeOf(classId: string | undefined, classLabel: string | undefined, hints: { person: boolean }): EntityType {
  const known = classId ? CLASSES[classId] : undefined;
  if (known) return known[0];
  if (classLabel) {
    if (PERSON_WORDS.test(classLabel)) return 'person';
    if (PLACE_WORDS.test(classLabel)) return 'place';
    if (ORG_WORDS.test(classLabel)) return 'organization';
  }
  return hints.person ? 'person' : 'other';
}

interface Draft {
  id: string;
  name?: string;
  description?: string;
  aliases: Set<string>;
  classId?: string;
  classLabel?: string;
  /** Fact text → fact, in first-seen order, so repeated rows add nothing twice. */
  facts: Map<string, Fact>;
  person: boolean;
  image?: string;
}

/** Entity-valued fact variables: label on the card, and whether the statement is current (dated as of the fetch). */
const ITEM_FACTS: [string, string][] = [
  ['party', 'Member of'],
  ['country', 'Country'],
  ['headquarters', 'Headquarters'],
  ['capital', 'Capital'],
];

/** Variables read above by name; the rest become "Name: value" facts. */
const KNOWN = new Set(['item', 'type', 'instanceOf', 'position', 'positionStart', 'start', 'dateOfBirth', 'born', 'website', 'image', ...ITEM_FACTS.map(([v]) => v)]);

/** `dateOfDeath` / `date_of_death` → "Date of death". */
function humanise(v: string): string {
  const words = v.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function entityValue(b: Binding, v: string): string | undefined {
  return label(b[`${v}Label`]) ?? (qid(b[v]) ? undefined : label(b[v]));
}

function readRow(d: Draft, b: Binding, fetched: string): void {
  const source = { sourceUrl: `https://www.wikidata.org/wiki/${d.id}`, sourceName: 'Wikidata' };
  const add = (text: string, dating: { asOf?: string; since?: string }) => {
    const t = truncate(cleanText(text), LIMITS.factTextLength);
    if (!d.facts.has(t) && d.facts.size < LIMITS.maxFacts) d.facts.set(t, { text: t, ...source, ...dating });
  };
  d.name ??= label(b.itemLabel);
  d.description ??= str(b.itemDescription);
  const alt = str(b.itemAltLabel);
  // The label service joins aliases with ", "; a comma inside one alias cannot be told apart.
  if (alt) for (const a of alt.split(', ')) if (a.trim()) d.aliases.add(cleanLine(a));
  const cls = b.type ?? b.instanceOf;
  if (!d.classId && !d.classLabel) {
    d.classId = qid(cls);
    d.classLabel = label(b.typeLabel ?? b.instanceOfLabel);
  }
  const position = entityValue(b, 'position');
  if (position) {
    d.person = true;
    const start = date(b.positionStart ?? b.start);
    add(`${position}${start ? ` since ${start}` : ''}`, { asOf: fetched });
  }
  for (const [v, name] of ITEM_FACTS) {
    const value = entityValue(b, v);
    if (value) add(`${name}: ${value}`, { asOf: fetched });
  }
  const born = date(b.dateOfBirth ?? b.born);
  if (born) {
    d.person = true;
    add(`Born ${born}`, { since: born });
  }
  const website = str(b.website);
  if (website && /^https?:\/\//i.test(website) && isHttpUrl(website)) add(`Official website: ${website}`, { asOf: fetched });
  // Any other variable the query selected is a statement the subscriber asked for.
  for (const [v, t] of Object.entries(b)) {
    if (KNOWN.has(v) || /(Label|Description|AltLabel)$/.test(v) || t?.type === 'bnode') continue;
    const value = qid(t) ? label(b[`${v}Label`]) : t?.type === 'uri' ? undefined : (date(t) && /dateTime$/.test(String(t?.datatype)) ? date(t) : label(t));
    if (value) add(`${humanise(v)}: ${value}`, { asOf: fetched });
  }
  const image = str(b.image);
  if (!d.image && image && /^https:\/\/commons\.wikimedia\.org\//.test(image.replace(/^http:/, 'https:'))) d.image = image.replace(/^http:/, 'https:');
}

/**
 * The pack's name: the query's first comment line ("# Heads of state"), so a
 * subscription is listed by its topic rather than by a long link.
 */
export function queryTitle(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let query: string | null = null;
  try {
    query = new URL(url).searchParams.get('query');
  } catch {
    return undefined;
  }
  const m = query ? /^\s*#\s*([^\n]{1,120})/.exec(query) : null;
  const title = m ? cleanLine(m[1]!) : '';
  return title ? `Wikidata: ${title}` : 'Wikidata query';
}

/** SPARQL JSON results (parsed) → validated Gloss pack. */
export function fromSparql(input: unknown, opts: ImportOptions & { fetched?: string } = {}): PackResult {
  const warnings = new Warnings(sourceLabel(opts));
  const root = input as { head: { vars: unknown[] }; results: { bindings: unknown[] } };
  const vars = root.head.vars.filter((v): v is string => typeof v === 'string');
  const bindings = root.results.bindings.filter((b): b is Binding => isObject(b));
  const fetched = opts.fetched ?? today();
  const itemVar = itemVariable(vars, bindings);
  if (!itemVar) {
    warnings.add('no variable holds Wikidata items (expected ?item)');
    return finishPack(opts, 'wikidata-query', { publisher: 'Wikidata', licence: 'CC0-1.0' }, [], [], warnings);
  }
  const drafts = new Map<string, Draft>();
  let skipped = 0;
  for (const b of bindings) {
    const id = qid(b[itemVar]);
    if (!id) {
      skipped++;
      continue;
    }
    let d = drafts.get(id);
    if (!d) drafts.set(id, (d = { id, aliases: new Set(), facts: new Map(), person: false }));
    // Rows name the item by `itemVar`; its label variables follow the same stem.
    const { [itemVar]: _item, ...rest } = b;
    const row = itemVar === 'item' ? b : { ...rest, itemLabel: b[`${itemVar}Label`]!, itemDescription: b[`${itemVar}Description`]!, itemAltLabel: b[`${itemVar}AltLabel`]! };
    readRow(d, row, fetched);
  }
  if (skipped) warnings.add(`${skipped} row${skipped === 1 ? '' : 's'} skipped: ?${itemVar} is not a Wikidata item`);
  const entities: Entity[] = [];
  for (const d of drafts.values()) {
    if (!d.name) {
      warnings.add(`${d.id}: skipped: no label`);
      continue;
    }
    const name = truncate(d.name, LIMITS.nameLength);
    const aliases = [...d.aliases].filter((a) => a && a !== name).map((a) => truncate(a, LIMITS.aliasLength)).slice(0, LIMITS.maxAliases);
    const entity: Entity = {
      id: d.id,
      type: typeOf(d.classId, d.classLabel, d),
      name,
      aliases,
      description: truncate(cleanText(d.description ?? d.classLabel ?? ''), LIMITS.descriptionLength),
      facts: [...d.facts.values()],
    };
    if (d.image) entity.image = { url: d.image, credit: 'Wikimedia Commons' };
    const checked = validateEntity(entity, sourceLabel(opts));
    if (!checked.ok) {
      warnings.add(`${d.id}: skipped: ${checked.errors.map((x) => x.message.replace(/^Pack '[^']*': /, '')).join('; ')}`);
      continue;
    }
    entities.push(checked.value);
  }
  if (!entities.length) warnings.add('no usable Wikidata items found');
  const title = queryTitle(opts.url);
  const meta = { publisher: 'Wikidata', licence: 'CC0-1.0', updated: fetched, ...(title ? { name: title } : {}) };
  return finishPack({ ...opts, sourceName: title ?? opts.sourceName }, 'wikidata-query', meta, entities, [], warnings);
}
