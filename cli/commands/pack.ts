/**
 * `gloss pack` — build and validate Gloss knowledge packs.
 *
 *   gloss pack build --name NAME --publisher P [--id ID] [--licence L] [--lang en,pt]
 *                    [--homepage URL] [--updated YYYY-MM-DD] [--pretty] -o OUT.json INPUT...
 *   gloss pack validate FILE...
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PackMeta } from '../../model/types.ts';
import { importSource, LIMITS, mergePacks, parsePack, validatePack } from '../../packs/index.ts';
import { slugify } from '../../packs/sanitize.ts';

export const usage = `gloss pack build --name NAME --publisher P [--id ID] [--licence L] [--lang en,pt]
                 [--homepage URL] [--updated YYYY-MM-DD] [--pretty] -o OUT.json INPUT...
    Build a Gloss pack from inputs: Gloss packs, ClaimReview (JSON, JSON Lines,
    feeds, HTML pages), Wikidata JSON, or CSV (name,aliases,type,description).
    A directory stands for the files in it. Duplicate ids are reported; the
    first is kept. Inputs may be up to 512 MiB; the pack written, 64 MiB.
gloss pack validate FILE...
    Check packs; prints OK with counts, or the errors (exit status 1).`;

/** Largest input file read by `build` (a pack itself is limited to LIMITS.maxPackBytes). */
const MAX_INPUT_BYTES = 512 * 1024 * 1024;

function out(s: string): void {
  process.stdout.write(`${s}\n`);
}
function err(s: string): void {
  process.stderr.write(`${s}\n`);
}

function expandInputs(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      files.push(p); // reported when read
      continue;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (/\.(json|jsonl|ndjson|csv|html?)$/i.test(name)) files.push(join(p, name));
      }
    } else files.push(p);
  }
  return files;
}

async function build(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        publisher: { type: 'string' },
        id: { type: 'string' },
        licence: { type: 'string' },
        license: { type: 'string' },
        lang: { type: 'string' },
        homepage: { type: 'string' },
        updated: { type: 'string' },
        out: { type: 'string', short: 'o' },
        pretty: { type: 'boolean' },
      },
    });
  } catch (e) {
    err(`gloss pack build: ${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const missing = (['name', 'publisher', 'out'] as const).filter((k) => !values[k]);
  if (missing.length || !positionals.length) {
    err(`gloss pack build: missing ${[...missing.map((m) => (m === 'out' ? '-o OUT.json' : `--${m}`)), ...(positionals.length ? [] : ['INPUT'])].join(', ')}\n\n${usage}`);
    return 2;
  }
  const languages = values.lang ? values.lang.split(',').map((l) => l.trim()).filter(Boolean) : ['en'];
  const inputs = expandInputs(positionals);
  const loaded: { label: string; pack: import('../../model/types.ts').Pack }[] = [];
  let failed = false;
  for (const file of inputs) {
    let text: string;
    try {
      const size = statSync(file).size;
      if (size > MAX_INPUT_BYTES) {
        err(`${file}: ${size} bytes, larger than the ${MAX_INPUT_BYTES}-byte input limit; split it`);
        failed = true;
        continue;
      }
      text = readFileSync(file, 'utf8');
    } catch (e) {
      err(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      failed = true;
      continue;
    }
    // Inputs (e.g. a Wikidata extract) may be larger than a pack; the output is checked below.
    const result = importSource(text, { filename: basename(file), sourceName: file, languages, maxBytes: MAX_INPUT_BYTES });
    if (!result.ok) {
      failed = true;
      for (const e of result.errors) err(e.message);
      continue;
    }
    for (const w of result.warnings) err(`warning: ${w}`);
    loaded.push({ label: file, pack: result.pack });
    err(`${file}: ${result.pack.entities.length} entities, ${result.pack.claims.length} claims`);
  }
  if (failed) {
    err('gloss pack build: not written, fix the errors above');
    return 1;
  }
  const meta: PackMeta = {
    id: values.id ?? (slugify(values.name!, 64) || 'pack'),
    name: values.name!,
    publisher: values.publisher!,
    licence: values.licence ?? values.license ?? 'unspecified',
    updated: values.updated ?? new Date().toISOString().slice(0, 10),
  };
  if (values.homepage) meta.homepage = values.homepage;
  const { pack, duplicates } = mergePacks(loaded, meta);
  for (const d of duplicates) err(`duplicate: ${d}`);
  const checked = validatePack(pack, { sourceName: values.name });
  if (!checked.ok) {
    for (const e of checked.errors) err(e.message);
    err('gloss pack build: not written, fix the errors above');
    return 1;
  }
  if (!checked.pack.entities.length && !checked.pack.claims.length) {
    err('gloss pack build: the inputs hold no usable entities or claims; not written');
    return 1;
  }
  const json = values.pretty ? JSON.stringify(checked.pack, null, 2) : JSON.stringify(checked.pack);
  const bytes = Buffer.byteLength(json);
  if (bytes > LIMITS.maxPackBytes) {
    err(`gloss pack build: the pack would be ${bytes} bytes, over the ${LIMITS.maxPackBytes}-byte limit Gloss accepts; split the inputs into several packs. Not written.`);
    return 1;
  }
  writeFileSync(values.out!, `${json}\n`);
  out(
    `Wrote ${values.out}: ${checked.pack.entities.length} entities, ${checked.pack.claims.length} claims, ${bytes} bytes` +
      (duplicates.length ? ` (${duplicates.length} duplicates dropped)` : ''),
  );
  return 0;
}

async function validate(files: string[]): Promise<number> {
  if (!files.length) {
    err(`gloss pack validate: no FILE given\n\n${usage}`);
    return 2;
  }
  let bad = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      err(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      bad++;
      continue;
    }
    const result = parsePack(text, { sourceName: file });
    if (result.ok) {
      const p = result.pack;
      out(`OK ${file}: '${p.name}' (${p.id}) by ${p.publisher}, ${p.entities.length} entities, ${p.claims.length} claims, updated ${p.updated}`);
      for (const w of result.warnings) err(`warning: ${w}`);
    } else {
      bad++;
      out(`INVALID ${file}: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`);
      for (const e of result.errors) out(`  ${e.message}`);
    }
  }
  return bad ? 1 : 0;
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'build':
      return build(rest);
    case 'validate':
      return validate(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      out(usage);
      return sub === undefined ? 2 : 0;
    default:
      err(`gloss pack: unknown subcommand '${sub}'\n\n${usage}`);
      return 2;
  }
}
