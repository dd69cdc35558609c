/**
 * One claim index per language, each built with its language's analyser.
 * A claim goes to the index of its `lang` (a claim in a language Gloss has no
 * analyser for goes to the English one, whose tokeniser handles any Latin
 * script); a page is matched only against the index of its own language.
 * Serializes to one byte array (one section per language) for storage.
 */
import { packSections, unpackSections } from './binary.ts';
import { ClaimIndex, type ClaimDoc, type SentenceMatch } from './index.ts';
import { CLAIM_LANGUAGES, claimLanguage, type ClaimLanguage } from './languages.ts';

const FORMAT_VERSION = 1;

export class ClaimIndexes {
  private constructor(private readonly byLang: Map<ClaimLanguage, ClaimIndex>) {}

  static build(docs: Iterable<ClaimDoc & { lang?: string }>): ClaimIndexes {
    const groups = new Map<ClaimLanguage, ClaimDoc[]>();
    for (const d of docs) {
      const lang = claimLanguage(d.lang) ?? 'en';
      let g = groups.get(lang);
      if (!g) groups.set(lang, (g = []));
      g.push({ id: d.id, text: d.text, ...(d.title ? { title: d.title } : {}) });
    }
    return new ClaimIndexes(new Map([...groups].map(([lang, g]) => [lang, ClaimIndex.build(g, { lang })])));
  }

  /** Languages that have claims, in CLAIM_LANGUAGES order. */
  get languages(): ClaimLanguage[] {
    return CLAIM_LANGUAGES.filter((l) => this.byLang.has(l));
  }

  get size(): number {
    let n = 0;
    for (const i of this.byLang.values()) n += i.size;
    return n;
  }

  get(lang: ClaimLanguage): ClaimIndex | undefined {
    return this.byLang.get(lang);
  }

  /** Sentences of a page in `lang` that state a known claim in that language. */
  matchSentences(text: string, lang: ClaimLanguage, opts?: Parameters<ClaimIndex['matchSentences']>[1]): SentenceMatch[] {
    return this.byLang.get(lang)?.matchSentences(text, opts) ?? [];
  }

  serialize(): Uint8Array {
    const sections: Record<string, Uint8Array> = {};
    for (const [lang, index] of this.byLang) sections[lang] = index.serialize();
    return packSections(FORMAT_VERSION, { languages: [...this.byLang.keys()] }, sections);
  }

  static load(bytes: Uint8Array): ClaimIndexes {
    const { version, sections } = unpackSections(bytes);
    if (version !== FORMAT_VERSION) throw new Error(`claim indexes: unsupported version ${version}`);
    const byLang = new Map<ClaimLanguage, ClaimIndex>();
    for (const [name, section] of sections) {
      const lang = claimLanguage(name);
      if (!lang || !(section instanceof Uint8Array)) throw new Error(`claim indexes: bad section ${name}`);
      const index = ClaimIndex.load(section);
      if (index.lang !== lang) throw new Error(`claim indexes: section ${name} holds a ${index.lang} index`);
      byLang.set(lang, index);
    }
    return new ClaimIndexes(byLang);
  }
}
