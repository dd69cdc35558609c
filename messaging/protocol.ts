/**
 * The one contract between Gloss's contexts. Every message any context sends is
 * listed here with its reply type; `send` and the background router are typed
 * against this map, so adding a message means adding one line here.
 */
import type { Claim, Entity, Verdict } from '../model/types';

export interface SourceSummary {
  id: string;
  name: string;
  publisher: string;
  kind: 'bundled' | 'url' | 'file';
  url?: string;
  enabled: boolean;
  entityCount: number;
  claimCount: number;
  updated?: string;
  lastSync?: number;
  nextSync?: number;
  status: 'ok' | 'syncing' | 'error';
  error?: string;
}

/** An entity as the card shows it: the record plus where it came from. */
export interface EntityCard extends Entity {
  key: string;
  sourceName: string;
}
export interface ClaimCard extends Claim {
  key: string;
  sourceName: string;
}

export interface EntityHit {
  start: number;
  end: number;
  /** Candidate entity keys, most likely first. */
  keys: string[];
  /**
   * Whether to paint it. Quiet by default: only an entity's first mention is
   * painted, but every mention opens the card on hover.
   */
  painted: boolean;
}
export interface ClaimHit {
  start: number;
  end: number;
  keys: string[];
  /** 1 for an exact quote; lower for a paraphrase found by the claim matcher. */
  confidence: number;
  sharedTerms?: string[];
}

export interface MatchReply {
  entities: EntityHit[];
  claims: ClaimHit[];
  /** Records for every key in the hits, so the content script never reads the knowledge base. */
  entityCards: Record<string, EntityCard>;
  claimCards: Record<string, ClaimCard>;
}

/** What the popup lists for the current page. */
export interface PageSummary {
  paused: boolean;
  entities: { key: string; name: string; type: Entity['type']; count: number }[];
  claims: { key: string; text: string; verdict: Verdict; verdictLabel: string }[];
}

/**
 * Every message, grouped by feature. Add a feature's messages in its own group.
 */
export interface Messages {
  // ── Page matching and the popup's page view ──
  /** content → background: match a page's visible text. */
  'page/match': { req: { text: string; url: string }; res: MatchReply };
  /** any → background: whether Gloss is paused on this site. */
  'site/get': { req: { host: string }; res: { paused: boolean } };
  /** popup → background: pause or resume Gloss on a site. */
  'site/set': { req: { host: string; paused: boolean }; res: { paused: boolean } };
  /** popup → content: what was found on this page. */
  'page/summary': { req: Record<string, never>; res: PageSummary };
  /** popup → content: scroll to the first mention of an annotation and open its card. */
  'page/reveal': { req: { key: string }; res: { ok: boolean } };
  /** background → content: the keyboard command moved to the next annotation. */
  'page/next': { req: { direction: 1 | -1 }; res: { ok: boolean } };

  // ── Sources ──
  /** popup → background: installed sources with record counts. */
  'sources/list': { req: Record<string, never>; res: SourceSummary[] };
}

export type MessageType = keyof Messages;
export type Request<T extends MessageType> = Messages[T]['req'];
export type Reply<T extends MessageType> = Messages[T]['res'];

export interface Envelope<T extends MessageType = MessageType> {
  gloss: T;
  data: Request<T>;
}

/** Replies travel as `{ ok, value | error }` so an error in one context reaches the caller as text. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function isEnvelope(x: unknown): x is Envelope {
  return typeof x === 'object' && x !== null && typeof (x as { gloss?: unknown }).gloss === 'string';
}
