/**
 * Gloss's one vocabulary: how entity types and verdicts read wherever the reader
 * sees them (the card, the popup, announcements). Everything that names a type or
 * a verdict takes its words from here, so "Organisation" reads the same everywhere;
 * the words themselves are messages in the reader's language (public/_locales).
 * No browser API needed: outside the extension `t()` answers in English.
 */
import { t, type MessageKey } from '../i18n';
import type { EntityType, Verdict } from './types';

export { ENTITY_TYPES, VERDICTS } from './types';

/** The message naming each entity type. */
export const ENTITY_TYPE_MESSAGE: Readonly<Record<EntityType, MessageKey>> = {
  person: 'typePerson',
  organization: 'typeOrganization',
  place: 'typePlace',
  other: 'typeOther',
};

/** The message naming each verdict on Gloss's scale (the reviewer's own label is shown beside it). */
export const VERDICT_MESSAGE: Readonly<Record<Verdict, MessageKey>> = {
  accurate: 'verdictAccurate',
  'mostly-accurate': 'verdictMostlyAccurate',
  mixed: 'verdictMixed',
  'needs-context': 'verdictNeedsContext',
  'mostly-inaccurate': 'verdictMostlyInaccurate',
  inaccurate: 'verdictInaccurate',
  unrated: 'verdictUnrated',
};

/** An entity type in the reader's language. */
export function entityTypeLabel(type: EntityType): string {
  return t(ENTITY_TYPE_MESSAGE[type] ?? 'typeOther');
}

/** A verdict on Gloss's scale in the reader's language. */
export function verdictLabel(verdict: Verdict): string {
  return t(VERDICT_MESSAGE[verdict] ?? 'verdictUnrated');
}

/** The reviewer's label, when it says more than Gloss's own word for the verdict. */
export function reviewerLabelBeside(verdict: Verdict, reviewerLabel: string): string | undefined {
  const own = verdictLabel(verdict);
  return reviewerLabel && reviewerLabel.trim().toLowerCase() !== own.toLowerCase() ? reviewerLabel : undefined;
}
