/**
 * The knowledge model shared by every part of Gloss: packs, the knowledge base,
 * the matchers, the card and the CLI. Pure types, no browser API.
 */

export type EntityType = 'person' | 'organization' | 'place' | 'other';

/** Gloss's small, normalised verdict scale; the reviewer's own label is kept beside it. */
export type Verdict =
  | 'accurate'
  | 'mostly-accurate'
  | 'mixed'
  | 'needs-context'
  | 'mostly-inaccurate'
  | 'inaccurate'
  | 'unrated';

export interface Fact {
  text: string;
  /** http(s) only. */
  sourceUrl: string;
  sourceName: string;
  /** ISO date (YYYY-MM-DD or YYYY-MM) the fact was true as of. */
  asOf?: string;
  /**
   * For a fact that does not change (a birth, a founding): the date (YYYY, YYYY-MM or
   * YYYY-MM-DD) it has held since. The card shows "since 1845". A fact with neither
   * `asOf` nor `since` is shown as undated.
   */
  since?: string;
}

export interface Entity {
  /** Unique within its pack; the knowledge base stores `${sourceId}:${id}`. */
  id: string;
  type: EntityType;
  name: string;
  /**
   * Other names the entity goes by. An alias written in capitals ("ICE", "NYPD")
   * matches case-sensitively; other aliases match regardless of case.
   */
  aliases: string[];
  /**
   * Aliases that name this entity only when the page gives context (the full name or a
   * related entity elsewhere on the page): "Mamdani", "ICE". See matching/context.ts.
   */
  contextAliases?: string[];
  description: string;
  /** The date the description was true as of, when it states a current role ("Mayor of…"). */
  asOf?: string;
  facts: Fact[];
  /** An https picture, loaded only when the card opens, with its credit line. */
  image?: EntityImage;
}

export interface EntityImage {
  /** https only. */
  url: string;
  /** Who made the picture and under what licence, shown under it. */
  credit: string;
}

export interface Claim {
  id: string;
  /** The claim as the reviewer worded it. */
  text: string;
  /** Other wordings of the same claim seen in articles, for exact-sentence matching. */
  quotes?: string[];
  verdict: Verdict;
  /** The reviewer's own rating label, e.g. "Mostly accurate, wrong year". */
  verdictLabel: string;
  /** Why the verdict: one or two sentences shown on the card. */
  explanation?: string;
  reviewer: string;
  /**
   * Set when no fact-checker reviewed the claim and the pack's editors checked it
   * themselves: the sources they checked it against (names). The card says so and labels
   * the link "Source" rather than "fact-check".
   */
  checkedAgainst?: string[];
  reviewDate: string;
  url: string;
  /** Who made the claim, when known. */
  claimant?: string;
}

export interface PackMeta {
  id: string;
  name: string;
  publisher: string;
  licence: string;
  /** ISO date. */
  updated: string;
  homepage?: string;
}

/** A Gloss knowledge pack, format version 1. See docs/pack-format.md. */
export interface Pack extends PackMeta {
  format: 'gloss-pack';
  version: 1;
  entities: Entity[];
  claims: Claim[];
}
