/**
 * `gloss match`: run the extension's entity matcher (and optionally its quote
 * matcher) over HTML or text files, one JSON line per match.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pack } from '../../model/types.ts';
import { EntityMatcher, QuoteMatcher, rankCandidates, relatedByText, resolveMentions, type AliasEntry, type QuoteEntry } from '../../matching/index.ts';
import { htmlToText } from '../../matching/html-text.ts';

export const usage = `gloss match --pack PACK [--pack PACK...] [--claims] FILE...
    Print one JSON line per entity found in each HTML (.html/.htm) or text file:
    {"file","entityId","text","start","end"}; entityId is "<pack id>:<entity id>",
    the likeliest first when an alias is ambiguous ("candidates" then lists all).
    Offsets are UTF-16 offsets into the file's visible text (HTML) or contents (text).
    --claims also prints {"file","claimId","text","start","end"} for known claim quotes.`;

type PackParser = (text: string, opts?: { sourceName?: string }) => { ok: true; pack: Pack } | { ok: false; errors: { message: string }[] };

/**
 * The full validator lives in packs/ (another module); use it when present,
 * otherwise fall back to a minimal shape check so this command stands alone.
 */
async function findPackParser(): Promise<PackParser | null> {
  for (const rel of ['../../packs/parse.ts', '../../packs/index.ts']) {
    const url = new URL(rel, import.meta.url);
    if (!existsSync(fileURLToPath(url))) continue;
    try {
      const mod = (await import(url.href)) as { parsePack?: unknown };
      if (typeof mod.parsePack === 'function') return mod.parsePack as PackParser;
    } catch {
      // A broken sibling module must not break matching: fall back below.
    }
  }
  return null;
}

function minimalParse(text: string, file: string): Pack {
  const p = JSON.parse(text) as Partial<Pack>;
  if (p === null || typeof p !== 'object' || p.format !== 'gloss-pack' || typeof p.id !== 'string' || !Array.isArray(p.entities)) {
    throw new Error(`${file}: not a Gloss pack (needs format "gloss-pack", id, entities[])`);
  }
  for (const e of p.entities) {
    if (typeof e?.id !== 'string' || typeof e.name !== 'string' || !Array.isArray(e.aliases)) {
      throw new Error(`${file}: entity without id, name or aliases[]`);
    }
  }
  return { ...p, claims: Array.isArray(p.claims) ? p.claims : [] } as Pack;
}

async function readPack(file: string, parser: PackParser | null): Promise<Pack> {
  const text = readFileSync(file, 'utf8');
  if (!parser) return minimalParse(text, file);
  const r = parser(text, { sourceName: file });
  if (!r.ok) throw new Error(r.errors.map((e) => `${file}: ${e.message}`).join('\n'));
  return r.pack;
}

export function aliasEntries(packs: readonly Pack[]): AliasEntry[] {
  const out: AliasEntry[] = [];
  for (const p of packs) {
    for (const e of p.entities) {
      const entityId = `${p.id}:${e.id}`;
      for (const alias of new Set([e.name, ...e.aliases, ...(e.contextAliases ?? [])])) out.push({ alias, entityId });
    }
  }
  return out;
}

export function quoteEntries(packs: readonly Pack[]): QuoteEntry[] {
  const out: QuoteEntry[] = [];
  for (const p of packs) {
    for (const c of p.claims) {
      const claimId = `${p.id}:${c.id}`;
      for (const text of new Set([c.text, ...(c.quotes ?? [])])) out.push({ text, claimId });
    }
  }
  return out;
}

export function fileText(file: string): string {
  const raw = readFileSync(file, 'utf8');
  return /\.html?$/i.test(file) || /^\s*</.test(raw) ? htmlToText(raw) : raw;
}

export async function run(args: string[]): Promise<number> {
  const packFiles: string[] = [];
  const files: string[] = [];
  let claims = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--pack') {
      const v = args[++i];
      if (!v) return fail('--pack needs a file');
      packFiles.push(v);
    } else if (a.startsWith('--pack=')) packFiles.push(a.slice(7));
    else if (a === '--claims') claims = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(`usage: ${usage}\n`);
      return 0;
    } else if (a.startsWith('-')) return fail(`unknown option ${a}`);
    else files.push(a);
  }
  if (packFiles.length === 0 || files.length === 0) return fail('needs at least one --pack and one FILE');

  let packs: Pack[];
  try {
    const parser = await findPackParser();
    packs = await Promise.all(packFiles.map((f) => readPack(f, parser)));
  } catch (e) {
    return fail((e as Error).message);
  }
  const matcher = EntityMatcher.build(aliasEntries(packs));
  const byKey = new Map<string, Pack['entities'][number] & { key: string; sourceId: string }>(packs.flatMap((p) => p.entities.map((e) => [`${p.id}:${e.id}`, { ...e, key: `${p.id}:${e.id}`, sourceId: p.id }] as [string, Pack['entities'][number] & { key: string; sourceId: string }])));
  const quotes = claims ? QuoteMatcher.build(quoteEntries(packs)) : null;

  let status = 0;
  for (const file of files) {
    let text: string;
    try {
      text = fileText(file);
    } catch (e) {
      process.stderr.write(`gloss match: ${file}: ${(e as Error).message}\n`);
      status = 1;
      continue;
    }
    const raw = matcher.match(text);
    const onPageRecords = [...new Set(raw.flatMap((m) => m.entityIds))].map((k) => byKey.get(k)!).filter(Boolean);
    // Short and common aliases count only where the page supports them (matching/context.ts), as in the extension.
    const matches = resolveMentions(text, raw, (k) => byKey.get(k), (k) => relatedByText(byKey.get(k), onPageRecords));
    // Entities named unambiguously elsewhere on the page are the context for ranking the ambiguous ones.
    const onPage = new Set(matches.filter((m) => m.entityIds.length === 1).map((m) => m.entityIds[0]!));
    const lines: string[] = [];
    for (const m of matches) {
      const ranked = m.entityIds.length > 1 ? rankCandidates(m.entityIds, onPage, () => []) : m.entityIds;
      const line: Record<string, unknown> = { file, entityId: ranked[0], text: m.text, start: m.start, end: m.end };
      if (ranked.length > 1) line.candidates = ranked;
      lines.push(JSON.stringify(line));
    }
    if (quotes) {
      for (const q of quotes.match(text)) {
        lines.push(JSON.stringify({ file, claimId: q.claimIds[0], text: text.slice(q.start, q.end), start: q.start, end: q.end }));
      }
    }
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  }
  return status;
}

function fail(message: string): number {
  process.stderr.write(`gloss match: ${message}\nusage: ${usage}\n`);
  return 2;
}

