/** Shared plumbing for the importers: options, meta defaults, warning collection, final validation. */
import type { Claim, Entity, Pack, PackMeta } from '../model/types.ts';
import { LIMITS } from './limits.ts';
import { preview, slugify } from './sanitize.ts';
import { validatePack, type PackResult } from './validate.ts';

export interface ImportOptions {
  filename?: string;
  contentType?: string;
  sourceName?: string;
  /** Reader's languages, most preferred first (Wikidata labels); default ['en']. */
  languages?: string[];
  url?: string;
  /** Overrides for the generated pack's metadata (id, name, publisher, licence, updated, homepage). */
  meta?: Partial<PackMeta>;
  /** Largest accepted input in UTF-8 bytes; defaults to LIMITS.maxPackBytes. */
  maxBytes?: number;
}

/** The publisher an imported pack gets when its input names none (readers are shown no publisher then). */
export const UNKNOWN_PUBLISHER = 'Unknown';

/** Human name of the source for messages. */
export function sourceLabel(opts: ImportOptions): string {
  const s = opts.sourceName ?? opts.filename ?? opts.url ?? 'source';
  return preview(s, 80);
}

const MAX_WARNINGS = 50;

/** Collects warnings, keeping the first 50 and counting the rest. */
export class Warnings {
  readonly list: string[] = [];
  private dropped = 0;
  constructor(private readonly source: string) {}
  add(message: string): void {
    if (this.list.length < MAX_WARNINGS) this.list.push(`Source '${this.source}': ${message}`);
    else this.dropped++;
  }
  done(): string[] {
    return this.dropped ? [...this.list, `Source '${this.source}': …and ${this.dropped} more warnings`] : this.list;
  }
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Normalises a date-ish string to YYYY-MM-DD, or undefined. */
export function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  const m = /^[+]?(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31) return `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(s);
  if (!Number.isNaN(t)) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (/^\d{4}-/.test(d)) return d;
  }
  return undefined;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function defaultId(opts: ImportOptions, kind: string): string {
  const base = opts.sourceName ?? opts.filename?.replace(/\.[a-z0-9]+$/i, '') ?? (opts.url ? urlStem(opts.url) : '');
  return slugify(base, LIMITS.packIdLength) || kind;
}

function urlStem(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.pathname.replace(/\.[a-z0-9]+$/i, '')}`;
  } catch {
    return url;
  }
}

/** Assembles and validates the pack an importer produced. */
export function finishPack(
  opts: ImportOptions,
  kind: string,
  defaults: Partial<PackMeta>,
  entities: Entity[],
  claims: Claim[],
  warnings: Warnings,
): PackResult {
  const source = sourceLabel(opts);
  const meta: PackMeta = {
    id: defaultId(opts, kind),
    name: opts.sourceName ?? opts.filename ?? opts.url ?? `Imported ${kind}`,
    publisher: UNKNOWN_PUBLISHER,
    licence: 'unspecified',
    updated: today(),
    ...defined(defaults),
    ...(opts.url && /^https?:/i.test(opts.url) ? { homepage: opts.url } : {}),
    ...defined(opts.meta ?? {}),
  };
  const pack: Pack = {
    format: 'gloss-pack',
    version: 1,
    ...meta,
    entities,
    claims,
  };
  const result = validatePack(pack, { sourceName: source });
  if (!result.ok) return result;
  return { ok: true, pack: result.pack, warnings: [...warnings.done(), ...result.warnings] };
}

export function fail(opts: ImportOptions, message: string): PackResult {
  return { ok: false, errors: [{ message: `Source '${sourceLabel(opts)}': ${message}` }] };
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** First element of a list, or the value itself. */
export function first(x: unknown): unknown {
  return Array.isArray(x) ? x[0] : x;
}

/** `name` of a schema.org Thing (object, list of objects, or plain text). */
export function thingName(x: unknown): string | undefined {
  const t = first(x);
  if (typeof t === 'string') return t.trim() || undefined;
  if (isObject(t)) {
    const n = t.name ?? t.legalName ?? t.alternateName;
    if (typeof n === 'string' && n.trim()) return n.trim();
  }
  return undefined;
}
