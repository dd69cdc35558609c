/**
 * The marks on the reader's noted passages, painted inside Gloss's closed root
 * instead of with `CSS.highlights` (which any page script can read, and so
 * learn which passages the reader noted). Each mark is a fixed box over one
 * line of a noted text; the boxes follow layout: redrawn (at most once a frame)
 * when the page scrolls, resizes or changes.
 */
import { guarded } from './errors';

/** The on-screen line boxes of a range's text (not of the elements it spans, which would double the marks). */
export function textRects(range: Range): DOMRect[] {
  const rects: DOMRect[] = [];
  const doc = range.startContainer.ownerDocument ?? document;
  const root = range.commonAncestorContainer;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const part = doc.createRange();
  for (let n: Node | null = root.nodeType === Node.TEXT_NODE ? root : walker.nextNode(); n; n = walker.nextNode()) {
    if (!range.intersectsNode(n)) continue;
    const text = n as Text;
    const start = n === range.startContainer ? range.startOffset : 0;
    const end = n === range.endContainer ? range.endOffset : text.length;
    if (end <= start) continue;
    part.setStart(text, start);
    part.setEnd(text, end);
    for (const r of part.getClientRects()) if (r.width > 0 && r.height > 0) rects.push(r);
    if (root.nodeType === Node.TEXT_NODE) break;
  }
  return rects;
}

export class NoteMarks {
  private ranges: Range[] = [];
  private queued = false;
  /** Aborted when there is nothing left to mark: the layout listeners go. */
  private watching: AbortController | undefined;

  constructor(
    private readonly layer: HTMLElement,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.set([]));
  }

  /** Mark these ranges (none: remove every mark). */
  set(ranges: readonly Range[]): void {
    this.ranges = [...ranges];
    if (this.ranges.length) this.watch();
    else {
      this.watching?.abort();
      this.watching = undefined;
    }
    this.schedule();
  }

  get size(): number {
    return this.ranges.length;
  }

  private schedule = (): void => {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(guarded('note-marks', () => {
      this.queued = false;
      this.draw();
    }));
  };

  private draw(): void {
    const boxes = this.signal.aborted ? [] : this.ranges.filter((r) => r.startContainer.isConnected && !r.collapsed).flatMap(textRects);
    const marks = this.layer.children;
    while (marks.length > boxes.length) marks[marks.length - 1]!.remove();
    boxes.forEach((b, i) => {
      const el = (marks[i] as HTMLElement | undefined) ?? this.layer.appendChild(Object.assign(document.createElement('div'), { className: 'mark' }));
      el.style.cssText = `left:${b.left}px;top:${b.top}px;width:${b.width}px;height:${b.height}px`;
    });
  }

  /** Follow layout while there is anything to mark: scrolling (any scroller), resizing, page changes. */
  private watch(): void {
    if (this.watching || this.signal.aborted) return;
    this.watching = new AbortController();
    const signal = AbortSignal.any([this.signal, this.watching.signal]);
    document.addEventListener('scroll', this.schedule, { capture: true, passive: true, signal });
    addEventListener('resize', this.schedule, { passive: true, signal });
    const resize = new ResizeObserver(this.schedule);
    resize.observe(document.documentElement);
    if (document.body) resize.observe(document.body);
    const mutations = new MutationObserver(this.schedule);
    mutations.observe(document.body ?? document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
    signal.addEventListener('abort', () => {
      resize.disconnect();
      mutations.disconnect();
    });
  }
}
