/**
 * The adder: when the reader selects text in the article (with their own mouse or
 * keyboard: trusted events only), a small Gloss button appears beside the
 * selection, inside Gloss's one shadow host (never in the page's DOM), offering
 * "Note" and "Highlight" (a note with an empty body). "Note" opens a compact
 * composer in place; the keyboard command opens the same composer.
 *
 * - Never in the page's editable fields: a selection in an input, textarea or
 *   contenteditable (or with one focused) gets no adder.
 * - A per-site switch (popup; the background tells the page: `site/get`, `site/adder`) turns it off.
 * - The selection the composer is for is held (a copy of its range and its
 *   selectors) until the note is saved or the page's selection changes. Escape
 *   closes the composer and keeps its draft (storage/drafts.ts) for that
 *   selection; a new selection drops both. A composer holding typed text stays
 *   open when the page's selection changes (its work is not thrown away).
 *
 * Positioned with Floating UI against the selection's last line box.
 */
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { render } from 'preact';
import { AdderButton, AdderHint, Composer } from '../components/Adder';
import { t } from '../i18n';
import { send } from '../messaging/client';
import type { NoteSelection } from '../messaging/protocol';
import type { Note } from '../notes/types';
import { type DraftStore, newDraftKey } from '../storage/drafts';
import { pageDrafts } from './drafts';

/** How long the "select some text first" hint stays. */
const HINT_MS = 3_000;

/** Input types that take no typing. */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit']);

/** Whether a node is inside something the reader types into (input, textarea, select, contenteditable). */
export function inEditable(node: Node | null): boolean {
  const el = node ? (node instanceof Element ? node : node.parentElement) : null;
  if (!el) return false;
  const field = el.closest('input, textarea, select');
  if (field) return field.localName !== 'input' || !NON_TEXT_INPUTS.has(((field as HTMLInputElement).type || 'text').toLowerCase());
  if ((el as HTMLElement).isContentEditable) return true;
  const ce = el.closest('[contenteditable]');
  return !!ce && ce.getAttribute('contenteditable')?.toLowerCase() !== 'false';
}

/** Whether a selection may get the adder: not empty, not in a field, not in Gloss's own UI. */
export function selectionOffered(sel: Selection | null, isGloss: (n: Node) => boolean, active: Element | null = document.activeElement): Range | undefined {
  if (!sel || sel.isCollapsed || !sel.rangeCount) return undefined;
  if (active && active !== document.body && inEditable(active)) return undefined;
  const range = sel.getRangeAt(0);
  if (inEditable(range.startContainer) || inEditable(range.endContainer) || inEditable(range.commonAncestorContainer)) return undefined;
  if (isGloss(range.startContainer) || isGloss(range.endContainer)) return undefined;
  if (!range.toString().trim()) return undefined;
  return range;
}

function sameRange(a: Range, b: Range): boolean {
  return a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;
}

/** The selection's last line box (where the reader's pointer ended), for placing the adder. */
function endBox(range: Range): DOMRect {
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
  return rects.at(-1) ?? range.getBoundingClientRect();
}

export interface AdderTimings {
  /** From the reader's selecting input (mouseup/keyup) to the adder placed on screen, ms. */
  selectionToVisibleMs: number[];
  /** From Save (or Highlight) to the new note's highlight painted, ms. */
  saveToPaintedMs: number[];
}

export interface AdderOptions {
  /** Gloss's host element: events from inside it are Gloss's own. */
  host: HTMLElement;
  /** Where in Gloss's shadow root the adder and composer are drawn (a layer of their own). */
  parent: HTMLElement | ShadowRoot;
  signal: AbortSignal;
  /** The selection as selectors over the page text (null when it cannot be noted). */
  describe(range: Range): NoteSelection | null;
  /** The key the page's notes are filed under. */
  pageUrl(): Promise<string>;
  /** The same as last known, for naming drafts ('' before it is known). */
  knownPageUrl(): string;
  /** A note was saved: paint it (resolves once painted). */
  onSaved(note: Note): Promise<void> | void;
  /** Whether Gloss is paused on this site. */
  paused(): boolean;
  drafts?: DraftStore;
}

type View = { kind: 'none' } | { kind: 'adder'; range: Range } | { kind: 'composer'; dirty: boolean } | { kind: 'hint'; text: string };

export class SelectionAdder {
  private readonly layer: HTMLElement;
  private view: View = { kind: 'none' };
  /** The selection a composer is (or was, until Escape) open for. */
  private held: { range: Range; selection: NoteSelection; key: string } | undefined;
  private enabled = true;
  private stopAutoUpdate: (() => void) | undefined;
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  private knownTags: string[] = [];
  private busy = false;
  private readonly drafts: DraftStore;
  readonly timings: AdderTimings = { selectionToVisibleMs: [], saveToPaintedMs: [] };

  constructor(private readonly opts: AdderOptions) {
    this.drafts = opts.drafts ?? pageDrafts;
    this.layer = document.createElement('div');
    this.layer.className = 'gloss-adder-layer';
    opts.parent.appendChild(this.layer);
  }

  private isGloss = (n: Node): boolean => {
    const root = n.getRootNode();
    return root instanceof ShadowRoot ? root.host === this.opts.host : this.opts.host.contains(n);
  };

  private fromGloss(e: Event): boolean {
    return e.composedPath().includes(this.opts.host);
  }

  /** Start listening to the reader's selections; `enabled` is the site's switch (site/get). */
  start(enabled: boolean): void {
    const { signal } = this.opts;
    this.enabled = enabled;
    signal.addEventListener('abort', () => {
      this.hide();
      this.layer.remove();
    });
    const opts = { capture: true, signal } as const;
    // The reader finished selecting: with the mouse, or with the keyboard (Shift+arrows, Ctrl+A).
    document.addEventListener('mouseup', (e) => e.isTrusted && e.button === 0 && !this.fromGloss(e) && this.selectionEnded(e.timeStamp), opts);
    document.addEventListener('keyup', (e) => e.isTrusted && !this.fromGloss(e) && (e.shiftKey || e.key === 'Shift' || e.ctrlKey || e.metaKey) && this.selectionEnded(e.timeStamp), opts);
    // A press elsewhere on the page starts something new: the adder goes.
    document.addEventListener('mousedown', (e) => e.isTrusted && !this.fromGloss(e) && this.view.kind === 'adder' && this.hide(), opts);
    document.addEventListener('selectionchange', () => this.selectionChanged(), { signal });
    document.addEventListener('keydown', (e) => e.isTrusted && e.key === 'Escape' && (this.view.kind === 'adder' || this.view.kind === 'hint') && this.hide(), opts);
  }

  /** The reader turned the button on or off for this site (the background tells: content scripts read no storage). */
  setEnabled(on: boolean): void {
    this.enabled = on;
    if (!on && this.view.kind === 'adder') this.hide();
  }

  /** Whether the adder or composer is on screen (for tests and the page summary). */
  get showing(): View['kind'] {
    return this.view.kind;
  }

  private selectionEnded(at: number): void {
    if (!this.enabled || this.opts.paused() || this.view.kind === 'composer') return;
    // Let the browser settle the selection (a click inside a selection collapses it after mouseup).
    setTimeout(() => {
      if (this.view.kind === 'composer') return;
      const range = selectionOffered(getSelection(), this.isGloss);
      if (!range) {
        if (this.view.kind === 'adder') this.hide();
        return;
      }
      if (this.view.kind === 'adder' && sameRange(this.view.range, range)) return;
      this.showAdder(range.cloneRange(), at);
    }, 0);
  }

  private selectionChanged(): void {
    // Focus inside Gloss (the composer's fields) moves the document's selection: not the reader's page selection.
    if (document.activeElement === this.opts.host) return;
    const sel = getSelection();
    const range = sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0) : undefined;
    if (this.view.kind === 'adder' && (!range || !sameRange(range, this.view.range))) this.hide();
    if (this.held && (!range || !sameRange(range, this.held.range))) {
      // A composer with typed text keeps its selection and stays: its work is not thrown away.
      if (this.view.kind === 'composer' && this.view.dirty) return;
      this.dropHeld();
      if (this.view.kind === 'composer') this.hide();
    }
  }

  /** Forget the held selection and the draft kept for it. */
  private dropHeld(): void {
    const held = this.held;
    this.held = undefined;
    if (held) void this.drafts.remove(held.key).catch(() => undefined);
  }

  private place(reference: { getBoundingClientRect(): DOMRect }, el: HTMLElement, placement: 'top-end' | 'bottom-start', after?: () => void): void {
    this.stopAutoUpdate?.();
    let first = true;
    this.stopAutoUpdate = autoUpdate(reference, el, () =>
      void computePosition(reference, el, { strategy: 'fixed', placement, middleware: [offset(6), flip(), shift({ padding: 8 })] }).then(({ x, y }) => {
        Object.assign(el.style, { left: `${x}px`, top: `${y}px`, visibility: 'visible' });
        if (first) {
          first = false;
          after?.();
        }
      }),
    );
  }

  private draw(content: preact.ComponentChild): HTMLElement | null {
    render(content, this.layer);
    const el = this.layer.firstElementChild as HTMLElement | null;
    if (el) el.style.visibility = 'hidden';
    return el;
  }

  private showAdder(range: Range, startedAt: number): void {
    clearTimeout(this.hintTimer);
    this.view = { kind: 'adder', range };
    const el = this.draw(<AdderButton busy={this.busy} onNote={() => this.openComposer(range)} onHighlight={() => void this.highlight(range)} />);
    if (!el) return;
    this.place({ getBoundingClientRect: () => endBox(range) }, el, 'top-end', () =>
      requestAnimationFrame(() => this.timings.selectionToVisibleMs.push(performance.now() - startedAt)),
    );
  }

  hide(): void {
    clearTimeout(this.hintTimer);
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = undefined;
    this.view = { kind: 'none' };
    render(null, this.layer);
  }

  private hold(range: Range): boolean {
    if (this.held && sameRange(this.held.range, range)) return true;
    const selection = this.opts.describe(range);
    if (!selection) return false;
    this.dropHeld();
    this.held = { range: range.cloneRange(), selection, key: newDraftKey(this.opts.knownPageUrl() || location.href.replace(/#.*$/, ''), selection.quote) };
    return true;
  }

  private async create(body: string, tags: string[]): Promise<void> {
    const held = this.held;
    if (!held) throw new Error(t('adderSelectionGone'));
    const startedAt = performance.now();
    const note = await send('notes/create', {
      pageUrl: await this.opts.pageUrl(),
      pageTitle: document.title || undefined,
      target: { kind: 'text', quote: held.selection.quote, selectors: held.selection.selectors },
      body,
      tags,
    });
    // Saved: the selection is let go (so a second press cannot add the same note twice).
    this.held = undefined;
    this.hide();
    getSelection()?.removeAllRanges();
    await this.opts.onSaved(note);
    requestAnimationFrame(() => this.timings.saveToPaintedMs.push(performance.now() - startedAt));
  }

  /** "Highlight": a note with an empty body on the selection. */
  private async highlight(range: Range): Promise<void> {
    if (this.busy || !this.hold(range)) return;
    this.busy = true;
    try {
      await this.create('', []);
    } catch (e) {
      this.showHint(e instanceof Error ? e.message : String(e), range);
    } finally {
      this.busy = false;
    }
  }

  /** "Note": the composer in place of the adder, for this selection. */
  openComposer(range: Range): void {
    if (!this.hold(range)) {
      this.showHint(t('adderCannotNote'), range);
      return;
    }
    const held = this.held!;
    clearTimeout(this.hintTimer);
    this.view = { kind: 'composer', dirty: false };
    void send('notes/tags', {})
      .then(({ tags }) => {
        this.knownTags = tags;
        if (this.view.kind === 'composer') this.drawComposer(held);
      })
      .catch(() => undefined);
    const el = this.drawComposer(held);
    if (el) this.place({ getBoundingClientRect: () => endBox(held.range) }, el, 'bottom-start');
  }

  private drawComposer(held: NonNullable<SelectionAdder['held']>): HTMLElement | null {
    const el = this.draw(
      <Composer
        key={held.key}
        quote={held.selection.quote}
        draftKey={held.key}
        drafts={this.drafts}
        knownTags={this.knownTags}
        onSave={(body, tags) => this.create(body, tags)}
        onClose={() => this.escapeComposer()}
        onDiscard={() => {
          this.hide();
          this.dropHeld();
        }}
        onDirty={(dirty) => this.view.kind === 'composer' && (this.view.dirty = dirty)}
      />,
    );
    if (el && this.view.kind === 'composer' && this.stopAutoUpdate) el.style.visibility = 'visible';
    return el;
  }

  /** Escape: close the composer, keep the draft and put the reader's selection back (its adder offers the draft again). */
  private escapeComposer(): void {
    const held = this.held;
    this.hide();
    if (!held) return;
    const sel = getSelection();
    sel?.removeAllRanges();
    sel?.addRange(held.range.cloneRange());
    this.showAdder(held.range.cloneRange(), performance.now());
  }

  /** The keyboard command: the composer for the current selection (or the one held), or a hint. */
  compose(): boolean {
    if (this.opts.paused()) return false;
    if (this.view.kind === 'composer') {
      this.layer.querySelector<HTMLTextAreaElement>('textarea')?.focus();
      return true;
    }
    const range = selectionOffered(getSelection(), this.isGloss) ?? this.held?.range;
    if (!range) {
      this.showHint(t('adderSelectFirst'));
      return false;
    }
    this.openComposer(range.cloneRange());
    return true;
  }

  private showHint(text: string, near?: Range): void {
    this.view = { kind: 'hint', text };
    const el = this.draw(<AdderHint text={text} />);
    if (!el) return;
    if (near) this.place({ getBoundingClientRect: () => endBox(near) }, el, 'top-end');
    else Object.assign(el.style, { left: '50%', top: '12px', transform: 'translateX(-50%)', visibility: 'visible' });
    clearTimeout(this.hintTimer);
    this.hintTimer = setTimeout(() => this.view.kind === 'hint' && this.hide(), HINT_MS);
  }
}
