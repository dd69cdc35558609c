/**
 * Which claim language a page is in: the page's declared language (<html
 * lang> or Content-Language) when it names one the matcher analyses,
 * otherwise franc-min's trigram detector restricted to those languages (a
 * small, well-kept detector; restricted, it cannot answer a language Gloss
 * has no analyser for). Text too short to tell is taken as English.
 */
import { franc } from 'franc-min';
import { claimLanguage, type ClaimLanguage } from './languages.ts';

const FROM_ISO3: Record<string, ClaimLanguage> = { eng: 'en', por: 'pt', spa: 'es', fra: 'fr', deu: 'de' };
const ONLY = Object.keys(FROM_ISO3);
/** Enough text for trigram statistics; more only costs time. */
const SAMPLE_CHARS = 4000;

export function pageLanguage(text: string, declared?: string): ClaimLanguage {
  const fromTag = claimLanguage(declared);
  if (fromTag) return fromTag;
  // The middle of a page is article prose more often than its start (menus) or end (footers).
  const start = Math.max(0, Math.floor(text.length / 2 - SAMPLE_CHARS / 2));
  const sample = text.slice(start, start + SAMPLE_CHARS);
  return FROM_ISO3[franc(sample, { only: ONLY, minLength: 20 })] ?? 'en';
}
