/**
 * Packs that cannot flood pages or pass for Gloss's own: alias length, common
 * words (with a reason to keep one), the total of names, invisible and bidi
 * characters, reserved names and the provenance line.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS, parsePack, validatePack } from '../../../packs/index.ts';
import { aliasProblem } from '../../../packs/aliases.ts';
import { t } from '../../../i18n/index.ts';
import { hostOf, reservedNameProblem } from '../../../packs/provenance.ts';
import { cleanLine } from '../../../packs/sanitize.ts';
import { examplePack } from './helpers.ts';

const pack = (entities: unknown[]) => ({ ...examplePack(), entities, claims: [] });
const entity = (name: string, aliases: unknown[] = []) => ({ id: 'e1', type: 'other', name, aliases });
const messages = (input: unknown) => {
  const r = validatePack(input, { sourceName: 'P' });
  return r.ok ? [] : r.errors.map((e) => e.message);
};

describe('aliases that would flood every page', () => {
  it('refuses one-letter, punctuation-only and number-only names and aliases, naming the alias and the rule', () => {
    expect(messages(pack([entity('Acme Corp', ['a'])]))).toEqual(["Pack 'P': entity 'e1' aliases[0]: 'a' is too short to match: a name needs at least 2 letters or digits"]);
    expect(messages(pack([entity('Acme Corp', ['.'])]))[0]).toMatch(/'\.' is too short/);
    expect(messages(pack([entity('Acme Corp', ['1917'])]))[0]).toMatch(/'1917' has no letters/);
    expect(messages(pack([entity('X')]))[0]).toMatch(/entity 'e1' name: 'X' is too short/);
  });

  it('refuses common words of the languages Gloss reads, in any case, with the way to keep one', () => {
    for (const [word, lang] of [['the', 'en'], ['The', 'en'], ['May', 'en'], ['und', 'de'], ['le', 'fr'], ['los', 'es'], ['não', 'pt'], ['della', 'it'], ['het', 'nl']]) {
      const [m] = messages(pack([entity('Acme Corp', [word])]));
      expect(m, word).toContain(`'${word}' is a common word (`);
      expect(m, word).toContain(lang);
      expect(m).toContain(`{ "alias": "${word}", "reason": "why readers need it" }`);
    }
  });

  it('keeps a common word given with a reason, and acronyms in capitals (they match case-sensitively)', () => {
    const r = validatePack(pack([entity('Theresa May', [{ alias: 'May', reason: 'UK politics coverage calls her May' }, 'WHO', 'IT', 'Xi'])]));
    expect(r.ok && r.pack.entities[0]!.aliases).toEqual(['May', 'WHO', 'IT', 'Xi']);
    // A reason does not lift the length rule, and must not be empty.
    expect(messages(pack([entity('Acme Corp', [{ alias: 'a', reason: 'because' }])]))[0]).toMatch(/'a' is too short/);
    expect(messages(pack([entity('Acme Corp', [{ alias: 'May', reason: ' ' }])]))[0]).toMatch(/reason: must not be empty/);
  });

  it('agrees with the single-alias rule the importers use to drop bad aliases', () => {
    expect(aliasProblem('New York')).toBeUndefined();
    expect(aliasProblem('die')).toMatch(/common word \(de, nl\)/);
    expect(aliasProblem('中')).toMatch(/too short/);
    expect(aliasProblem('中国')).toBeUndefined();
  });
});

describe('the total of names', () => {
  it(`refuses more than ${LIMITS.maxNames.toLocaleString('en')} names and aliases at once, before validating any record`, () => {
    // 40,000 entities × 100 aliases = 4M names: refused without building anything.
    const aliases = Array.from({ length: 100 }, (_, i) => `Alias number ${i}`);
    const entities = Array.from({ length: 40_000 }, (_, i) => ({ id: `e${i}`, type: 'other', name: `Entity ${i}`, aliases }));
    const started = performance.now();
    const errors = messages(pack(entities));
    const ms = performance.now() - started;
    expect(errors).toEqual([`Pack 'P': entities: has 4040000 names and aliases in all, the limit is ${LIMITS.maxNames}; split it into smaller packs or keep the aliases readers meet`]);
    expect(ms).toBeLessThan(1_000); // counting only; the full walk of 4M aliases takes tens of seconds
  });
});

describe('invisible and bidi characters', () => {
  it('are stripped from names and aliases, so a name cannot hide, reverse or pass for another', () => {
    expect(cleanLine('Ac\u200Bme\u2060 Corp\u00AD')).toBe('Acme Corp');
    expect(cleanLine('\u202Egnp.exe\u202C Corp')).toBe('gnp.exe Corp');
    expect(cleanLine('\u2066Acme\u2069\u200E\u200F\u061C')).toBe('Acme');
    expect(cleanLine('Acme\u{E0041}\u{E0042}')).toBe('Acme');
    expect(cleanLine('\u200DAc\u200Cme\u200D')).toBe('Acme');
    expect(cleanLine('\u3164')).toBe('');
    // Joiners inside scripts that need them are kept (Persian "mi-khaham", an emoji family).
    expect(cleanLine('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(cleanLine('👨\u200D👩\u200D👧')).toBe('👨\u200D👩\u200D👧');
    const r = parsePack(JSON.stringify(pack([entity('Acme\u200B Corp', ['\u200B\u200B', 'ACME\u202E'])])));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]!.message).toMatch(/aliases\[0\]: must not be empty/);
  });
});

describe('names reserved for Gloss', () => {
  it('refuses a built-in pack’s name however spaced or cased, and names that start with the word Gloss', () => {
    for (const name of ['Gloss starter pack', 'GLOSS  Starter-Pack', 'gloss starter pack ', 'Gloss official facts', 'Gloss: verified']) {
      expect(reservedNameProblem(name), name).toMatch(/reserved for packs built into Gloss/);
    }
    for (const name of ['Glossary of economics', 'City facts', 'My Gloss pack']) expect(reservedNameProblem(name), name).toBeUndefined();
  });

  it('shows where a record came from: the host of a downloaded pack, or that it is built in or a file', () => {
    expect(t('cardFromHost', 'Gloss starter pack', hostOf('https://packs.evil.example:8443/p.json')!)).toBe('From Gloss starter pack · packs.evil.example:8443');
    expect(t('cardFromBuiltIn', 'Gloss starter pack')).toBe('From Gloss starter pack (built in)');
    expect(t('cardFromFile', 'cities.csv')).toBe('From cities.csv (imported file)');
  });
});
