/**
 * The reader's notes on the page: anchor them in the page text (cheap to
 * expensive, orphans reported, never a lookalike), mark them inside Gloss's
 * closed root (content/note-marks.ts: the page cannot read which passages are
 * noted), show a note's card on the reader's hover (edit, delete, undo),
 * describe the reader's selection for a new note, and attach the reader's notes
 * on entities to those entities' cards. The page gets only its own notes and
 * the notes on entities found on it (asked for by key), never the rest.
 *
 * Offsets are into `collectText(document.body)` (Gloss's own host left out): the
 * text the selectors are stored against. The note card lives in its own layer of
 * Gloss's closed root (beside, not inside, the entity card's layer).
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import { anchorSteps } from '../anchoring/anchor';
import { describe } from '../anchoring/index';
import { runToEnd } from '../anchoring/match-quote';
import { NoteCard } from '../components/NoteCard';
import { t } from '../i18n';
import { listen, send } from '../messaging/client';
import type { EntityNote, NoteAnchorStatus, NoteSelection, NotesPageState } from '../messaging/protocol';
import type { Note } from '../notes/types';
import { collectSteps, collectText, type PageText, toLiveRange } from '../page-text/collect';
import { pageDrafts } from './drafts';
import type { AnnotationSet } from './annotations';
import type { GlossRoot } from './shadow-host';
import { annotationAt, boxesContain, trackPointer } from './hover';
import { NoteMarks } from './note-marks';
import { runSliced } from './slices';

const OPEN_DELAY_MS = 250;
const CLOSE_DELAY_MS = 300;
/** A selection captured by the context menu or shortcut is offered for this long. */
const CAPTURE_TTL_MS = 5 * 60_000;
/** Changed content is given this long to settle before notes are placed again. */
const SETTLE_MS = 600;
/** Orphans are looked for again in changed content at most this often. */
const ORPHAN_RETRY_MS = 2000;
/** Longest selection a note can quote. */
export const MAX_QUOTE_CHARS = 5000;

export interface PlacedNote {
  note: Note;
  range?: Range;
  status: NoteAnchorStatus;
}

/** The page's address and its rel=canonical link, as written. */
export interface PageAddress {
  href: string;
  canonical?: string;
}

export function pageAddress(doc: Document = document): PageAddress {
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]')?.getAttribute('href');
  return canonical ? { href: doc.location.href, canonical } : { href: doc.location.href };
}

/**
 * The page's canonical URL, the key its notes are filed under, resolved by the
 * background (anchoring/url.ts: the public suffix list it needs would add about
 * 40 kB to the page script).
 */
export async function pageKey(doc: Document = document): Promise<string> {
  return (await send('page/key', pageAddress(doc))).pageUrl;
}

const sameAddress = (a: PageAddress, b: PageAddress | undefined) => !!b && a.href === b.href && a.canonical === b.canonical;

/** The selection as offsets into the page text, trimmed of surrounding whitespace; null when empty. */
export function selectionOffsets(page: PageText, range: Range): { start: number; end: number } | null {
  let start = -1;
  let end = -1;
  page.nodes.forEach((node, i) => {
    if (!range.intersectsNode(node)) return;
    const s = node === range.startContainer ? range.startOffset : 0;
    const e = node === range.endContainer ? range.endOffset : node.data.length;
    if (start < 0) start = page.starts[i]! + s;
    end = page.starts[i]! + e;
  });
  if (start < 0 || end <= start) return null;
  const { text } = page;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

export function describeSelection(page: PageText, range: Range): NoteSelection | null {
  const at = selectionOffsets(page, range);
  if (!at || at.end - at.start > MAX_QUOTE_CHARS) return null;
  return { quote: page.text.slice(at.start, at.end), selectors: describe(page.text, at.start, at.end) };
}

/** Where each note of the page is now. */
export function placeNotes(page: PageText, notes: readonly Note[], entityKeys: ReadonlySet<string>): PlacedNote[] {
  return runToEnd(placeNotesSteps(page, notes, entityKeys));
}

/** placeNotes in steps, for runSliced: anchoring a long quote on a long page takes many short ones. */
export function* placeNotesSteps(page: PageText, notes: readonly Note[], entityKeys: ReadonlySet<string>): Generator<void, PlacedNote[]> {
  const out: PlacedNote[] = [];
  for (const note of notes) out.push(yield* placeNote(page, note, entityKeys));
  return out;
}

function* placeNote(page: PageText, note: Note, entityKeys: ReadonlySet<string>): Generator<void, PlacedNote> {
  const target = note.target;
  if (target.kind === 'page') return { note, status: { status: 'page' } };
  if (target.kind === 'entity') return { note, status: { status: 'entity', onPage: entityKeys.has(target.entityId) } };
  const r = yield* anchorSteps(page.text, target.selectors);
  if (r.status === 'orphan') {
    return { note, status: r.closest ? { status: 'orphan', closest: { text: r.closest.text, similarity: r.closest.similarity } } : { status: 'orphan' } };
  }
  const range = toLiveRange(page, r.start, r.end) ?? undefined;
  if (!range || range.collapsed) return { note, status: { status: 'orphan' } };
  return { note, range, status: { status: 'anchored', method: r.method, confidence: r.confidence } };
}

const NO_TEXT: PageText = { text: '', nodes: [], starts: [], index: new Map() };

const toEntityNote = (n: Note): EntityNote => ({ id: n.id, body: n.body, tags: n.tags, updated: n.updated, pageUrl: n.pageUrl, ...(n.pageTitle ? { pageTitle: n.pageTitle } : {}) });

export interface NotesLayerOptions {
  /** Gloss's closed root: the note card and the note marks are drawn in its layers. */
  root: GlossRoot;
  /** The entity and claim annotations: notes yield the hover to them, and entity cards get the reader's notes. */
  set: AnnotationSet;
  isOwn(el: Element): boolean;
  signal: AbortSignal;
}

export class NotesLayer {
  placed: PlacedNote[] = [];
  private entityNotes: Note[] = [];
  /** The entities whose notes were asked for. */
  private askedEntities = new Set<string>();
  private pageNotes: Note[] = [];
  private placedAt = 0;
  private placeGeneration = 0;
  /** The address the latest refresh was for: a change means a single-page navigation. */
  private address: PageAddress | undefined;
  /** The key notes are filed under, and the address it was resolved from. */
  private resolved: { address: PageAddress; pageUrl: string } | undefined;
  private get pageUrl(): string {
    return this.resolved?.pageUrl ?? '';
  }
  private captured: { at: number; selection: NoteSelection } | undefined;
  private paused = false;
  private generation = 0;
  private container: HTMLElement;
  private marks: NoteMarks;
  private openId: string | undefined;
  private openNote: Note | undefined;
  private openRange: Range | undefined;
  private pointerInCard = false;
  /** The open card holds work the reader could lose (an edit, or Undo on offer): it stays open. */
  private held = false;
  /** Focus is in the open card (the reader tabbed or clicked into it): it stays open. */
  private focusInCard = false;
  private knownTags: string[] = [];
  /**
   * The reader clicked in the note card (edit, save, delete): it stays open while
   * its content changes under the pointer, until Escape or a click elsewhere.
   */
  private pinned = false;
  private hovered: PlacedNote | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopAutoUpdate: (() => void) | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: NotesLayerOptions) {
    this.container = opts.root.noteLayer;
    this.marks = new NoteMarks(opts.root.markLayer, opts.signal);
  }

  private collect(): PageText {
    return collectText(document.body, { exclude: this.opts.isOwn });
  }

  /** Start: listen to messages, the pointer and the shortcut, then place the notes. */
  async start(): Promise<void> {
    const { signal } = this.opts;
    const host = location.hostname;
    this.paused = (await send('site/get', { host }).catch(() => ({ paused: false }))).paused;
    const stopListening = listen('content', {
      'notes/page-state': async () => ({ ...this.pageState(), pageUrl: await this.key() }),
      'notes/capture': () => {
        const selection = this.currentSelection();
        if (selection) this.captured = { at: Date.now(), selection };
        return { ok: !!selection };
      },
      'notes/refresh': ({ pageUrls, entities }) => {
        const concerned = !pageUrls || entities || !this.pageUrl || pageUrls.includes(this.pageUrl);
        if (concerned) void this.refresh();
        return { ok: concerned };
      },
      'notes/reveal': ({ id }) => ({ ok: this.reveal(id) }),
      'site/paused': ({ paused }) => {
        if (paused !== this.paused) {
          this.paused = paused;
          void this.refresh();
        }
        return { ok: true };
      },
    });
    signal.addEventListener('abort', () => {
      stopListening();
      this.close();
    });
    this.watchPointer();
    await this.refresh();
  }

  /** The selection as selectors over the page text (the adder's composer), or null. */
  describeRange(range: Range): NoteSelection | null {
    return describeSelection(this.collect(), range);
  }

  /** Fetch this page's notes (and notes on its entities), anchor and paint them. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const address = pageAddress();
    this.address = address;
    if (!sameAddress(address, this.resolved?.address)) {
      const pageUrl = await pageKey();
      if (generation !== this.generation) return;
      this.resolved = { address, pageUrl };
    }
    if (this.paused) {
      this.placed = [];
      this.paint();
      return;
    }
    // Notes on the entities found so far; entities found later ask again (annotationsChanged).
    const entityIds = [...this.opts.set.entityCards.keys()];
    const reply = await send('notes/for-page', { pageUrl: this.pageUrl, entityIds });
    if (generation !== this.generation) return;
    this.askedEntities = new Set(entityIds);
    this.entityNotes = reply.entities;
    this.pageNotes = reply.page;
    this.attachEntityNotes();
    if (!(await this.place())) return;
    this.paint();
  }

  /**
   * Anchor the notes already fetched in the page as it is now. The page text is
   * collected in short slices (no long task); false when a newer placement started.
   */
  private async place(): Promise<boolean> {
    const generation = ++this.placeGeneration;
    // Most pages have no note on their text: then there is nothing to read.
    const page = this.pageNotes.some((n) => n.target.kind === 'text')
      ? await runSliced('notes-collect', collectSteps(document.body, { exclude: this.opts.isOwn }))
      : NO_TEXT;
    if (generation !== this.placeGeneration) return false;
    this.placedAt = Date.now();
    const placed = await runSliced('notes-anchor', placeNotesSteps(page, this.pageNotes, new Set(this.opts.set.entityCards.keys())));
    if (generation !== this.placeGeneration) return false;
    this.placed = placed;
    return true;
  }

  /**
   * The page's entities or content changed: give entity cards their notes again
   * and, once the page settles, re-anchor notes whose text was removed or was
   * not there yet (orphans, e.g. on a page that loads its article late).
   */
  annotationsChanged(): void {
    if (!sameAddress(pageAddress(), this.address)) {
      // Single-page navigation: another article, other notes.
      void this.refresh();
      return;
    }
    if ([...this.opts.set.entityCards.keys()].some((k) => !this.askedEntities.has(k))) void this.fetchEntityNotes();
    this.attachEntityNotes();
    // Text of a placed note was removed or replaced: place again soon. Orphans may
    // find their text in content that arrived later: try again, at most every few seconds.
    const removed = this.placed.some((p) => p.range && (!p.range.startContainer.isConnected || !p.range.endContainer.isConnected));
    const orphans = this.placed.some((p) => p.status.status === 'orphan');
    if (!removed && !orphans) return;
    const wait = removed ? SETTLE_MS : Math.max(SETTLE_MS, ORPHAN_RETRY_MS - (Date.now() - this.placedAt));
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      if (this.paused) return;
      void this.place().then((placed) => placed && this.paint());
    }, wait);
  }

  /** The notes on entities that appeared after the last refresh. */
  private async fetchEntityNotes(): Promise<void> {
    const generation = this.generation;
    const entityIds = [...this.opts.set.entityCards.keys()];
    for (const k of entityIds) this.askedEntities.add(k);
    const reply = await send('notes/for-page', { pageUrl: await this.key(), entityIds }).catch(() => undefined);
    if (!reply || generation !== this.generation) return;
    this.entityNotes = reply.entities;
    this.attachEntityNotes();
  }

  private attachEntityNotes(): void {
    const byEntity = new Map<string, EntityNote[]>();
    for (const n of this.entityNotes) {
      if (n.target.kind !== 'entity') continue;
      const list = byEntity.get(n.target.entityId) ?? [];
      list.push(toEntityNote(n));
      byEntity.set(n.target.entityId, list);
    }
    for (const [key, card] of this.opts.set.entityCards) {
      const notes = byEntity.get(key);
      if (notes) card.notes = notes;
      else delete card.notes;
    }
  }

  private paint(): void {
    const ranges = this.paused ? [] : this.placed.flatMap((p) => (p.range ? [p.range] : []));
    this.marks.set(ranges);
    if (!this.openId) return;
    const open = this.placed.find((p) => p.note.id === this.openId);
    if (open?.range) {
      this.openNote = open.note;
      this.openRange = open.range;
      this.renderCard();
    } else if (!this.keepsOpen()) {
      // The open note was deleted elsewhere; its card stays while it offers Undo, has focus, the pointer or a click.
      this.scheduleClose();
    }
  }

  private currentSelection(): NoteSelection | null {
    const sel = getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    const range = sel.getRangeAt(0);
    const start = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
    if (start && this.opts.root.contains(start)) return null;
    return describeSelection(this.collect(), range);
  }

  /** The key this page's notes are filed under (asked again after a single-page navigation). */
  async key(): Promise<string> {
    return this.resolved && sameAddress(pageAddress(), this.resolved.address) ? this.resolved.pageUrl : pageKey();
  }

  /** The key as last resolved ('' before the first refresh). */
  get currentKey(): string {
    return this.pageUrl;
  }

  pageState(): NotesPageState {
    let selection = this.currentSelection();
    if (!selection && this.captured && Date.now() - this.captured.at < CAPTURE_TTL_MS) selection = this.captured.selection;
    const anchors: Record<string, NoteAnchorStatus> = {};
    for (const p of this.placed) {
      const t = p.note.target;
      anchors[p.note.id] = t.kind === 'entity' ? { status: 'entity', onPage: this.opts.set.entityCards.has(t.entityId) } : p.status;
    }
    const entities = [...this.opts.set.entityCards.values()]
      .filter((e, i, all) => all.findIndex((x) => x.name === e.name) === i)
      .map((e) => ({ key: e.key, name: e.name }));
    return { pageUrl: this.pageUrl, pageTitle: document.title, selection, anchors, entities };
  }

  noteAt(x: number, y: number): PlacedNote | undefined {
    let best: PlacedNote | undefined;
    for (const p of this.placed) {
      if (!p.range || !boxesContain(p.range, x, y)) continue;
      if (!best || p.range.toString().length < best.range!.toString().length) best = p;
    }
    return best;
  }

  private watchPointer(): void {
    // A click outside Gloss closes a card the reader pinned by working in it.
    document.addEventListener(
      'pointerdown',
      (e) => {
        if (e.isTrusted && this.pinned && e.target !== this.opts.root.host) this.close();
      },
      { capture: true, passive: true, signal: this.opts.signal },
    );
    trackPointer(this.opts.signal, (x, y) => {
      let p = this.placed.length ? this.noteAt(x, y) : undefined;
      // Entity and claim cards take precedence over the note around them.
      if (p && this.opts.set.items.length && annotationAt(this.opts.set, x, y)) p = undefined;
      if (p === this.hovered) return;
      this.hovered = p;
      // A card holding work is not swapped for another note's card under the pointer.
      if (this.openId && this.held) return;
      clearTimeout(this.timer);
      if (p) this.timer = setTimeout(() => this.hovered === p && this.open(p), OPEN_DELAY_MS);
      else this.scheduleClose();
    });
  }

  /** Whether the open card must stay: the pointer or focus is on it, or it holds work. */
  private keepsOpen(): boolean {
    return this.pointerInCard || this.held || this.focusInCard || this.pinned;
  }

  private scheduleClose(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.hovered && !this.keepsOpen()) this.close();
    }, CLOSE_DELAY_MS);
  }

  reveal(id: string): boolean {
    const p = this.placed.find((x) => x.note.id === id && x.range);
    if (!p?.range) return false;
    const rect = p.range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > innerHeight) window.scrollBy({ top: rect.top - innerHeight / 3, behavior: 'instant' });
    this.open(p, true);
    return true;
  }

  open(p: PlacedNote, focus = false): void {
    if (!p.range) return;
    this.stopAutoUpdate?.();
    this.openId = p.note.id;
    this.openNote = p.note;
    this.openRange = p.range;
    this.renderCard();
    void send('notes/tags', {}).then(({ tags }) => {
      this.knownTags = tags;
      if (this.openId === p.note.id) this.renderCard();
    }, () => undefined);
    const el = this.container.querySelector<HTMLElement>('.note-card');
    if (!el) return;
    const reference = {
      getBoundingClientRect: () => this.openRange?.getBoundingClientRect() ?? new DOMRect(),
      getClientRects: () => this.openRange?.getClientRects() ?? ([] as unknown as DOMRectList),
    };
    const place = () =>
      void computePosition(reference, el, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          flip(),
          shift({ padding: 8 }),
          size({ padding: 8, apply: ({ availableHeight }) => void (el.style.maxHeight = `${Math.max(120, Math.min(440, availableHeight))}px`) }),
        ],
      }).then(({ x, y }) => Object.assign(el.style, { left: `${x}px`, top: `${y}px` }));
    this.stopAutoUpdate = autoUpdate(reference, el, place);
    if (focus) el.focus({ preventScroll: true });
  }

  /** Draw the open note's card (again, after an edit elsewhere: same component, state kept). */
  private renderCard(): void {
    const note = this.openNote;
    if (!note) return;
    const status = this.placed.find((p) => p.note.id === note.id)?.status;
    // Placed on text that differs from the quote (a fuzzy match): say so, with the original words.
    const changedQuote =
      status?.status === 'anchored' && status.method === 'fuzzy' && note.target.kind === 'text' && this.openRange?.toString() !== note.target.quote
        ? note.target.quote
        : undefined;
    render(
      <div
        class="card note-card"
        role="dialog"
        aria-modal="false"
        aria-label={t('yourNote')}
        tabIndex={-1}
        onMouseEnter={() => (this.pointerInCard = true)}
        onClick={() => (this.pinned = true)}
        onMouseLeave={() => {
          this.pointerInCard = false;
          this.scheduleClose();
        }}
        onFocusIn={() => (this.focusInCard = true)}
        onFocusOut={(e) => {
          const next = (e as FocusEvent).relatedTarget as Node | null;
          if (next && (e.currentTarget as HTMLElement).contains(next)) return;
          this.focusInCard = false;
          this.scheduleClose();
        }}
      >
        <div class="card-head">
          <h2>{t('yourNote')}</h2>
        </div>
        <NoteCard
          key={note.id}
          note={note}
          showTarget={false}
          onSave={(body, tags) => send('notes/update', { id: note.id, body, tags, base: { body: note.body, tags: note.tags } })}
          onDelete={() => send('notes/delete', { ids: [note.id] })}
          onUndo={() => send('notes/restore', { ids: [note.id] })}
          drafts={pageDrafts}
          knownTags={this.knownTags}
          onHold={(held) => {
            this.held = held;
            if (!held) this.scheduleClose();
          }}
        >
          {changedQuote !== undefined && (
            <p class="note-about" data-testid="note-moved">
              {t('noteMoved', changedQuote)}
            </p>
          )}
        </NoteCard>
      </div>,
      this.container,
    );
  }

  close(): void {
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = undefined;
    this.openId = undefined;
    this.openNote = undefined;
    this.openRange = undefined;
    this.pointerInCard = false;
    this.held = false;
    this.focusInCard = false;
    this.pinned = false;
    render(null, this.container);
  }

  get openNoteId(): string | undefined {
    return this.openId;
  }
}
