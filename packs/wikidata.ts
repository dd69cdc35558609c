/**
 * Wikidata JSON → Gloss entities. Accepts a single entity, a `wbgetentities`
 * response (`{ entities: { Q1: {...} } }`), a JSON dump array, or a
 * line-per-entity dump (JSON Lines, with or without trailing commas).
 * Only items (Q…) become entities; lexemes, forms, senses, properties and
 * media entities are skipped with a warning.
 */
import { aliasProblem } from './aliases.ts';
import type { Entity, EntityType, Fact } from '../model/types.ts';
import { finishPack, isObject, isoDate, sourceLabel, Warnings, type ImportOptions } from './common.ts';
import { LIMITS } from './limits.ts';
import { cleanLine, cleanText, preview, truncate } from './sanitize.ts';
import { validateEntity, type PackResult } from './validate.ts';
import { parseJsonLines } from './claimreview.ts';

type Json = Record<string, unknown>;

/** Well-known classes (P31 values): the Gloss type, and an English label used when the file has none. */
export const CLASSES: Record<string, [EntityType, string]> = {
  Q5: ['person', 'human'],
  Q15632617: ['person', 'fictional human'],
  // organisations
  Q43229: ['organization', 'organization'],
  Q4830453: ['organization', 'business'],
  Q783794: ['organization', 'company'],
  Q891723: ['organization', 'public company'],
  Q6881511: ['organization', 'enterprise'],
  Q167037: ['organization', 'corporation'],
  Q161726: ['organization', 'multinational corporation'],
  Q327333: ['organization', 'government agency'],
  Q2659904: ['organization', 'government organization'],
  Q7188: ['organization', 'government'],
  Q192350: ['organization', 'ministry'],
  Q35535: ['organization', 'police'],
  Q732717: ['organization', 'law enforcement agency'],
  Q7278: ['organization', 'political party'],
  Q163740: ['organization', 'nonprofit organization'],
  Q484652: ['organization', 'international organization'],
  Q245065: ['organization', 'intergovernmental organization'],
  Q3918: ['organization', 'university'],
  Q31855: ['organization', 'research institute'],
  Q11032: ['organization', 'newspaper'],
  Q1616075: ['organization', 'television station'],
  Q1331793: ['organization', 'media company'],
  Q2085381: ['organization', 'publisher'],
  Q22687: ['organization', 'bank'],
  Q476028: ['organization', 'association football club'],
  Q15911314: ['organization', 'association'],
  Q48204: ['organization', 'voluntary association'],
  Q8473: ['organization', 'military'],
  Q176799: ['organization', 'military unit'],
  Q18388277: ['organization', 'technology company'],
  // places
  Q515: ['place', 'city'],
  Q1549591: ['place', 'big city'],
  Q1637706: ['place', 'city with millions of inhabitants'],
  Q5119: ['place', 'capital'],
  Q486972: ['place', 'human settlement'],
  Q3957: ['place', 'town'],
  Q532: ['place', 'village'],
  Q15284: ['place', 'municipality'],
  Q1093829: ['place', 'city of the United States'],
  Q3184121: ['place', 'municipality of Brazil'],
  Q6256: ['place', 'country'],
  Q3624078: ['place', 'sovereign state'],
  Q7275: ['place', 'state'],
  Q35657: ['place', 'state of the United States'],
  Q107390: ['place', 'federated state'],
  Q34876: ['place', 'province'],
  Q56061: ['place', 'administrative territorial entity'],
  Q10864048: ['place', 'first-level administrative country subdivision'],
  Q13220204: ['place', 'second-level administrative country subdivision'],
  Q123705: ['place', 'neighborhood'],
  Q82794: ['place', 'geographic region'],
  Q5107: ['place', 'continent'],
  Q23442: ['place', 'island'],
  Q8502: ['place', 'mountain'],
  Q4022: ['place', 'river'],
  Q23397: ['place', 'lake'],
  Q1187811: ['place', 'college town'],
  Q42744322: ['place', 'urban municipality of Germany'],
};

/** A few country labels (English), for statements pointing at them. */
const COUNTRIES: Record<string, string> = {
  Q30: 'United States', Q155: 'Brazil', Q45: 'Portugal', Q29: 'Spain', Q145: 'United Kingdom', Q142: 'France',
  Q183: 'Germany', Q38: 'Italy', Q33: 'Finland', Q35: 'Denmark', Q865: 'Taiwan', Q148: "People's Republic of China",
  Q17: 'Japan', Q16: 'Canada', Q159: 'Russia', Q668: 'India', Q96: 'Mexico', Q414: 'Argentina', Q55: 'Netherlands',
  Q39: 'Switzerland', Q40: 'Austria', Q31: 'Belgium', Q34: 'Sweden', Q20: 'Norway', Q36: 'Poland', Q212: 'Ukraine',
};

const PROPERTY_NAMES: Record<string, Record<string, string>> = {
  en: { P31: 'Instance of', P39: 'Position held', P569: 'Born', P17: 'Country', P571: 'Founded', P159: 'Headquarters', P1082: 'Population' },
  pt: { P31: 'Instância de', P39: 'Cargo ocupado', P569: 'Nascimento', P17: 'País', P571: 'Fundação', P159: 'Sede', P1082: 'População' },
  es: { P31: 'Instancia de', P39: 'Cargo ocupado', P569: 'Nacimiento', P17: 'País', P571: 'Fundación', P159: 'Sede', P1082: 'Población' },
};

const FACT_PROPERTIES = ['P31', 'P39', 'P569', 'P17', 'P571', 'P159', 'P1082'] as const;

type LangMap = Record<string, { value?: unknown } | { value?: unknown }[]>;

/** Language preference: each requested language, then its base (pt-br → pt), then 'mul'. */
export function languageChain(languages: string[]): string[] {
  const out: string[] = [];
  for (const l of languages) {
    const lang = l.toLowerCase();
    if (!out.includes(lang)) out.push(lang);
    const base = lang.split('-')[0]!;
    if (!out.includes(base)) out.push(base);
  }
  if (!out.includes('mul')) out.push('mul');
  return out;
}

function valueOf(x: unknown): string | undefined {
  const v = Array.isArray(x) ? x[0] : x;
  if (isObject(v) && typeof v.value === 'string' && v.value.trim()) return v.value;
  return undefined;
}

/** Picks a label/description in the chain, else any language. */
function pick(map: unknown, chain: string[], anyFallback = true): string | undefined {
  if (!isObject(map)) return undefined;
  const m = map as LangMap;
  for (const lang of chain) {
    if (Object.prototype.hasOwnProperty.call(m, lang)) {
      const v = valueOf(m[lang]);
      if (v) return v;
    }
  }
  if (!anyFallback) return undefined;
  // Any language: English first (the most widely read), then the rest in order.
  const keys = Object.keys(m).sort();
  for (const key of keys.includes('en') ? ['en', ...keys] : keys) {
    const v = valueOf(m[key]);
    if (v) return v;
  }
  return undefined;
}

function statements(entity: Json, prop: string): Json[] {
  const claims = entity.claims ?? entity.statements;
  if (!isObject(claims)) return [];
  const list = claims[prop];
  if (!Array.isArray(list)) return [];
  const usable = list.filter((s): s is Json => isObject(s) && s.rank !== 'deprecated' && isObject(s.mainsnak) && s.mainsnak.snaktype === 'value');
  const preferred = usable.filter((s) => s.rank === 'preferred');
  return preferred.length ? preferred : usable;
}

function datavalue(snak: unknown): { type?: unknown; value?: unknown } | undefined {
  if (!isObject(snak) || !isObject(snak.datavalue)) return undefined;
  return snak.datavalue as { type?: unknown; value?: unknown };
}

function itemId(snak: unknown): string | undefined {
  const dv = datavalue(snak);
  if (!dv || !isObject(dv.value)) return undefined;
  const id = dv.value.id ?? (typeof dv.value['numeric-id'] === 'number' ? `Q${dv.value['numeric-id']}` : undefined);
  return typeof id === 'string' && /^Q\d+$/.test(id) ? id : undefined;
}

/** Wikidata time value → "1939-11-08", "1953-03", "1214", "13 billion years ago"-free simple form. */
function timeText(snak: unknown): string | undefined {
  const dv = datavalue(snak);
  if (!dv || !isObject(dv.value) || typeof dv.value.time !== 'string') return undefined;
  const m = /^([+-])(\d+)-(\d{2})-(\d{2})/.exec(dv.value.time);
  if (!m) return undefined;
  const precision = typeof dv.value.precision === 'number' ? dv.value.precision : 11;
  const year = String(Number(m[2]));
  if (m[1] === '-' || precision < 9) {
    if (m[1] === '-') return `${year} BCE`;
    return precision < 9 ? undefined : year;
  }
  const yyyy = year.padStart(4, '0');
  if (precision === 9) return yyyy;
  if (precision === 10) return `${yyyy}-${m[3]}`;
  return `${yyyy}-${m[3]}-${m[4]}`;
}

function quantityText(snak: unknown): string | undefined {
  const dv = datavalue(snak);
  if (!dv || !isObject(dv.value) || typeof dv.value.amount !== 'string') return undefined;
  const n = Number(dv.value.amount);
  return Number.isFinite(n) ? n.toLocaleString('en-US') : undefined;
}

function qualifierTime(statement: Json, prop: string): string | undefined {
  const q = isObject(statement.qualifiers) ? statement.qualifiers[prop] : undefined;
  return Array.isArray(q) ? timeText(q[0]) : undefined;
}

interface Context {
  chain: string[];
  labels: Map<string, string>;
  propertyNames: Record<string, string>;
}

function itemLabel(id: string, ctx: Context): string {
  // Labels from the file first (reader's languages, then mul, then any), then
  // the small built-in English table (the "any language" fallback).
  const known = ctx.labels.get(id) ?? CLASSES[id]?.[1] ?? COUNTRIES[id];
  return known ?? `${id} (https://www.wikidata.org/wiki/${id})`;
}

function entityType(entity: Json): EntityType {
  for (const s of statements(entity, 'P31')) {
    const id = itemId(s.mainsnak);
    const cls = id ? CLASSES[id] : undefined;
    if (cls) return cls[0];
  }
  // Things with coordinates are places (a heritage site, a district of a city).
  const claims = entity.claims ?? entity.statements;
  if (isObject(claims) && Array.isArray(claims.P625) && claims.P625.length) return 'place';
  return 'other';
}

function factsOf(entity: Json, qid: string, ctx: Context, asOf: string | undefined): Fact[] {
  const facts: Fact[] = [];
  const sourceUrl = `https://www.wikidata.org/wiki/${qid}`;
  const add = (prop: string, text: string, extraAsOf?: string) => {
    const fact: Fact = { text: truncate(`${ctx.propertyNames[prop] ?? prop}: ${text}`, LIMITS.factTextLength), sourceUrl, sourceName: 'Wikidata' };
    const date = asOf ?? extraAsOf;
    if (date) fact.asOf = date;
    facts.push(fact);
  };
  for (const prop of FACT_PROPERTIES) {
    const list = statements(entity, prop);
    if (!list.length) continue;
    switch (prop) {
      case 'P31':
      case 'P17':
      case 'P159': {
        const ids = [...new Set(list.map((s) => itemId(s.mainsnak)).filter((x): x is string => !!x))].slice(0, 5);
        if (ids.length) add(prop, ids.map((id) => itemLabel(id, ctx)).join(', '));
        break;
      }
      case 'P39': {
        for (const s of list.slice(0, 5)) {
          const id = itemId(s.mainsnak);
          if (!id) continue;
          const start = qualifierTime(s, 'P580');
          const end = qualifierTime(s, 'P582');
          const span = start || end ? ` (${start ?? '?'}–${end ?? ''})` : '';
          add(prop, `${itemLabel(id, ctx)}${span}`);
        }
        break;
      }
      case 'P569':
      case 'P571': {
        const t = timeText(list[0]!.mainsnak);
        if (t) add(prop, t);
        break;
      }
      case 'P1082': {
        // The most recent figure by its "point in time" (P585) qualifier.
        let best: { n: string; when?: string } | undefined;
        for (const s of list) {
          const n = quantityText(s.mainsnak);
          if (!n) continue;
          const when = qualifierTime(s, 'P585');
          if (!best || (when && (!best.when || when > best.when))) best = when ? { n, when } : { n };
        }
        if (best) {
          const asOfPoint = best.when && /^\d{4}-\d{2}(-\d{2})?$/.test(best.when) ? best.when : undefined;
          add(prop, best.when ? `${best.n} (${best.when})` : best.n, asOfPoint);
        }
        break;
      }
    }
  }
  return facts.slice(0, LIMITS.maxFacts);
}

/** Flattens any accepted Wikidata shape into a list of entity objects. */
export function wikidataEntities(root: unknown): unknown[] {
  if (Array.isArray(root)) return root;
  if (isObject(root) && isObject(root.entities) && !Array.isArray(root.entities)) return Object.values(root.entities);
  return [root];
}

function kindOf(e: Json): string {
  const id = typeof e.id === 'string' ? e.id : '';
  if (typeof e.type === 'string' && e.type !== 'item') return e.type;
  if (/^L\d+-F\d+$/.test(id)) return 'form';
  if (/^L\d+-S\d+$/.test(id)) return 'sense';
  if (/^L\d+$/.test(id)) return 'lexeme';
  if (/^P\d+$/.test(id)) return 'property';
  if (/^M\d+$/.test(id)) return 'mediainfo';
  return 'item';
}

/** Wikidata JSON (parsed value or text) → validated Gloss pack. */
export function fromWikidata(input: unknown, opts: ImportOptions = {}): PackResult {
  const source = sourceLabel(opts);
  const warnings = new Warnings(source);
  let root = input;
  if (typeof input === 'string') {
    try {
      root = JSON.parse(input);
    } catch {
      root = parseJsonLines(input, warnings);
    }
  }
  const list = wikidataEntities(root);
  const chain = languageChain(opts.languages?.length ? opts.languages : ['en']);
  const ui = chain.find((l) => PROPERTY_NAMES[l]) ?? 'en';
  const ctx: Context = { chain, labels: new Map(), propertyNames: PROPERTY_NAMES[ui]! };
  // First pass: every label in the file, so statements can name items defined alongside.
  for (const e of list) {
    if (isObject(e) && typeof e.id === 'string' && /^Q\d+$/.test(e.id)) {
      const label = pick(e.labels, chain);
      if (label) ctx.labels.set(e.id, cleanLine(label));
    }
  }
  const entities: Entity[] = [];
  const seen = new Set<string>();
  let latest = '';
  list.forEach((e, i) => {
    const where = `entity ${i + 1}`;
    if (!isObject(e)) {
      warnings.add(`${where}: skipped: not an object`);
      return;
    }
    const id = typeof e.id === 'string' ? e.id : undefined;
    if (!id) {
      warnings.add(`${where}: skipped: no id`);
      return;
    }
    if (e.missing !== undefined) {
      warnings.add(`${id}: skipped: missing on Wikidata`);
      return;
    }
    const kind = kindOf(e);
    if (kind !== 'item' || !/^Q\d+$/.test(id)) {
      warnings.add(`${preview(id)}: skipped: a ${kind}, not an item`);
      return;
    }
    if (seen.has(id)) {
      warnings.add(`${id}: skipped: appears twice`);
      return;
    }
    const name = pick(e.labels, chain);
    if (!name) {
      warnings.add(`${id}: skipped: no label in any language`);
      return;
    }
    const cleanName = truncate(cleanLine(name), LIMITS.nameLength);
    const aliases: string[] = [];
    const addAlias = (a: unknown) => {
      if (typeof a !== 'string') return;
      const s = truncate(cleanLine(a), LIMITS.aliasLength);
      // Aliases that would flood pages ("US" is kept: capitals match case-sensitively) are dropped, not the entity.
      if (s && s !== cleanName && !aliases.includes(s) && aliases.length < LIMITS.maxAliases && !aliasProblem(s)) aliases.push(s);
    };
    for (const lang of chain) {
      if (isObject(e.labels)) addAlias(valueOf((e.labels as LangMap)[lang]));
      const al = isObject(e.aliases) ? (e.aliases as Record<string, unknown>)[lang] : undefined;
      if (Array.isArray(al)) for (const a of al) addAlias(isObject(a) ? a.value : undefined);
    }
    const description = pick(e.descriptions, chain) ?? '';
    const asOf = isoDate(e.modified);
    const entity: Entity = {
      id,
      type: entityType(e),
      name: cleanName,
      aliases,
      description: truncate(cleanText(description), LIMITS.descriptionLength),
      facts: factsOf(e, id, ctx, asOf),
    };
    const checked = validateEntity(entity, source);
    if (!checked.ok) {
      warnings.add(`${id}: skipped: ${checked.errors.map((x) => x.message.replace(/^Pack '[^']*': /, '')).join('; ')}`);
      return;
    }
    seen.add(id);
    entities.push(checked.value);
    if (asOf && asOf > latest) latest = asOf;
  });
  if (!entities.length) warnings.add('no usable Wikidata items found');
  return finishPack(opts, 'wikidata', { publisher: 'Wikidata', licence: 'CC0-1.0', ...(latest ? { updated: latest } : {}) }, entities, [], warnings);
}
