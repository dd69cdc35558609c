/**
 * The translations are complete: every locale has every message of English (with the
 * plural forms its language needs, no more), keeps the `$1` substitutions, and every
 * message is used somewhere in Gloss.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLURAL_CATEGORIES } from '../../../i18n';

const ROOT = join(__dirname, '../../..');
const LOCALES_DIR = join(ROOT, 'public/_locales');
type Messages = Record<string, { message: string; description?: string }>;
const read = (lang: string): Messages => JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as Messages;

const LANGS = readdirSync(LOCALES_DIR).sort();
const en = read('en');
const PLURAL = new RegExp(`^(.+)_(${PLURAL_CATEGORIES.join('|')})$`);

/** Base keys (plural keys reduced to their base) and, for plural bases, the forms present. */
function shape(messages: Messages) {
  const plain = new Set<string>();
  const plural = new Map<string, Set<string>>();
  for (const key of Object.keys(messages)) {
    const m = PLURAL.exec(key);
    if (m) plural.set(m[1]!, (plural.get(m[1]!) ?? new Set()).add(m[2]!));
    else plain.add(key);
  }
  return { plain, plural };
}

const subs = (s: string) => [...new Set(s.match(/\$[1-9]/g) ?? [])].sort();

/** Source files that may show text: everything but tests, build output, dependencies and the locales. */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(ROOT, path);
    if (/^(node_modules|\.output|\.wxt|\.git|tests|public\/_locales|bench|docs)$/.test(rel) || name.startsWith('.output')) continue;
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(tsx?|mjs|html)$/.test(name)) out.push(path);
  }
  return out;
}

describe('locales', () => {
  it('has English and at least German, Spanish, French and Portuguese', () => {
    expect(LANGS).toEqual(expect.arrayContaining(['de', 'en', 'es', 'fr', 'pt']));
  });

  it('names every message in the allowed form', () => {
    for (const key of Object.keys(en)) expect(key, key).toMatch(/^[A-Za-z][A-Za-z0-9]*(_(zero|one|two|few|many|other))?$/);
  });

  const english = shape(en);
  for (const lang of LANGS) {
    describe(lang, () => {
      const messages = read(lang);
      const own = shape(messages);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];

      it('has every message of English and no other', () => {
        expect([...own.plain].sort()).toEqual([...english.plain].sort());
        expect([...own.plural.keys()].sort()).toEqual([...english.plural.keys()].sort());
      });

      it('has exactly the plural forms the language uses', () => {
        for (const [base, forms] of own.plural) expect([...forms].sort(), `${lang} ${base}`).toEqual([...categories].sort());
      });

      it('keeps the substitutions and leaves nothing empty', () => {
        for (const [key, { message }] of Object.entries(messages)) {
          expect(message.trim(), `${lang} ${key}`).not.toBe('');
          const base = PLURAL.exec(key)?.[1];
          if (!base) {
            expect(subs(message), `${lang} ${key}`).toEqual(subs(en[key]!.message));
            continue;
          }
          // A plural form may leave out the count ("Every minute") but keeps every other value.
          const expected = subs(en[`${base}_other`]!.message);
          expect(subs(message).filter((s) => s !== '$1'), `${lang} ${key}`).toEqual(expected.filter((s) => s !== '$1'));
          expect(expected, `${lang} ${key}`).toEqual(expect.arrayContaining(subs(message)));
        }
      });

      it('fits the stores’ limits', () => {
        expect(messages.extName!.message.length).toBeLessThanOrEqual(45);
        expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
      });
    });
  }

  it('uses every message somewhere in Gloss', () => {
    const text = sources(ROOT)
      .concat(join(ROOT, 'wxt.config.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = [...english.plain, ...english.plural.keys()].filter((key) => !new RegExp(`['"\`]${key}['"\`]|__MSG_${key}__`).test(text));
    expect(unused).toEqual([]);
  });

  it('has every message Gloss asks for', () => {
    const text = sources(ROOT).map((f) => readFileSync(f, 'utf8')).join('\n');
    const asked = [...text.matchAll(/\bt(?:n|Parts)?\(\s*'([A-Za-z0-9]+)'/g)].map((m) => m[1]!);
    const missing = asked.filter((k) => !english.plain.has(k) && !english.plural.has(k));
    expect(missing).toEqual([]);
  });
});
