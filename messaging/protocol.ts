/**
 * The one contract between Gloss's contexts. Every message is declared once in
 * `MESSAGES` (bottom of this file) with
 * - `to`: where it is handled: 'background' (sent with `send`) or 'content' (sent with `sendToTab`);
 * - `from`: who may send it: 'extension' (Gloss's own pages: popup, options, the note window),
 *   'content' (Gloss's content script in the top frame of a tab) and/or 'background';
 * - `req`: a Valibot schema of the payload (every string and list capped);
 * - `res`: the reply type (`reply<T>()`, types only).
 * `listen` (messaging/client.ts) checks all three before any handler runs, so a
 * handler sees only well-formed data from an allowed sender. See docs/architecture.md.
 */
import * as v from 'valibot';
import type { Claim, Entity, Verdict } from '../model/types';
import type { Note, Selector } from '../notes/types';
import * as s from './schemas';
import type { SyncStatus } from '../sync/status';

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
  /** Added on another device through a list this browser cannot protect (Firefox): off and not downloaded until the reader turns it on. */
  awaitingReader?: boolean;
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
  /** The card's "From …" line: the source's kind and, for a URL source, the host it is downloaded from (packs/provenance.ts). */
  sourceKind?: 'bundled' | 'url' | 'file';
  sourceHost?: string;
  /** The reader's notes on this entity (from any page), newest first; filled in by the content script's notes layer. */
  notes?: EntityNote[];
}
export interface ClaimCard extends Claim {
  key: string;
  sourceName: string;
  sourceKind?: 'bundled' | 'url' | 'file';
  sourceHost?: string;
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
/** An unsaved note draft (storage/drafts.ts). */
export interface Draft {
  body: string;
  tags: string;
  at: number;
}

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
/** Gloss's browser commands as the reader bound them (e.g. "Alt+Shift+N"; '' when unbound). */
export interface CommandShortcuts {
  'next-annotation': string;
  'add-note': string;
}

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

/** Where a message is handled. */
export type Context = 'background' | 'content';
/** Who sent a message, as the browser reports it (see `classifySender` in client.ts). */
export type SenderKind = 'extension' | 'content' | 'background';

declare const replyType: unique symbol;
/** The reply type of a message; a type-only marker (its value is never read). */
export interface ReplyOf<T> {
  readonly [replyType]?: T;
}
export const reply = <T>(): ReplyOf<T> => ({});

export interface MessageSpec {
  to: Context;
  from: readonly SenderKind[];
  req: v.GenericSchema;
  res: ReplyOf<unknown>;
}

const READER: readonly SenderKind[] = ['extension'];
const PAGE: readonly SenderKind[] = ['content'];
const PAGE_OR_READER: readonly SenderKind[] = ['content', 'extension'];
const GLOSS: readonly SenderKind[] = ['extension', 'background'];
const BACKGROUND: readonly SenderKind[] = ['background'];

/**
 * Every message, grouped by feature. Add a feature's messages in its own group.
 * Settings only the reader may change (sources, pauses, sync targets) are `from: READER`.
 */
export const MESSAGES = {
  // ── Page matching and the popup's page view ──
  /** Match a page's visible text (also from the sample article bundled with Gloss, an extension page that runs the page code itself). */
  'page/match': { to: 'background', from: PAGE_OR_READER, req: v.object({ text: s.text(s.MAX_PAGE_TEXT), url: s.url, lang: v.optional(s.text(64)) }), res: reply<MatchReply>() },
  /** Whether Gloss is paused on this site. */
  'site/get': { to: 'background', from: PAGE_OR_READER, req: v.object({ host: s.host }), res: reply<{ paused: boolean; /** The note button at selections is on here (popup switch). */ adder?: boolean }>() },
  /** Pause or resume Gloss on a site (the reader, from the popup). */
  'site/set': { to: 'background', from: READER, req: v.object({ host: s.host, paused: v.boolean() }), res: reply<{ paused: boolean }>() },
  /** The reader turned the note button at selections on or off for this site (from the popup or another device). */
  'site/adder': { to: 'content', from: BACKGROUND, req: v.object({ on: v.boolean() }), res: reply<{ ok: boolean }>() },
  /** The site's pause changed (here or on another device): content scripts learn settings by message, never from storage. */
  'site/paused': { to: 'content', from: BACKGROUND, req: v.object({ paused: v.boolean() }), res: reply<{ ok: boolean }>() },
  /** What was found on this page. */
  'page/summary': { to: 'content', from: GLOSS, req: s.empty, res: reply<PageSummary>() },
  /** Scroll to the first mention of an annotation and open its card. */
  'page/reveal': { to: 'content', from: GLOSS, req: v.object({ key: s.id }), res: reply<{ ok: boolean }>() },
  /** The reader's bindings of Gloss's browser commands (`commands.getAll`), which the in-page keys follow; '' for unbound. */
  'page/shortcuts': { to: 'background', from: PAGE, req: s.empty, res: reply<CommandShortcuts>() },
  /** The key a page's notes are filed under (canonicalUrl needs the public suffix list, kept out of the page script). */
  'page/key': { to: 'background', from: PAGE, req: s.pageAddress, res: reply<{ pageUrl: string }>() },
  /** The keyboard command moved to the next annotation. */
  'page/next': { to: 'content', from: BACKGROUND, req: v.object({ direction: v.picklist([1, -1]) }), res: reply<{ ok: boolean }>() },
  /** Gloss's main-thread cost on this page so far (the browser benchmark asks from an extension page). */
  'page/stats': { to: 'content', from: GLOSS, req: s.empty, res: reply<PageStats>() },
  /** How many distinct things (entities, claims) Gloss shows on the sender's page, for the toolbar badge. */
  'page/found': { to: 'background', from: PAGE_OR_READER, req: v.object({ count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)) }), res: reply<{ ok: boolean }>() },
  /** The knowledge base changed (a source was added, refreshed, enabled, disabled or removed); match the page again. */
  'page/rematch': { to: 'content', from: BACKGROUND, req: s.empty, res: reply<{ ok: boolean }>() },

  // ── Sources (the reader's settings: extension pages only) ──
  /** Installed sources with record counts, sync state and progress of running jobs. */
  'sources/list': { to: 'background', from: READER, req: s.empty, res: reply<SourceSummary[]>() },
  /** Subscribe to a pack by URL (https; http only for localhost). Returns at once; the first download runs in the background. */
  'sources/add-url': { to: 'background', from: READER, req: v.object({ url: s.url, intervalMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) }), res: reply<SourceSummary>() },
  /** Import a pack from a local file's text. Replies when the import is done (or fails, with the error). */
  'sources/add-file': { to: 'background', from: READER, req: v.object({ text: s.text(s.MAX_PACK_TEXT), filename: s.text(1000), contentType: v.optional(s.text(200)) }), res: reply<SourceSummary>() },
  /** Refresh a URL source now. Returns at once; progress and errors show in `sources/list`. */
  'sources/refresh': { to: 'background', from: READER, req: v.object({ id: s.id }), res: reply<SourceSummary>() },
  /** Remove a source and its records. */
  'sources/remove': { to: 'background', from: READER, req: v.object({ id: s.id }), res: reply<{ ok: boolean }>() },
  /** Turn a source on or off (matching follows at once). */
  'sources/set-enabled': { to: 'background', from: READER, req: v.object({ id: s.id, enabled: v.boolean() }), res: reply<SourceSummary>() },
  /** How often a URL source is refreshed. */
  'sources/set-interval': { to: 'background', from: READER, req: v.object({ id: s.id, intervalMinutes: v.pipe(v.number(), v.integer(), v.minValue(1)) }), res: reply<SourceSummary>() },

  // ── Notes (a content script reaches only its own site's notes: background/notes.ts) ──
  /** Save a new note. */
  'notes/create': { to: 'background', from: PAGE_OR_READER, req: s.noteInput, res: reply<Note>() },
  /**
   * Edit a note's body or tags. `base`: the body and tags the editor started from, so an edit saved
   * meanwhile from another window is merged, or this save refused with an explanation (notes/merge-edit.ts).
   */
  'notes/update': { to: 'background', from: PAGE_OR_READER, req: v.object({ id: s.id, body: v.optional(s.text(s.MAX_BODY)), tags: v.optional(s.tags), base: v.optional(v.object({ body: s.text(s.MAX_BODY), tags: s.tags })) }), res: reply<Note>() },
  /** Delete notes (kept as tombstones for undo). */
  'notes/delete': { to: 'background', from: PAGE_OR_READER, req: v.object({ ids: s.ids }), res: reply<{ ids: string[] }>() },
  /** Undo a delete. */
  'notes/restore': { to: 'background', from: PAGE_OR_READER, req: v.object({ ids: s.ids }), res: reply<{ ids: string[] }>() },
  /** Notes matching a filter, newest first, and the tags in use. */
  'notes/list': { to: 'background', from: READER, req: v.object({ pageUrl: v.optional(s.url), query: v.optional(s.text(1000)), tag: v.optional(s.text(s.MAX_TAG)) }), res: reply<{ notes: Note[]; tags: { tag: string; count: number }[] }>() },
  /** The notes of a page, and the notes on these entities (all entity notes when `entityIds` is left out). */
  'notes/for-page': { to: 'background', from: PAGE_OR_READER, req: v.object({ pageUrl: s.url, entityIds: v.optional(s.ids) }), res: reply<{ page: Note[]; entities: Note[] }>() },
  /** Every live note as a W3C AnnotationCollection (JSON-LD) or Markdown. */
  'notes/export': { to: 'background', from: READER, req: v.object({ format: v.picklist(['jsonld', 'markdown']) }), res: reply<{ text: string; filename: string; mime: string; count: number }>() },
  /** Store notes the reader confirmed from an import file (merged by id). */
  'notes/import': { to: 'background', from: READER, req: v.object({ notes: v.pipe(v.array(s.importedNote), v.maxLength(s.MAX_IMPORT, `An import holds at most ${s.MAX_IMPORT} notes`)) }), res: reply<{ added: number; updated: number; unchanged: number }>() },
  /** The tags in use (names only, most used first), for completion in the composer and the note card. */
  'notes/tags': { to: 'background', from: PAGE_OR_READER, req: s.empty, res: reply<{ tags: string[] }>() },
  /** Open the note composer at the page's selection (the add-note command, the context menu). */
  'notes/compose': { to: 'content', from: BACKGROUND, req: s.empty, res: reply<{ ok: boolean }>() },
  /** An unsaved note draft (content scripts do not read storage; a page reaches only its own site's drafts). */
  'drafts/get': { to: 'background', from: PAGE_OR_READER, req: v.object({ key: s.draftKey }), res: reply<{ draft: Draft | null }>() },
  /** Keep an unsaved note draft. */
  'drafts/set': { to: 'background', from: PAGE_OR_READER, req: v.object({ key: s.draftKey, body: s.text(s.MAX_BODY), tags: s.text(4_000) }), res: reply<{ ok: boolean }>() },
  /** Forget a draft (saved or discarded). */
  'drafts/remove': { to: 'background', from: PAGE_OR_READER, req: v.object({ key: s.draftKey }), res: reply<{ ok: boolean }>() },
  /** The page's canonical URL, selection, anchoring of its notes. */
  'notes/page-state': { to: 'content', from: GLOSS, req: s.empty, res: reply<NotesPageState>() },
  /** Remember the current selection for the note editor. */
  'notes/capture': { to: 'content', from: BACKGROUND, req: s.empty, res: reply<{ ok: boolean }>() },
  /** Notes of these pages (or, without `pageUrls`, any) or entity notes changed; re-anchor and repaint. */
  'notes/refresh': { to: 'content', from: BACKGROUND, req: v.object({ pageUrls: v.optional(v.array(s.url)), entities: v.optional(v.boolean()) }), res: reply<{ ok: boolean }>() },
  /** Scroll to a note's passage and open its card. */
  'notes/reveal': { to: 'content', from: GLOSS, req: v.object({ id: s.id }), res: reply<{ ok: boolean }>() },

  // ── Notes sync (the reader's settings: extension pages only; background/notes-sync.ts) ──
  /** Status of browser sync and server sync: last sync, notes waiting, conflicts, last error. */
  'sync/status': { to: 'background', from: READER, req: s.empty, res: reply<SyncStatus>() },
  /** Set up server sync (a CouchDB-protocol database) and run it once; a wrong passphrase turns it off again, with the reason in the status. */
  'sync/configure': {
    to: 'background',
    from: READER,
    req: v.object({
      url: s.url,
      db: s.nonEmpty(238),
      authKind: v.picklist(['none', 'basic', 'bearer']),
      user: v.optional(s.text(256)),
      password: v.optional(s.text(1024)),
      token: v.optional(s.text(8192)),
      passphrase: s.nonEmpty(1024),
    }),
    res: reply<SyncStatus>(),
  },
  /** Sync now; replies when the run is over. */
  'sync/now': { to: 'background', from: READER, req: v.object({ target: v.picklist(['server', 'browser']) }), res: reply<SyncStatus>() },
  /** Stop syncing with a target (notes stay on this device; settings are kept). */
  'sync/stop': { to: 'background', from: READER, req: v.object({ target: v.picklist(['server', 'browser']) }), res: reply<SyncStatus>() },
  /** Turn a stopped target back on and sync. */
  'sync/start': { to: 'background', from: READER, req: v.object({ target: v.picklist(['server', 'browser']) }), res: reply<SyncStatus>() },
  /** The reader has read these conflict copies ("edited on two devices") and lets them go. */
  'notes/dismiss-conflict': { to: 'background', from: READER, req: v.object({ id: s.id, stamps: v.pipe(v.array(s.text(64)), v.maxLength(64)) }), res: reply<Note>() },
} as const satisfies Record<string, MessageSpec>;

export type Messages = typeof MESSAGES;
export type MessageType = keyof Messages;
/** Messages handled in a context: `MessagesTo<'background'>` are the ones `send` may send. */
export type MessagesTo<C extends Context> = { [K in MessageType]: Messages[K]['to'] extends C ? K : never }[MessageType];
/** What the sender passes. */
export type Request<T extends MessageType> = v.InferInput<Messages[T]['req']>;
/** What the handler receives, after the schema checked (and trimmed) it. */
export type Payload<T extends MessageType> = v.InferOutput<Messages[T]['req']>;
export type Reply<T extends MessageType> = Messages[T]['res'] extends ReplyOf<infer R> ? R : never;

export interface Envelope<T extends MessageType = MessageType> {
  gloss: T;
  data: Request<T>;
}

/** Replies travel as `{ ok, value | error }` so an error in one context reaches the caller as text. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** The declaration of a message type, looked up as an own property only (never `toString`, `__proto__`, …). */
export function specOf(type: unknown): MessageSpec | undefined {
  return typeof type === 'string' && Object.hasOwn(MESSAGES, type) ? (MESSAGES as Record<string, MessageSpec>)[type] : undefined;
}
