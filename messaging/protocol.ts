/**
 * The one contract between Gloss's contexts. Every message any context sends is
 * listed here with its reply type; `send` and the background router are typed
 * against this map, so adding a message means adding one line here.
 */
import type { Claim, Entity, Verdict } from '../model/types';
import type { Note, Selector } from '../notes/types';

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
  /** Refresh interval in minutes (URL sources). */
  intervalMinutes?: number;
  /** Set while a download or import is running. */
  progress?: SourceProgress;
}

/** How far a running download or import is. `write` counts records; `download` counts bytes. */
export interface SourceProgress {
  phase: 'queued' | 'download' | 'parse' | 'write';
  done: number;
  /** Unknown while downloading without a Content-Length. */
  total?: number;
}

/** An entity as the card shows it: the record plus where it came from. */
export interface EntityCard extends Entity {
  key: string;
  sourceName: string;
  /** The reader's notes on this entity (from any page), newest first; filled in by the content script's notes layer. */
  notes?: EntityNote[];
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
  /** The reader's setting: paint every mention, not only the first. */
  allMentions: boolean;
  entities: EntityHit[];
  claims: ClaimHit[];
  /** Records for every key in the hits, so the content script never reads the knowledge base. */
  entityCards: Record<string, EntityCard>;
  claimCards: Record<string, ClaimCard>;
}

/** Gloss's own cost on a page, for the browser benchmark. */
export interface PageStats {
  /** Main-thread time Gloss's synchronous steps took. */
  mainThreadMs: number;
  longestTaskMs: number;
  tasks: number;
  /** The longest single task of each step (collect, match-apply, prune, hover, …). */
  longestByStep: Record<string, number>;
  /** When highlights were first painted, ms since the page's time origin. */
  firstPaintedAt?: number;
  /** The adder's timings: selection to button on screen, Save to highlight painted (ms, one entry per use). */
  adder?: { selectionToVisibleMs: number[]; saveToPaintedMs: number[] };
  /** When Gloss's main content script started running (it is injected after the load event), ms since the page's time origin. */
  startedAt?: number;
}

/** What the popup lists for the current page. */
export interface PageSummary {
  paused: boolean;
  entities: { key: string; name: string; type: Entity['type']; count: number }[];
  claims: { key: string; text: string; verdict: Verdict; verdictLabel: string }[];
}

// ── Notes ──

/** A reader's note on an entity, as its card lists it. */
export interface EntityNote {
  id: string;
  body: string;
  tags: string[];
  updated: string;
  pageUrl: string;
  pageTitle?: string;
}

/** The current selection of a page, described for anchoring. */
export interface NoteSelection {
  quote: string;
  selectors: Selector[];
}

/** Where a note of this page stands now. */
export type NoteAnchorStatus =
  | { status: 'anchored'; method: 'position' | 'quote' | 'fuzzy'; confidence: number }
  | { status: 'orphan'; closest?: { text: string; similarity: number } }
  | { status: 'page' }
  | { status: 'entity'; onPage: boolean };

/** What the popup's notes view needs from the page it acts on. */
export interface NotesPageState {
  /** The canonical URL notes of this page are filed under. */
  pageUrl: string;
  pageTitle: string;
  /** The reader's selection (or the one captured by the context menu or shortcut). */
  selection: NoteSelection | null;
  /** Anchoring result of each of this page's notes, by note id. */
  anchors: Record<string, NoteAnchorStatus>;
  /** Entities found on the page, for notes about an entity. */
  entities: { key: string; name: string }[];
}

export interface NoteInput {
  pageUrl: string;
  pageTitle?: string;
  target: Note['target'];
  body: string;
  tags: string[];
}

export type ExportFormat = 'jsonld' | 'markdown';

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
  /** benchmark → content: Gloss's main-thread cost on this page so far. */
  'page/stats': { req: Record<string, never>; res: PageStats };

  // ── Sources ──
  /** popup → background: installed sources with record counts, sync state and progress of running jobs. */
  'sources/list': { req: Record<string, never>; res: SourceSummary[] };

  // ── Notes ──
  /** popup/content → background: save a new note. */
  'notes/create': { req: NoteInput; res: Note };
  /** popup/content → background: edit a note's body or tags. */
  'notes/update': { req: { id: string; body?: string; tags?: string[] }; res: Note };
  /** popup/content → background: delete notes (kept as tombstones for undo). */
  'notes/delete': { req: { ids: string[] }; res: { ids: string[] } };
  /** popup/content → background: undo a delete. */
  'notes/restore': { req: { ids: string[] }; res: { ids: string[] } };
  /** popup → background: notes matching a filter, newest first, and the tags in use. */
  'notes/list': { req: { pageUrl?: string; query?: string; tag?: string }; res: { notes: Note[]; tags: { tag: string; count: number }[] } };
  /** content → background: the notes of a page, and the notes on these entities (all entity notes when `entityIds` is left out). */
  'notes/for-page': { req: { pageUrl: string; entityIds?: string[] }; res: { page: Note[]; entities: Note[] } };
  /** popup → background: every live note as a W3C AnnotationCollection (JSON-LD) or Markdown. */
  'notes/export': { req: { format: ExportFormat }; res: { text: string; filename: string; mime: string; count: number } };
  /** popup → background: store notes the reader confirmed from an import file (merged by id). */
  'notes/import': { req: { notes: Note[] }; res: { added: number; updated: number; unchanged: number } };
  /** content → background: the tags in use (names only, most used first), for completion in the composer. */
  'notes/tags': { req: Record<string, never>; res: { tags: string[] } };
  /** background → content: open the note composer at the page's selection (the add-note command, the context menu). */
  'notes/compose': { req: Record<string, never>; res: { ok: boolean } };
  /** popup → content: the page's canonical URL, selection, anchoring of its notes. */
  'notes/page-state': { req: Record<string, never>; res: NotesPageState };
  /** background → content: remember the current selection for the note editor. */
  'notes/capture': { req: Record<string, never>; res: { ok: boolean } };
  /** background → content: notes of these pages (or, without `pageUrls`, any) or entity notes changed; re-anchor and repaint. */
  'notes/refresh': { req: { pageUrls?: string[]; entities?: boolean }; res: { ok: boolean } };
  /** popup → content: scroll to a note's passage and open its card. */
  'notes/reveal': { req: { id: string }; res: { ok: boolean } };
  /** popup → background: subscribe to a pack by URL (https; http only for localhost). Returns at once; the first download runs in the background. */
  'sources/add-url': { req: { url: string; intervalMinutes?: number }; res: SourceSummary };
  /** popup → background: import a pack from a local file's text. Replies when the import is done (or fails, with the error). */
  'sources/add-file': { req: { text: string; filename: string; contentType?: string }; res: SourceSummary };
  /** popup → background: refresh a URL source now. Returns at once; progress and errors show in `sources/list`. */
  'sources/refresh': { req: { id: string }; res: SourceSummary };
  /** popup → background: remove a source and its records. */
  'sources/remove': { req: { id: string }; res: { ok: boolean } };
  /** popup → background: turn a source on or off (matching follows at once). */
  'sources/set-enabled': { req: { id: string; enabled: boolean }; res: SourceSummary };
  /** popup → background: how often a URL source is refreshed. */
  'sources/set-interval': { req: { id: string; intervalMinutes: number }; res: SourceSummary };
  /** background → content: the knowledge base changed (a source was added, refreshed, enabled, disabled or removed); match the page again. */
  'page/rematch': { req: Record<string, never>; res: { ok: boolean } };
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
