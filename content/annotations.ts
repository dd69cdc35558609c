/**
 * The annotations on the page (entity mentions, claims) and their highlights.
 * Painting uses the CSS Custom Highlight API: ranges only, no DOM changes.
 */
import type { ClaimCard, EntityCard, MatchReply } from '../messaging/protocol';
import { type PageText, toLiveRange } from '../page-text/collect';

export type AnnotationKind = 'entity' | 'claim';

export interface Annotation {
  id: string;
  kind: AnnotationKind;
  /** Record keys, most likely first. */
  keys: string[];
  start: number;
  end: number;
  range: Range;
  /** The text as matched; a range whose text no longer reads so was edited away. */
  text: string;
  /** Painted and reachable from the keyboard; unpainted mentions still open a card on hover. */
  painted: boolean;
  confidence?: number;
  sharedTerms?: string[];
}

export const HIGHLIGHT_NAMES: Record<AnnotationKind | 'focus', string> = {
  entity: 'gloss-entity',
  claim: 'gloss-claim',
  focus: 'gloss-focus',
};

export class AnnotationSet {
  readonly items: Annotation[] = [];
  readonly entityCards = new Map<string, EntityCard>();
  readonly claimCards = new Map<string, ClaimCard>();
  private allMentions = false;

  /** Add the hits for one piece of page text (the whole article, or content that just appeared). */
  add(page: PageText, reply: MatchReply): void {
    for (const [k, v] of Object.entries(reply.entityCards)) this.entityCards.set(k, v);
    for (const [k, v] of Object.entries(reply.claimCards)) this.claimCards.set(k, v);
    this.allMentions = reply.allMentions;
    const added: Annotation[] = [];
    const push = (kind: AnnotationKind, hit: { start: number; end: number; keys: string[]; confidence?: number; sharedTerms?: string[] }) => {
      // Checked against the live text: the page may have changed it while Gloss was matching.
      const range = toLiveRange(page, hit.start, hit.end);
      if (!range || range.collapsed) return;
      const { start, end, keys, confidence, sharedTerms } = hit;
      added.push({ id: `${kind}:${nextId++}`, kind, range, text: range.toString(), start, end, keys, confidence, sharedTerms, painted: true });
    };
    reply.entities.forEach((h) => push('entity', h));
    reply.claims.forEach((h) => push('claim', h));
    // Within one piece of text, offsets give document order; merging with what is
    // already there needs DOM comparisons only along the merge.
    added.sort((a, b) => a.start - b.start);
    // Ranges whose text left the document cannot be compared with live ones (WrongDocumentError).
    this.dropDetached();
    const merged = mergeInDocumentOrder(this.items, added);
    this.items.splice(0, this.items.length, ...merged);
    this.settle();
  }

  clear(): void {
    this.items.length = 0;
    this.entityCards.clear();
    this.claimCards.clear();
  }

  private dropDetached(): void {
    const kept = this.items.filter((a) => a.range.startContainer.isConnected && a.range.endContainer.isConnected);
    if (kept.length !== this.items.length) this.items.splice(0, this.items.length, ...kept);
  }

  /** Drop annotations whose text was removed or changed; true when any went. */
  prune(): boolean {
    const before = this.items.length;
    const kept = this.items.filter((a) => a.range.startContainer.isConnected && a.range.endContainer.isConnected && !a.range.collapsed && a.range.toString() === a.text);
    if (kept.length === before) return false;
    this.items.splice(0, before, ...kept);
    this.settle();
    return true;
  }

  /** Drop the annotations inside an element that is about to be read again. */
  dropWithin(scope: Node): void {
    const kept = this.items.filter((a) => !scope.contains(a.range.commonAncestorContainer));
    this.items.splice(0, this.items.length, ...kept);
  }

  /** Quiet by default: only an entity's first mention (in document order) is painted. */
  private settle(): void {
    const seen = new Set<string>();
    for (const a of this.items) {
      const first = a.keys[0]!;
      a.painted = a.kind !== 'entity' || this.allMentions || !seen.has(first);
      seen.add(first);
    }
  }

  /** The annotation under a DOM point, preferring the narrowest (an entity inside a claim). */
  at(node: Node, offset: number): Annotation | undefined {
    let best: Annotation | undefined;
    for (const a of this.items) {
      if (!inRange(a.range, node, offset)) continue;
      if (!best || a.text.length < best.text.length) best = a;
    }
    return best;
  }

  firstWithKey(key: string): Annotation | undefined {
    return this.items.find((a) => a.keys.includes(key));
  }

  /** The painted annotations, in document order: what the keyboard moves through. */
  get painted(): Annotation[] {
    return this.items.filter((a) => a.painted);
  }
}

let nextId = 0;

/** isPointInRange, false (not an exception) for a point in another tree. */
function inRange(range: Range, node: Node, offset: number): boolean {
  try {
    return range.isPointInRange(node, offset);
  } catch {
    return false;
  }
}

/** Whether `a` starts no later than `b`; ranges in different trees (one was moved away) never throw. */
function before(a: Range, b: Range): boolean {
  try {
    return a.compareBoundaryPoints(Range.START_TO_START, b) <= 0;
  } catch {
    return true;
  }
}

function mergeInDocumentOrder(a: Annotation[], b: Annotation[]): Annotation[] {
  if (!a.length) return b;
  if (!b.length) return a;
  const out: Annotation[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (before(a[i]!.range, b[j]!.range)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** Paint (or repaint) every annotation; an empty set removes Gloss's highlights. */
export function paint(set: AnnotationSet, focused?: Annotation): void {
  const registry = CSS.highlights;
  for (const kind of ['entity', 'claim'] as const) {
    const ranges = set.items.filter((a) => a.kind === kind && a.painted).map((a) => a.range);
    if (ranges.length) registry.set(HIGHLIGHT_NAMES[kind], new Highlight(...ranges));
    else registry.delete(HIGHLIGHT_NAMES[kind]);
  }
  if (focused) {
    const focus = new Highlight(focused.range);
    focus.priority = 1;
    registry.set(HIGHLIGHT_NAMES.focus, focus);
  } else registry.delete(HIGHLIGHT_NAMES.focus);
}

export function unpaint(): void {
  for (const name of Object.values(HIGHLIGHT_NAMES)) CSS.highlights.delete(name);
}
