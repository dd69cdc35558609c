/**
 * The starter pack (assets/packs/starter.json), installed on first run, must
 * conform to the Pack type, carry sourced and dated facts, and actually cover
 * the sample article (tests/fixtures/sample/mamdani-nypd-ice.html).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Claim, Entity, Fact, Pack, Verdict } from '../../model/types';

const root = (rel: string) => fileURLToPath(new URL(`../../${rel}`, import.meta.url));

const pack = JSON.parse(readFileSync(root('assets/packs/starter.json'), 'utf8')) as Pack;
const html = readFileSync(root('tests/fixtures/sample/mamdani-nypd-ice.html'), 'utf8');
const corpusCopy = root('../shared/corpus/articles/seed/mamdani-nypd-ice.html');

/** Visible text of an HTML fragment: scripts/styles dropped, tags stripped, entities decoded, whitespace collapsed. */
function textOf(fragment: string): string {
  return fragment
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text of the article body (the <article> element), where the matchers look. */
const articleMatch = /<article\b[^>]*>([\s\S]*?)<\/article>/i.exec(html);
const articleText = textOf(articleMatch?.[1] ?? '');

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Same rule as the matchers: all-caps aliases match case-sensitively, others regardless of case; whole words only. */
function aliasOccurs(alias: string, text: string): boolean {
  const caseSensitive = alias === alias.toUpperCase() && /[A-Z]/.test(alias);
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(alias)}(?![\\p{L}\\p{N}])`, caseSensitive ? 'u' : 'iu').test(text);
}

const REQUIRED_ENTITIES = ['zohran-mamdani', 'nypd', 'ice', 'jessica-tisch', 'new-york-city'] as const;

/** Aliases the sample article uses, per entity: each must be in the pack and occur in the article. */
const ARTICLE_ALIASES: Record<(typeof REQUIRED_ENTITIES)[number], string[]> = {
  'zohran-mamdani': ['Zohran Mamdani', 'Mamdani'],
  nypd: ['New York Police Department', 'NYPD'],
  ice: ['U.S. Immigration and Customs Enforcement', 'Immigration and Customs Enforcement', 'ICE'],
  'jessica-tisch': ['Jessica Tisch', 'Tisch'],
  'new-york-city': ['New York City', 'NYC'],
};

/** Facts the reference marks "Does not change": the only ones marked `since` instead of `asOf`. */
const UNCHANGING: Array<{ entity: string; startsWith: string; since: string }> = [
  { entity: 'zohran-mamdani', startsWith: 'Born on October 18, 1991', since: '1991-10-18' },
  { entity: 'nypd', startsWith: 'Founded in 1845', since: '1845-05-23' },
  { entity: 'ice', startsWith: 'Formed on March 1, 2003', since: '2003-03-01' },
];
/** Copies of Wikipedia are not sources (docs/pack-format.md; issue 12). */
const MIRRORS = /(^|\.)(wikiwand\.com|piglix\.com|wikizero\.com|wikimili\.com|wikisum\.wiki|wikivisually\.com|absoluteastronomy\.com|everybodywiki\.com|dbpedia\.org|wiki2\.org|infogalactic\.com|alchetron\.com)$/;
const isUnchanging = (entity: Entity, fact: Fact) =>
  UNCHANGING.some((u) => u.entity === entity.id && fact.text.startsWith(u.startsWith));

const REQUIRED_CLAIMS: Record<string, Verdict> = {
  'youngest-since-1917': 'mostly-accurate',
  'largest-deportation-force': 'needs-context',
  'ice-recruitment-post': 'accurate',
};

const VERDICTS: Verdict[] = ['accurate', 'mostly-accurate', 'mixed', 'needs-context', 'mostly-inaccurate', 'inaccurate', 'unrated'];
const ENTITY_TYPES: Entity['type'][] = ['person', 'organization', 'place', 'other'];

const isHttpUrl = (s: unknown) => {
  if (typeof s !== 'string') return false;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};
/** YYYY-MM or YYYY-MM-DD, a real date. */
const isIsoDate = (s: unknown) => {
  if (typeof s !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/.test(s)) return false;
  const d = new Date(s.length === 7 ? `${s}-01` : s);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s.length === 7 ? s : s.slice(0, 10));
};

const entity = (id: string) => pack.entities.find((e) => e.id === id);
const claim = (id: string) => pack.claims.find((c) => c.id === id);
const allowedKeys = (obj: object, keys: string[]) => Object.keys(obj).filter((k) => !keys.includes(k));

describe('starter pack: format', () => {
  it('has the Pack header and only Pack keys', () => {
    expect(pack.format).toBe('gloss-pack');
    expect(pack.version).toBe(1);
    expect(pack.id).toBe('gloss-starter');
    expect(pack.name).toBe('Gloss starter pack');
    expect(pack.publisher).toBe('Gloss');
    expect(pack.licence).toMatch(/CC0-1\.0 for the pack's own wording/);
    expect(pack.licence).toMatch(/source/i);
    expect(pack.updated).toBe('2026-11-30');
    expect(allowedKeys(pack, ['format', 'version', 'id', 'name', 'publisher', 'licence', 'updated', 'homepage', 'entities', 'claims'])).toEqual([]);
    expect(Array.isArray(pack.entities)).toBe(true);
    expect(Array.isArray(pack.claims)).toBe(true);
  });

  it('has unique entity ids, claim ids and aliases', () => {
    const entityIds = pack.entities.map((e) => e.id);
    const claimIds = pack.claims.map((c) => c.id);
    expect(new Set(entityIds).size).toBe(entityIds.length);
    expect(new Set(claimIds).size).toBe(claimIds.length);
    for (const id of [...entityIds, ...claimIds]) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    // An alias belonging to two entities would make a match ambiguous.
    const aliases = pack.entities.flatMap((e) => e.aliases.map((a) => a.toLowerCase()));
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it('has well-formed entities and facts', () => {
    for (const e of pack.entities) {
      expect(allowedKeys(e, ['id', 'type', 'name', 'aliases', 'contextAliases', 'description', 'asOf', 'facts']), e.id).toEqual([]);
      expect(ENTITY_TYPES, e.id).toContain(e.type);
      expect(e.name.trim(), e.id).not.toBe('');
      expect(e.aliases.length, e.id).toBeGreaterThan(0);
      for (const a of e.aliases) expect(a.trim(), e.id).toBe(a);
      expect(e.description.trim(), e.id).not.toBe('');
      expect(e.description, `${e.id} description is one line`).not.toMatch(/\n/);
      for (const f of e.facts) {
        const where = `${e.id}: ${f.text}`;
        expect(allowedKeys(f, ['text', 'sourceUrl', 'sourceName', 'asOf', 'since']), where).toEqual([]);
        expect(f.text.trim(), where).not.toBe('');
        expect(f.text, where).not.toMatch(/\n/);
        expect(isHttpUrl(f.sourceUrl), `${where}: sourceUrl`).toBe(true);
        expect(f.sourceName.trim(), where).not.toBe('');
        if (isUnchanging(e, f)) {
          expect(f.asOf, `${where}: unchanging fact`).toBeUndefined();
          expect(f.since, `${where}: unchanging fact says since when`).toBe(UNCHANGING.find((u) => u.entity === e.id && f.text.startsWith(u.startsWith))!.since);
        } else {
          expect(isIsoDate(f.asOf), `${where}: asOf ${f.asOf}`).toBe(true);
          expect(f.asOf! <= pack.updated, `${where}: asOf after pack date`).toBe(true);
        }
      }
    }
  });

  it('has well-formed claims', () => {
    for (const c of pack.claims) {
      expect(allowedKeys(c, ['id', 'text', 'quotes', 'verdict', 'verdictLabel', 'explanation', 'reviewer', 'checkedAgainst', 'reviewDate', 'url', 'claimant']), c.id).toEqual([]);
      expect(c.text.trim(), c.id).not.toBe('');
      expect(VERDICTS, c.id).toContain(c.verdict);
      expect(c.verdictLabel.trim(), c.id).not.toBe('');
      // No fact-checker reviewed these: the pack's editors did, and say against what.
      expect(c.reviewer, c.id).toBe('Gloss starter pack editors');
      expect(c.checkedAgainst?.length ?? 0, c.id).toBeGreaterThan(0);
      expect(isIsoDate(c.reviewDate), c.id).toBe(true);
      expect(isHttpUrl(c.url), c.id).toBe(true);
      if (c.claimant !== undefined) expect(c.claimant.trim(), c.id).not.toBe('');
    }
  });
});

describe('starter pack: the standard it asks of others (issue 12)', () => {
  it('every fact has an https source that is not a Wikipedia mirror, and an as-of date or a not-changing mark', () => {
    const failures: string[] = [];
    for (const e of pack.entities) {
      for (const f of e.facts) {
        const where = `${e.id}: ${f.text.slice(0, 50)}`;
        let host = '';
        try {
          const u = new URL(f.sourceUrl);
          if (u.protocol !== 'https:') failures.push(`${where}: source is not https (${f.sourceUrl})`);
          host = u.hostname;
        } catch {
          failures.push(`${where}: source is not a link`);
        }
        if (MIRRORS.test(host)) failures.push(`${where}: source is a Wikipedia mirror (${host})`);
        if (!f.asOf && !f.since) failures.push(`${where}: neither asOf nor since`);
        if (f.asOf && f.since) failures.push(`${where}: both asOf and since`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a description that states a current role carries its as-of date', () => {
    for (const e of pack.entities) {
      if (/\b(Mayor|Commissioner|President|Governor|Minister|since)\b/.test(e.description)) expect(e.asOf ?? /\(as of [^)]+\)/.exec(e.description)?.[0], e.id).toBeTruthy();
    }
    expect(entity('zohran-mamdani')!.asOf).toBe('2026-01-01');
    expect(entity('jessica-tisch')!.asOf).toBe('2025-11-19');
  });

  it('short aliases that need context are marked so', () => {
    expect(entity('zohran-mamdani')!.contextAliases).toEqual(['Mamdani']);
    expect(entity('jessica-tisch')!.contextAliases).toEqual(['Tisch']);
    expect(entity('ice')!.contextAliases).toEqual(['ICE']);
  });
});

describe('starter pack: content', () => {
  it.each(REQUIRED_ENTITIES)('has entity %s with at least 2 facts', (id) => {
    const e = entity(id);
    expect(e).toBeDefined();
    expect(e!.facts.length).toBeGreaterThanOrEqual(2);
  });

  it('does not use bare "New York" as an alias (ambiguous with the state)', () => {
    for (const e of pack.entities) expect(e.aliases.map((a) => a.toLowerCase()), e.id).not.toContain('new york');
  });

  it('has the expected verdicts and claimants', () => {
    for (const [id, verdict] of Object.entries(REQUIRED_CLAIMS)) {
      const c = claim(id);
      expect(c, id).toBeDefined();
      expect(c!.verdict, id).toBe(verdict);
      expect(c!.quotes?.length ?? 0, id).toBeGreaterThan(0);
    }
    expect(claim('youngest-since-1917')!.claimant).toBeUndefined();
    expect(claim('youngest-since-1917')!.explanation).toMatch(/1892/);
    expect(claim('largest-deportation-force')!.claimant).toMatch(/Mamdani/);
    expect(claim('ice-recruitment-post')!.claimant).toMatch(/Immigration and Customs Enforcement|ICE/);
  });
});

describe('starter pack covers the sample article', () => {
  it('reads the article body from the fixture', () => {
    expect(articleText.length).toBeGreaterThan(500);
  });

  it.skipIf(!existsSync(corpusCopy))('fixture is still identical to the shared corpus seed', () => {
    expect(html).toBe(readFileSync(corpusCopy, 'utf8'));
  });

  for (const [id, aliases] of Object.entries(ARTICLE_ALIASES)) {
    it.each(aliases)(`${id}: alias %s is in the pack and occurs in the article`, (alias) => {
      expect([...(entity(id)?.aliases ?? []), ...(entity(id)?.contextAliases ?? [])]).toContain(alias);
      expect(aliasOccurs(alias, articleText)).toBe(true);
    });
  }

  it('all-caps aliases do not match other casings (ICE vs "Ice skating")', () => {
    expect(aliasOccurs('ICE', 'Ice skating season opens early')).toBe(false);
    expect(aliasOccurs('ICE', 'to ICE whenever')).toBe(true);
  });

  it('every claim quote occurs in the article text', () => {
    const quotes = pack.claims.flatMap((c: Claim) => (c.quotes ?? []).map((q) => [c.id, q] as const));
    expect(quotes.length).toBeGreaterThanOrEqual(3);
    for (const [id, q] of quotes) expect(articleText, `${id}: ${q}`).toContain(q.replace(/\s+/g, ' ').trim());
  });
});
