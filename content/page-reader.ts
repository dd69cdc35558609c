/**
 * Reads the page for matching: all of it on start, then only what changes.
 * New text (infinite scroll, live blogs) is collected and matched as it
 * appears, in batches; annotations whose text is removed are dropped;
 * single-page navigation starts over.
 */
import { send } from '../messaging/client';
import { collectSteps, type PageText } from '../page-text/collect';
import type { AnnotationSet } from './annotations';
import { findArticleRoot, isBoilerplate } from './article-root';
import { runSliced } from './slices';
import { timed } from './timing';

/** How long new content may settle before it is matched, and the longest it may wait. */
const SETTLE_MS = 250;
const MAX_WAIT_MS = 1000;

export interface ReaderOptions {
  set: AnnotationSet;
  /** Elements Gloss itself owns. */
  isOwn(el: Element): boolean;
  /** Called after annotations were added or removed. */
  onChange(): void;
  signal: AbortSignal;
}

export class PageReader {
  private root: Element = document.body;
  private pending = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPending = 0;
  private generation = 0;
  private observer: MutationObserver | undefined;

  constructor(private readonly opts: ReaderOptions) {}

  private exclude = (el: Element) => this.opts.isOwn(el) || (this.root !== document.body && isBoilerplate(el));

  /** Match the whole article (again). */
  async readAll(): Promise<void> {
    const generation = ++this.generation;
    this.pending.clear();
    this.root = timed('find-article', () => findArticleRoot(document));
    const page = await runSliced('collect', collectSteps(this.root, { exclude: this.exclude }));
    if (generation !== this.generation) return;
    const reply = page.text.trim() ? await send('page/match', { text: page.text, url: location.href, lang: declaredLanguage() }) : null;
    if (generation !== this.generation) return;
    timed('apply', () => {
      this.opts.set.clear();
      if (reply) this.opts.set.add(page, reply);
      this.opts.onChange();
    });
  }

  /** Watch for new and removed content until the signal aborts or `stop()`. */
  observe(): void {
    this.observer?.disconnect();
    this.observer = new MutationObserver((records) => timed('mutations', () => this.onMutations(records)));
    this.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    this.opts.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    clearTimeout(this.timer);
    this.pending.clear();
    this.generation++;
  }

  private onMutations(records: MutationRecord[]): void {
    let removed = false;
    for (const r of records) {
      const target = r.target instanceof Element ? r.target : r.target.parentElement;
      if (target && this.insideOwn(target)) continue;
      if (r.type === 'characterData') {
        this.pending.add(r.target);
        removed = true;
        continue;
      }
      if (r.removedNodes.length) removed = true;
      for (const n of r.addedNodes) if (!(n instanceof Element && this.opts.isOwn(n))) this.pending.add(n);
    }
    if (removed && this.opts.set.prune()) this.opts.onChange();
    if (!this.pending.size) return;
    const now = Date.now();
    if (!this.timer) this.firstPending = now;
    clearTimeout(this.timer);
    const wait = Math.min(SETTLE_MS, Math.max(0, this.firstPending + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.readPending();
    }, wait);
  }

  private insideOwn(el: Element): boolean {
    for (let e: Element | null = el; e; e = e.parentElement) if (this.opts.isOwn(e)) return true;
    return false;
  }

  /** Match only the nodes that arrived since the last batch. */
  private async readPending(): Promise<void> {
    const generation = this.generation;
    const roots = outermost([...this.pending].filter((n) => n.isConnected));
    this.pending.clear();
    if (!this.root.isConnected) return this.readAll();
    const pages = await runSliced('collect-new', this.collectPending(roots));
    if (generation !== this.generation) return;
    for (const page of pages) {
      const reply = await send('page/match', { text: page.text, url: location.href, lang: declaredLanguage() });
      if (generation !== this.generation) return;
      timed('apply-new', () => this.opts.set.add(page, reply));
    }
    timed('repaint', () => this.opts.onChange());
  }

  private *collectPending(roots: Node[]): Generator<void, PageText[]> {
    const pages: PageText[] = [];
    for (const node of roots) {
      const el = node instanceof Element ? node : node.parentElement;
      if (!el || !this.root.contains(el) || this.insideExcluded(el)) continue;
      // Text edits re-read their whole block so a name split across the edit is seen.
      const scope = node instanceof Element ? node : (el.closest('p, li, h1, h2, h3, h4, h5, h6, blockquote, td, dd, figcaption') ?? el);
      this.opts.set.dropWithin(scope);
      const page = yield* collectSteps(scope, { exclude: this.exclude });
      if (page.text.trim()) pages.push(page);
    }
    return pages;
  }

  private insideExcluded(el: Element): boolean {
    for (let e: Element | null = el; e && e !== this.root; e = e.parentElement) if (this.exclude(e)) return true;
    return false;
  }
}

/** Drop nodes inside other nodes of the list. */
function outermost(nodes: Node[]): Node[] {
  const set = new Set(nodes);
  return nodes.filter((n) => {
    for (let p = n.parentNode; p; p = p.parentNode) if (set.has(p)) return false;
    return true;
  });
}

/** The page's declared language (<html lang>, else a Content-Language meta): the background matches claims in it. */
function declaredLanguage(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[http-equiv="content-language" i]');
  return (document.documentElement.lang || meta?.content || '').slice(0, 64);
}
