import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS, parsePack, validatePack } from '../../../packs/index.ts';
import { packJsonSchemaText } from '../../../packs/json-schema.ts';
import { examplePack, fixture, ROOT } from './helpers.ts';

const text = (o: unknown) => JSON.stringify(o);

function errorsOf(o: unknown, opts?: Parameters<typeof parsePack>[1]) {
  const r = parsePack(text(o), opts);
  if (r.ok) throw new Error('expected the pack to be rejected');
  expect(r).not.toHaveProperty('pack');
  return r.errors;
}

describe('parsePack', () => {
  it('accepts the example pack and fills defaults', () => {
    const r = parsePack(fixture('packs', 'example.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pack.entities).toHaveLength(3);
    expect(r.pack.claims).toHaveLength(1);
    const nyc = r.pack.entities.find((e) => e.id === 'nyc')!;
    expect(nyc.description).toBe('');
    expect(nyc.facts).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('names the pack, the record and the field for a javascript: link', () => {
    const p = examplePack() as { entities: { facts: { sourceUrl: string }[] }[] };
    p.entities[0]!.facts[0]!.sourceUrl = 'javascript:alert(document.cookie)';
    const errors = errorsOf(p, { sourceName: 'X' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual({
      message: "Pack 'X': entity 'nypd' facts[0].sourceUrl: only http(s) links are allowed (got 'javascript:…')",
      path: 'entities[0].facts[0].sourceUrl',
      recordId: 'nypd',
    });
  });

  it.each([
    ['data:text/html,<script>alert(1)</script>', 'data:…'],
    ['file:///etc/passwd', 'file:…'],
    ['//example.org/x', '//example.org/x'],
    ['/relative/path', '/relative/path'],
    ['ftp://example.org/x', 'ftp:…'],
  ])('rejects the link %s', (url, shown) => {
    const p = examplePack() as { claims: { url: string }[] };
    p.claims[0]!.url = url;
    const [e] = errorsOf(p);
    expect(e!.path).toBe('claims[0].url');
    expect(e!.message).toContain(`claim 'ice-recruitment-post' url: only http(s) links are allowed (got '${shown}')`);
  });

  it('rejects https links without a host', () => {
    const p = examplePack() as { homepage: string };
    p.homepage = 'https://';
    const [e] = errorsOf(p);
    expect(e!.path).toBe('homepage');
    expect(e!.message).toMatch(/homepage: is not a valid absolute link/);
  });

  it('reports missing and wrongly typed fields by name', () => {
    const p = examplePack() as { entities: Record<string, unknown>[]; claims: Record<string, unknown>[] };
    delete p.entities[1]!.name;
    p.entities[2]!.aliases = 'NYC';
    p.claims[0]!.verdict = 'sort of';
    delete p.claims[0]!.reviewDate;
    const errors = errorsOf(p, { sourceName: 'X' });
    expect(errors.map((e) => e.message)).toEqual([
      "Pack 'X': entity 'ice' name: is required but missing",
      "Pack 'X': entity 'nyc' aliases: must be a list of names (got text 'NYC')",
      "Pack 'X': claim 'ice-recruitment-post' verdict: must be one of accurate, mostly-accurate, mixed, needs-context, mostly-inaccurate, inaccurate, unrated (got text 'sort of')",
      "Pack 'X': claim 'ice-recruitment-post' reviewDate: is required but missing",
    ]);
    expect(errors.map((e) => e.path)).toEqual(['entities[1].name', 'entities[2].aliases', 'claims[0].verdict', 'claims[0].reviewDate']);
  });

  it('names a record without a usable id by its position', () => {
    const p = examplePack() as { entities: Record<string, unknown>[] };
    p.entities[1]!.id = 42;
    const errors = errorsOf(p, { sourceName: 'X' });
    expect(errors[0]!.message).toBe("Pack 'X': entity #2 (entities[1]) id: must be text (got number 42)");
    expect(errors[0]!.recordId).toBeUndefined();
  });

  it('rejects duplicate ids naming both positions', () => {
    const p = examplePack() as { entities: Record<string, unknown>[]; claims: Record<string, unknown>[] };
    p.entities.push({ ...p.entities[0]!, name: 'Another Police' });
    p.claims.push({ ...p.claims[0]!, id: 'ice' });
    const errors = errorsOf(p, { sourceName: 'X' });
    expect(errors.map((e) => e.message)).toEqual([
      "Pack 'X': entity 'nypd' (entities[3]): duplicate id, already used at entities[0]",
      "Pack 'X': claim 'ice' (claims[1]): duplicate id, already used at entities[1]",
    ]);
    expect(errors[0]!.path).toBe('entities[3].id');
  });

  it('enforces string length limits', () => {
    const p = examplePack() as { entities: Record<string, unknown>[] };
    p.entities[0]!.name = 'N'.repeat(LIMITS.nameLength + 1);
    p.entities[1]!.description = 'd'.repeat(LIMITS.descriptionLength + 1);
    p.entities[2]!.aliases = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `alias ${i}`);
    const errors = errorsOf(p);
    expect(errors.map((e) => e.path)).toEqual(['entities[0].name', 'entities[1].description', 'entities[2].aliases']);
    expect(errors[0]!.message).toContain('is too long: 301 characters, the limit is 300');
    expect(errors[2]!.message).toContain('has too many aliases: 101, the limit is 100');
  });

  it('enforces the byte limit before parsing', () => {
    const r = parsePack(fixture('packs', 'example.json'), { maxBytes: 100, sourceName: 'small' });
    expect(r).toEqual({ ok: false, errors: [{ message: "Pack 'small': is larger than the limit of 100 bytes" }] });
  });

  it('enforces the entity count before the full walk', () => {
    const p = examplePack();
    const many = Array.from({ length: LIMITS.maxEntities + 1 }, () => 0);
    const r = validatePack({ ...p, entities: many }, { sourceName: 'big' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ message: `Pack 'big': entities: has too many entities: ${LIMITS.maxEntities + 1}, the limit is ${LIMITS.maxEntities}`, path: 'entities' }]);
  });

  it('cleans strings: trims, removes control and bidi-override characters, keeps markup as text', () => {
    const p = examplePack() as { entities: Record<string, unknown>[] };
    p.entities[0]!.name = '  New\u0000 York\u202E\n Police\u0007 ';
    p.entities[0]!.description = '<img src=x onerror=alert(1)> <b>bold</b>\r\nline two';
    p.entities[0]!.aliases = [' NYPD ', 'N\u0008YPD'];
    const r = parsePack(text(p));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = r.pack.entities[0]!;
    expect(e.name).toBe('New York Police');
    expect(e.description).toBe('<img src=x onerror=alert(1)> <b>bold</b>\nline two');
    expect(e.aliases).toEqual(['NYPD', 'NYPD']);
  });

  it('rejects whitespace-only required text', () => {
    const p = examplePack() as { entities: Record<string, unknown>[] };
    p.entities[0]!.name = ' \u0000\t ';
    const [e] = errorsOf(p);
    expect(e!.message).toMatch(/entity 'nypd' name: must not be empty/);
  });

  it('rejects other formats and versions, and non-JSON', () => {
    expect(errorsOf({ ...examplePack(), version: 2 })[0]!.message).toMatch(/version: unsupported version 2: this Gloss reads version 1/);
    expect(errorsOf({ ...examplePack(), format: 'other' })[0]!.message).toMatch(/format: must be "gloss-pack"/);
    expect(errorsOf([1, 2])[0]!.message).toMatch(/must be a JSON object \(got a list\)/);
    const r = parsePack('{"format": "gloss-pack",', { sourceName: 'broken' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/^Pack 'broken': is not valid JSON: /);
  });

  it('checks pack id, dates and asOf formats', () => {
    const p = examplePack() as Record<string, unknown> & { entities: { facts: Record<string, unknown>[] }[] };
    p.id = 'Has Spaces';
    p.updated = 'yesterday';
    p.entities[0]!.facts[1]!.asOf = '2025-13';
    const errors = errorsOf(p);
    expect(errors.map((e) => e.path)).toEqual(['id', 'updated', 'entities[0].facts[1].asOf']);
  });

  it('ignores unknown fields, with a warning for top-level ones, and never copies __proto__', () => {
    const t = fixture('packs', 'example.json').replace('"format"', '"__proto__": {"polluted": true}, "extra": 1, "format"');
    const r = parsePack(t);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.pack)).not.toContain('__proto__');
    expect(Object.getPrototypeOf(r.pack)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.warnings[0]).toMatch(/ignored unknown top-level field\(s\) '__proto__', 'extra'/);
  });

  it('caps the number of errors', () => {
    const p = examplePack();
    const r = validatePack({ ...p, entities: Array.from({ length: 500 }, () => null) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(LIMITS.maxErrors + 1);
      expect(r.errors.at(-1)!.message).toMatch(/…and 400 more errors/);
    }
  });
});

describe('docs/pack.schema.json', () => {
  it('is the schema generated from packs/schema.ts (run `npx tsx packs/write-schema.ts`)', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'pack.schema.json'), 'utf8');
    expect(committed).toBe(packJsonSchemaText());
  });
});

describe('link rules', () => {
  it.each([
    ['https://www.wikidata.org/wiki/Q1', true],
    ['http://127.0.0.1:8080/pack.json', true],
    ['https://[::1]/x', true],
    ['https://例え.jp/パス', true],
    ['HTTPS://EXAMPLE.ORG/A?b=c#d', true],
    ['https://', false],
    ['https:///host-after-three-slashes', false],
    ['https://exa mple.org/', false],
    ['https://example.org/a b', false],
    ['https://example.org/\u0000', false],
    ['https:\\\\evil.example', false],
    ['https://bank.example@evil.example/', false],
    ['https://user:pw@example.org/', false],
    ['https://example.org:99999/', false],
  ])('%s → %s', (url, ok) => {
    const p = examplePack() as { homepage: string };
    p.homepage = url;
    expect(parsePack(JSON.stringify(p)).ok).toBe(ok);
  });
});

describe('docs/pack.schema.json agrees with parsePack', () => {
  it('accepts the example and the starter-style packs, and rejects what parsePack rejects structurally', async () => {
    const { default: Ajv } = await import('ajv');
    const { default: addFormats } = await import('ajv-formats');
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'docs', 'pack.schema.json'), 'utf8')));
    expect(validate(examplePack()), JSON.stringify(validate.errors)).toBe(true);
    const bad = [
      { ...examplePack(), version: 2 },
      { ...examplePack(), id: 'Has Spaces' },
      { ...examplePack(), homepage: 'javascript:alert(1)' },
      { ...examplePack(), entities: [{ id: 'x', type: 'animal', name: 'X' }] },
      { ...examplePack(), entities: [{ id: 'x', type: 'person' }] },
      { ...examplePack(), claims: [{ id: 'c' }] },
    ];
    for (const p of bad) {
      expect(validate(p)).toBe(false);
      expect(parsePack(JSON.stringify(p)).ok).toBe(false);
    }
  });
});
