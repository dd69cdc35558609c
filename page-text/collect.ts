/**
 * Collects the visible text of a page as one string, with a map back to the DOM.
 * Inline elements join without a break, so "<a>Zohran Mamdani</a> has" reads as
 * one phrase; block boundaries become "\n" so words never run together.
 */

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'HEAD']);
const INLINE = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'KBD', 'MARK', 'Q', 'S', 'SAMP',
  'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR', 'INS', 'DEL', 'LABEL', 'NOBR',
]);

export interface PageText {
  text: string;
  nodes: Text[];
  /** starts[i] is where nodes[i]'s data begins in `text`. */
  starts: number[];
  /** Index of each node in `nodes`. */
  index: Map<Text, number>;
}

export interface CollectOptions {
  /** Elements to leave out, e.g. Gloss's own host element. */
  exclude?: (el: Element) => boolean;
  /** Visibility check; defaults to Element.checkVisibility where the browser has it. */
  isVisible?: (el: Element) => boolean;
}

const defaultVisible = (el: Element): boolean =>
  typeof (el as HTMLElement).checkVisibility === 'function'
    ? (el as HTMLElement).checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)
    : true;

/** The nearest ancestor that is not an inline element: text in the same block joins without a break. */
function blockOf(node: Node): Node | null {
  let el = node.parentElement;
  while (el && INLINE.has(el.tagName)) el = el.parentElement;
  return el;
}

/** Collect all at once. */
export function collectText(root: Element, opts: CollectOptions = {}): PageText {
  const steps = collectSteps(root, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How many text nodes a step visits before it lets the caller check the clock. */
const NODES_PER_STEP = 64;

/**
 * Collect in steps: the generator yields every few dozen text nodes, so a caller
 * can pause between steps and keep each main-thread task short on large pages.
 */
export function* collectSteps(root: Element, opts: CollectOptions = {}): Generator<void, PageText> {
  const isVisible = opts.isVisible ?? defaultVisible;
  const verdicts = new Map<Element, boolean>();
  const accept = (el: Element | null): boolean => {
    if (!el) return false;
    const known = verdicts.get(el);
    if (known !== undefined) return known;
    let ok: boolean;
    if (SKIP.has(el.tagName.toUpperCase()) || opts.exclude?.(el)) ok = false;
    else if ((el as HTMLElement).isContentEditable && el.getAttribute('contenteditable') !== null) ok = false;
    else if (el.hasAttribute('hidden')) ok = false;
    else if (el === root) ok = isVisible(el);
    else ok = accept(el.parentElement) && isVisible(el);
    verdicts.set(el, ok);
    return ok;
  };

  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 0x4 /* NodeFilter.SHOW_TEXT */);
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  let lastBlock: Node | null = null;
  let visited = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (++visited % NODES_PER_STEP === 0) yield;
    const node = n as Text;
    const data = node.data;
    if (!data || !accept(node.parentElement)) continue;
    const block = blockOf(node);
    if (nodes.length > 0 && block !== lastBlock) {
      parts.push('\n');
      length += 1;
    }
    lastBlock = block;
    nodes.push(node);
    starts.push(length);
    parts.push(data);
    length += data.length;
  }
  return { text: parts.join(''), nodes, starts, index: new Map(nodes.map((n, i) => [n, i])) };
}

/** The text node and offset at a position in the collected text (-1 when none). */
export function locate(page: PageText, offset: number, preferEnd = false): { node: Text; offset: number } | null {
  const { starts, nodes } = page;
  let lo = 0;
  let hi = starts.length - 1;
  let idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (idx < 0) return null;
  let node = nodes[idx]!;
  let within = offset - starts[idx]!;
  // An end offset at a node's start belongs to the end of the previous node.
  if (preferEnd && within === 0 && idx > 0) {
    node = nodes[idx - 1]!;
    within = node.data.length;
  }
  if (within > node.data.length) within = node.data.length;
  return { node, offset: within };
}

/** A DOM Range for [start, end) of the collected text. */
export function toRange(page: PageText, start: number, end: number): Range | null {
  const a = locate(page, start);
  const b = locate(page, end, true);
  if (!a || !b) return null;
  const range = a.node.ownerDocument.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/** The position in the collected text of a DOM point, or -1 when it is not in collected text. */
export function offsetOf(page: PageText, node: Node, offset: number): number {
  const idx = page.index.get(node as Text);
  return idx === undefined ? -1 : page.starts[idx]! + offset;
}

/**
 * Like `toRange`, but only while the text is as it was collected: null when a
 * node it spans left the document or its characters changed (the page edited
 * them while Gloss was matching), so nothing is painted a character off.
 */
export function toLiveRange(page: PageText, start: number, end: number): Range | null {
  if (end <= start) return null;
  const { starts, nodes, text } = page;
  const first = locate(page, start);
  if (!first) return null;
  const doc = first.node.ownerDocument;
  for (let i = page.index.get(first.node)!; i < nodes.length && starts[i]! < end; i++) {
    const node = nodes[i]!;
    if (!node.isConnected || node.ownerDocument !== doc) return null;
    const from = Math.max(start, starts[i]!) - starts[i]!;
    const to = Math.min(end, starts[i + 1] ?? end) - starts[i]!;
    if (to <= from) continue;
    const expected = text.slice(starts[i]! + from, starts[i]! + to);
    const live = node.data.slice(from, to);
    // The range may run over the line break Gloss put between two blocks.
    if (live !== expected && !(expected.endsWith('\n') && live === expected.slice(0, -1))) return null;
  }
  return toRange(page, start, end);
}
