/**
 * parsePack: all-or-nothing validation of a Gloss pack. Either every record is
 * valid and a complete, sanitised Pack comes back, or no pack at all and a list
 * of errors that each name the source, the record and the field.
 */
import * as v from 'valibot';
import type { Claim, Entity, Pack } from '../model/types.ts';
import { LIMITS } from './limits.ts';
import { ClaimSchema, EntitySchema, PackSchema } from './schema.ts';
import { cleanLine, exceedsBytes, preview } from './sanitize.ts';

export interface PackError {
  message: string;
  /** JSON path of the offending value, e.g. `entities[3].facts[0].sourceUrl`. */
  path?: string;
  /** The id of the entity or claim the error is in, when it has one. */
  recordId?: string;
}

export type PackResult = { ok: true; pack: Pack; warnings: string[] } | { ok: false; errors: PackError[] };

export interface ParseOptions {
  /** How to name the pack in messages; defaults to the pack's own name, else "pack". */
  sourceName?: string;
  /** Largest accepted input in UTF-8 bytes; defaults to LIMITS.maxPackBytes. */
  maxBytes?: number;
}

// Compile-time check that the schema's output is exactly the shared model.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesModel: Same<v.InferOutput<typeof PackSchema>, Pack> = true;
const entityMatchesModel: Same<v.InferOutput<typeof EntitySchema>, Entity> = true;
const claimMatchesModel: Same<v.InferOutput<typeof ClaimSchema>, Claim> = true;
void schemaMatchesModel;
void entityMatchesModel;
void claimMatchesModel;

/** Turns a Valibot issue path into `entities[3].facts[0].sourceUrl`. */
export function pathString(path: v.IssuePathItem[] | undefined, prefix = ''): string {
  let out = prefix;
  for (const item of path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function recordOf(pack: unknown, path: string): { label: string; rest: string; recordId?: string } | undefined {
  const m = /^(entities|claims)\[(\d+)\](.*)$/.exec(path);
  if (!m) return undefined;
  const list = (pack as Record<string, unknown> | null)?.[m[1]!];
  const record = Array.isArray(list) ? list[Number(m[2])] : undefined;
  const id = record && typeof record === 'object' ? (record as Record<string, unknown>).id : undefined;
  const kind = m[1] === 'entities' ? 'entity' : 'claim';
  const rest = (m[3] ?? '').replace(/^\./, '');
  if (typeof id === 'string' && id.trim() && id.length <= LIMITS.idLength) {
    return { label: `${kind} '${preview(id.trim(), 60)}'`, rest, recordId: id.trim() };
  }
  return { label: `${kind} #${Number(m[2]) + 1} (${m[1]}[${m[2]}])`, rest };
}

/** Formats one error: "Pack 'X': entity 'nypd' facts[0].sourceUrl: <problem>". */
export function packError(source: string, input: unknown, path: string, problem: string): PackError {
  const rec = recordOf(input, path);
  let where: string;
  if (rec) where = rec.rest ? `${rec.label} ${rec.rest}` : rec.label;
  else where = path;
  const message = `Pack '${source}': ${where ? `${where}: ` : ''}${problem}`;
  const err: PackError = { message };
  if (path) err.path = path;
  if (rec?.recordId !== undefined) err.recordId = rec.recordId;
  return err;
}

function sourceLabel(opts: ParseOptions | undefined, input: unknown): string {
  if (opts?.sourceName) return preview(opts.sourceName, 80);
  const name = input && typeof input === 'object' ? (input as Record<string, unknown>).name : undefined;
  if (typeof name === 'string' && name.trim()) return preview(name.trim(), 80);
  return 'pack';
}

/** Finds ids used twice (entities and claims share one id space) and names both positions. */
function duplicateIds(pack: unknown, source: string): PackError[] {
  const errors: PackError[] = [];
  const seen = new Map<string, string>();
  const check = (id: string, where: string, kind: string) => {
    const first = seen.get(id);
    if (first !== undefined) {
      errors.push({
        message: `Pack '${source}': ${kind} '${preview(id, 60)}' (${where}): duplicate id, already used at ${first}`,
        path: `${where}.id`,
        recordId: id,
      });
    } else seen.set(id, where);
  };
  const obj = pack as Record<string, unknown>;
  const scan = (key: 'entities' | 'claims', kind: string) => {
    const list = obj[key];
    if (!Array.isArray(list)) return;
    list.forEach((rec: unknown, i) => {
      const id = rec && typeof rec === 'object' ? (rec as Record<string, unknown>).id : undefined;
      if (typeof id === 'string' && id.trim()) check(cleanLine(id), `${key}[${i}]`, kind);
    });
  };
  scan('entities', 'entity');
  scan('claims', 'claim');
  return errors;
}

function capErrors(errors: PackError[], source: string): PackError[] {
  if (errors.length <= LIMITS.maxErrors) return errors;
  const more = errors.length - LIMITS.maxErrors;
  return [...errors.slice(0, LIMITS.maxErrors), { message: `Pack '${source}': …and ${more} more errors` }];
}

/** Quick checks done before the full schema walk, so a hostile file fails fast. */
function precheck(input: unknown, source: string): PackError[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return [{ message: `Pack '${source}': must be a JSON object (got ${Array.isArray(input) ? 'a list' : input === null ? 'null' : typeof input})` }];
  }
  const obj = input as Record<string, unknown>;
  const errors: PackError[] = [];
  if (obj.format === undefined) {
    return [
      {
        message: `Pack '${source}': format: is required but missing — not a Gloss pack (a pack starts with "format": "gloss-pack", "version": 1; ClaimReview, Wikidata and CSV sources are imported with importSource / gloss pack build)`,
        path: 'format',
      },
    ];
  }
  if (obj.format !== 'gloss-pack') {
    errors.push({ message: `Pack '${source}': format: must be "gloss-pack" (got '${preview(obj.format)}')`, path: 'format' });
  }
  const limits: [string, number][] = [
    ['entities', LIMITS.maxEntities],
    ['claims', LIMITS.maxClaims],
  ];
  for (const [key, max] of limits) {
    const list = obj[key];
    if (Array.isArray(list) && list.length > max) {
      errors.push({ message: `Pack '${source}': ${key}: has too many ${key}: ${list.length}, the limit is ${max}`, path: key });
    }
  }
  if (!errors.length && Array.isArray(obj.entities)) {
    // Counted before the schema walk, so a pack of millions of aliases fails in milliseconds.
    let names = 0;
    for (const e of obj.entities as unknown[]) {
      const { aliases, contextAliases } = e && typeof e === 'object' ? (e as { aliases?: unknown; contextAliases?: unknown }) : {};
      names += 1 + (Array.isArray(aliases) ? aliases.length : 0) + (Array.isArray(contextAliases) ? contextAliases.length : 0);
    }
    if (names > LIMITS.maxNames) {
      errors.push({
        message: `Pack '${source}': entities: has ${names} names and aliases in all, the limit is ${LIMITS.maxNames}; split it into smaller packs or keep the aliases readers meet`,
        path: 'entities',
      });
    }
  }
  return errors;
}

/** Validates an already-parsed value as a pack. */
export function validatePack(input: unknown, opts?: ParseOptions): PackResult {
  const source = sourceLabel(opts, input);
  const early = precheck(input, source);
  if (early.length) return { ok: false, errors: early };
  let result: v.SafeParseResult<typeof PackSchema>;
  try {
    result = v.safeParse(PackSchema, input, { abortEarly: false, abortPipeEarly: true });
  } catch (e) {
    return { ok: false, errors: [{ message: `Pack '${source}': could not be validated: ${(e as Error).message}` }] };
  }
  const dups = duplicateIds(input, source);
  if (!result.success || dups.length) {
    const errors = (result.issues ?? []).map((issue) => packError(source, input, pathString(issue.path), issue.message));
    return { ok: false, errors: capErrors([...errors, ...dups], source) };
  }
  const pack = result.output as Pack;
  const warnings: string[] = [];
  const known = new Set(['format', 'version', 'id', 'name', 'publisher', 'licence', 'updated', 'homepage', 'entities', 'claims']);
  const unknown = Object.keys(input as object).filter((k) => !known.has(k));
  if (unknown.length) {
    warnings.push(`Pack '${source}': ignored unknown top-level field(s) ${unknown.slice(0, 10).map((k) => `'${preview(k)}'`).join(', ')}`);
  }
  return { ok: true, pack, warnings };
}

/** Parses and validates pack text (JSON). */
export function parsePack(text: string, opts?: ParseOptions): PackResult {
  const maxBytes = opts?.maxBytes ?? LIMITS.maxPackBytes;
  const fallback = opts?.sourceName ? preview(opts.sourceName, 80) : 'pack';
  if (typeof text !== 'string') {
    return { ok: false, errors: [{ message: `Pack '${fallback}': expected text, got ${typeof text}` }] };
  }
  if (exceedsBytes(text, maxBytes)) {
    return { ok: false, errors: [{ message: `Pack '${fallback}': is larger than the limit of ${maxBytes} bytes` }] };
  }
  let input: unknown;
  try {
    input = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, errors: [{ message: `Pack '${fallback}': is not valid JSON: ${(e as Error).message}` }] };
  }
  return validatePack(input, opts);
}

export type RecordResult<T> = { ok: true; value: T } | { ok: false; errors: PackError[] };

function validateRecord<T>(schema: v.GenericSchema<unknown, T>, kind: 'entities' | 'claims', value: unknown, source: string): RecordResult<T> {
  const result = v.safeParse(schema, value, { abortEarly: false, abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  const wrapper = { [kind]: [value] };
  return {
    ok: false,
    errors: result.issues.map((issue) => packError(source, wrapper, pathString(issue.path, `${kind}[0]`), issue.message)),
  };
}

/** Validates and sanitises one entity (importers use it to skip bad records). */
export function validateEntity(value: unknown, source = 'pack'): RecordResult<Entity> {
  return validateRecord(EntitySchema as v.GenericSchema<unknown, Entity>, 'entities', value, source);
}

/** Validates and sanitises one claim (importers use it to skip bad records). */
export function validateClaim(value: unknown, source = 'pack'): RecordResult<Claim> {
  return validateRecord(ClaimSchema as v.GenericSchema<unknown, Claim>, 'claims', value, source);
}
