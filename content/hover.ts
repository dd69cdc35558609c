/**
 * Finds the annotation under the pointer. Highlights are not elements, so the
 * pointer position is turned into a caret position and checked against each
 * annotation's range and its on-screen boxes.
 */
import type { Annotation, AnnotationSet } from './annotations';
import { timed } from './timing';

interface Caret {
  node: Node;
  offset: number;
}

function caretAt(x: number, y: number): Caret | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = doc.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

/** Whether a point is on one of a range's line boxes (with a pixel of slack). */
export function boxesContain(range: Range, x: number, y: number): boolean {
  for (const r of range.getClientRects()) {
    if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
  }
  return false;
}

export function annotationAt(set: AnnotationSet, x: number, y: number): Annotation | undefined {
  const caret = caretAt(x, y);
  if (!caret) return undefined;
  const a = set.at(caret.node, caret.offset);
  if (a && boxesContain(a.range, x, y)) return a;
  // The caret may sit just outside a short range; fall back to the boxes themselves.
  return set.items.find((b) => b.kind === 'entity' && boxesContain(b.range, x, y)) ?? (a && boxesContain(a.range, x, y) ? a : undefined);
}

export interface HoverOptions {
  set: AnnotationSet;
  signal: AbortSignal;
  /** Called with the annotation under the pointer, or undefined when it leaves. */
  onChange(a: Annotation | undefined): void;
}

/** Calls `onFrame` with the pointer position at most once per animation frame while it moves. */
export function trackPointer(signal: AbortSignal, onFrame: (x: number, y: number) => void): void {
  let queued = false;
  let x = 0;
  let y = 0;
  document.addEventListener(
    'mousemove',
    (e) => {
      // Only the reader's pointer: a page's synthetic mousemove opens nothing.
      if (!e.isTrusted) return;
      x = e.clientX;
      y = e.clientY;
      if (!queued) {
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          onFrame(x, y);
        });
      }
    },
    { passive: true, signal },
  );
}

/** Reports when the annotation under the pointer changes. */
export function watchHover({ set, signal, onChange }: HoverOptions): void {
  let last: Annotation | undefined;
  trackPointer(signal, (x, y) => {
    const a = set.items.length ? timed('hover', () => annotationAt(set, x, y)) : undefined;
    if (a !== last) {
      last = a;
      onChange(a);
    }
  });
}
