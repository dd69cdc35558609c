/**
 * CSV → Gloss entities. Header `name,aliases,type,description` (any order,
 * case-insensitive; `name` required; an optional `id` column), aliases
 * separated by `|`, RFC 4180 quoting (fields in double quotes may hold commas,
 * line breaks and doubled quotes ""). A CSV is hand-written, so it is
 * all-or-nothing like a pack: every bad row is reported with its line number.
 */
import { aliasProblem } from './aliases.ts';
import type { Entity, EntityType } from '../model/types.ts';
import { finishPack, sourceLabel, Warnings, type ImportOptions } from './common.ts';
import { ENTITY_TYPES, ID_PATTERN } from './schema.ts';
import { cleanLine, hashId, slugify } from './sanitize.ts';
import { validateEntity, type PackError, type PackResult } from './validate.ts';

export interface CsvRow {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** RFC 4180 parser. Throws CsvError naming the line on malformed quoting. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new CsvError(`line ${start}: quoted field is not closed`, start);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            if (c === '\n') line++;
            field += c;
            i++;
          }
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new CsvError(`line ${line}: unexpected text after a closing quote`, line);
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new CsvError(`line ${line}: a quote inside an unquoted field (wrap the field in quotes and double the quote)`, line);
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    if (!(fields.length === 1 && fields[0]!.trim() === '')) rows.push({ line: start, fields });
  }
  return rows;
}

/** True when the first line looks like a Gloss CSV header. */
export function looksLikeCsvHeader(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const cols = first.toLowerCase().split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  return cols.includes('name') && (cols.includes('aliases') || cols.includes('type') || cols.includes('description'));
}

/** CSV text → validated Gloss pack. */
export function fromCsv(text: string, opts: ImportOptions = {}): PackResult {
  const source = sourceLabel(opts);
  // PackError.path is a JSON path, which a CSV has not: the line is in the message.
  const err = (message: string, line?: number): PackError => ({
    message: `Source '${source}': ${line ? `line ${line}: ` : ''}${message}`,
  });
  let rows: CsvRow[];
  try {
    rows = parseCsv(text);
  } catch (e) {
    return { ok: false, errors: [{ message: `Source '${source}': ${(e as Error).message}` }] };
  }
  const header = rows.shift();
  if (!header) return { ok: false, errors: [err('empty CSV')] };
  const cols = header.fields.map((f) => f.trim().toLowerCase());
  const col = (name: string) => cols.indexOf(name);
  if (col('name') < 0) return { ok: false, errors: [err(`header must have a "name" column (expected name,aliases,type,description; got ${cols.join(',')})`, header.line)] };
  const errors: PackError[] = [];
  const entities: Entity[] = [];
  const ids = new Map<string, number>();
  const warnings = new Warnings(source);
  for (const row of rows) {
    if (row.fields.length !== cols.length) {
      errors.push(err(`has ${row.fields.length} fields, the header has ${cols.length}`, row.line));
      continue;
    }
    const get = (name: string) => (col(name) >= 0 ? (row.fields[col(name)] ?? '') : '');
    const name = cleanLine(get('name'));
    const typeRaw = cleanLine(get('type')).toLowerCase() || 'other';
    const type = (typeRaw === 'organisation' ? 'organization' : typeRaw) as EntityType;
    if (!(ENTITY_TYPES as readonly string[]).includes(type)) {
      errors.push(err(`type: must be one of ${ENTITY_TYPES.join(', ')} (got '${typeRaw}')`, row.line));
      continue;
    }
    let id = cleanLine(get('id'));
    if (id && !ID_PATTERN.test(id)) {
      errors.push(err(`id: may hold only letters A-Z, digits and . _ : ~ - (got '${id}')`, row.line));
      continue;
    }
    if (!id) id = slugify(name) || (name ? `e-${hashId(name).slice(0, 12)}` : '');
    // Aliases that would flood pages are dropped; the row is kept.
    const aliases = [...new Set(get('aliases').split('|').map(cleanLine).filter((a) => a && a !== name && !aliasProblem(a)))];
    const entity = { id, type, name, aliases, description: get('description'), facts: [] };
    const checked = validateEntity(entity, source);
    if (!checked.ok) {
      for (const e of checked.errors) {
        const field = e.path?.replace(/^entities\[0\]\.?/, '') ?? '';
        const problem = e.message.replace(/^.*?: (?=[^:]*$)/, '');
        errors.push(err(`${field ? `${field}: ` : ''}${problem}`, row.line));
      }
      continue;
    }
    const before = ids.get(checked.value.id);
    if (before !== undefined) {
      errors.push(err(`duplicate id '${checked.value.id}' (also line ${before}); give one of them an id column value`, row.line));
      continue;
    }
    ids.set(checked.value.id, row.line);
    entities.push(checked.value);
  }
  if (errors.length) return { ok: false, errors: errors.slice(0, 100) };
  if (!entities.length) warnings.add('no rows');
  return finishPack(opts, 'csv', {}, entities, [], warnings);
}
