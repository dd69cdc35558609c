/**
 * Gloss's one vocabulary: how entity types and verdicts read wherever the reader
 * sees them (the card, the popup, exports). Everything that names a type or a
 * verdict takes its words from here, so "Organisation" reads the same everywhere.
 * Pure data, no browser API.
 */
import type { EntityType, Verdict } from './types';

export { ENTITY_TYPES, VERDICTS } from './types';

/** An entity type as readers see it. */
export const ENTITY_TYPE_LABEL: Readonly<Record<EntityType, string>> = {
  person: 'Person',
  organization: 'Organisation',
  place: 'Place',
  other: 'Entity',
};

/** A verdict on Gloss's scale as readers see it (the reviewer's own label is shown beside it). */
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  accurate: 'Accurate',
  'mostly-accurate': 'Mostly accurate',
  mixed: 'Mixed',
  'needs-context': 'Needs context',
  'mostly-inaccurate': 'Mostly inaccurate',
  inaccurate: 'Inaccurate',
  unrated: 'Unrated',
};

export function entityTypeLabel(type: EntityType): string {
  return ENTITY_TYPE_LABEL[type] ?? ENTITY_TYPE_LABEL.other;
}

export function verdictLabel(verdict: Verdict): string {
  return VERDICT_LABEL[verdict] ?? VERDICT_LABEL.unrated;
}

/** The reviewer's label, when it says more than Gloss's own word for the verdict. */
export function reviewerLabelBeside(verdict: Verdict, reviewerLabel: string): string | undefined {
  const own = verdictLabel(verdict);
  return reviewerLabel && reviewerLabel.trim().toLowerCase() !== own.toLowerCase() ? reviewerLabel : undefined;
}
