/**
 * The content script: collect the page's visible text, ask the background for
 * matches, paint them, and show cards on hover or from the keyboard.
 */
import { browser } from 'wxt/browser';
import { listen, send } from '../messaging/client';
import type { PageSummary } from '../messaging/protocol';
import { type Annotation, AnnotationSet, paint, unpaint } from './annotations';
import { badgeReporter } from './badge';
import { createCardUi } from './card-ui';
import { keepErrorsFromConsole } from './errors';
import { watchNavigation } from './navigation';
import { createGlossRoot, HOST_NAME } from './shadow-host';
import { watchHover } from './hover';
import { type Bindings, bindingsFrom, DEFAULT_BINDINGS, listenShortcuts } from './keyboard';
import { SelectionAdder } from './adder';
import { NotesLayer } from './notes';
import { PageReader } from './page-reader';
import { pageLoaded } from './page-loaded';
import { markPainted, pageStats } from './timing';

const OPEN_DELAY_MS = 250;
const CLOSE_DELAY_MS = 300;

/** How often Gloss checks that the extension is still there (an update or uninstall orphans this script). */
const ALIVE_CHECK_MS = 2000;

/**
 * Starts Gloss in this document. Nothing here listens to what the page can post
 * or dispatch: no WXT content-script context (its start-up `postMessage` and
 * document event leak the extension id and let a page switch Gloss off); the
 * background's per-document flag (background/injection.ts) keeps Gloss to one
 * copy per document, and Gloss stops itself when the extension goes away.
 */
export async function startContent(): Promise<void> {
  const host = location.hostname;
  const set = new AnnotationSet();
  const controller = new AbortController();
  const { signal } = controller;
  signal.addEventListener('abort', () => unpaint());
  keepErrorsFromConsole(new URL(browser.runtime.getURL('/')).origin, signal);
  const alive = setInterval(() => {
    try {
      if (browser.runtime?.id == null) controller.abort();
    } catch {
      // Firefox: the extension's objects are dead once it is gone.
      controller.abort();
    }
  }, ALIVE_CHECK_MS);
  signal.addEventListener('abort', () => clearInterval(alive));

  // The background injects Gloss after the load event (background/injection.ts); on its deadline path, wait a little more.
  await pageLoaded();
  const site = await send('site/get', { host });
  let paused = site.paused;
  let pointerInCard = false;
  let hovered: Annotation | undefined;
  let focusIndex = -1;
  let returnFocus: Element | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const root = createGlossRoot(signal);
  const card = createCardUi(root, (inside) => {
    pointerInCard = inside;
    if (!inside) schedule();
  });

  const closeCard = () => {
    card.close();
    focusIndex = -1;
    paint(set);
  };

  // One timer decides what the card shows after the pointer settles.
  const schedule = () => {
    clearTimeout(timer);
    const target = hovered;
    timer = setTimeout(
      () => {
        if (target) {
          if (card.openAnnotation !== target) card.open(target, set);
        } else if (!pointerInCard && card.openAnnotation && focusIndex < 0) closeCard();
      },
      target ? OPEN_DELAY_MS : CLOSE_DELAY_MS,
    );
  };

  // The reader's notes: anchored, painted and hovered by their own layer (content/notes.tsx).
  const notes = new NotesLayer({ root, set, signal, isOwn: (el) => el.tagName.toLowerCase() === HOST_NAME });

  const reportCount = badgeReporter(signal);
  const found = () => {
    const s = summarise(set, paused);
    reportCount(paused ? 0 : s.entities.length + s.claims.length);
  };
  // The note button at the reader's selection, and its composer (content/adder.tsx).
  const adder = new SelectionAdder({
    host: root.host,
    parent: root.adderLayer,
    signal,
    describe: (range) => notes.describeRange(range),
    pageUrl: () => notes.key(),
    knownPageUrl: () => notes.currentKey,
    onSaved: () => notes.refresh(),
    paused: () => paused,
  });

  const reader = new PageReader({
    set,
    signal,
    isOwn: (el) => el.tagName.toLowerCase() === HOST_NAME,
    onChange() {
      if (paused) return;
      notes.annotationsChanged();
      if (card.openAnnotation && !set.items.includes(card.openAnnotation)) closeCard();
      else paint(set, focusIndex >= 0 ? card.openAnnotation : undefined);
      if (set.items.length) markPainted();
      found();
    },
  });

  const run = async () => {
    if (paused) return;
    await reader.readAll();
    if (!paused) reader.observe();
  };

  const stop = () => {
    reader.stop();
    closeCard();
    set.clear();
    unpaint();
    found();
  };

  // Single-page navigation (History API): the article changed, start over once it settles.
  watchNavigation({ signal, onLeave: () => void (card.openAnnotation && closeCard()), onArrive: () => void run() });

  let lastKeyMove = 0;
  const markKeyMove = () => ((lastKeyMove = Date.now()), true);
  const move = (direction: 1 | -1): boolean => {
    const items = set.painted;
    if (!items.length) return false;
    if (focusIndex < 0 && !card.openAnnotation) returnFocus = document.activeElement;
    focusIndex = (focusIndex + direction + items.length) % items.length;
    reveal(items[focusIndex]!);
    return true;
  };

  const reveal = (a: Annotation) => {
    focusIndex = Math.max(0, set.painted.indexOf(a));
    const rect = a.range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > innerHeight) window.scrollBy({ top: rect.top - innerHeight / 3, behavior: 'instant' });
    paint(set, a);
    card.open(a, set, { focus: true });
  };

  watchHover({
    set,
    signal,
    onChange(a) {
      hovered = a;
      schedule();
    },
  });

  // The in-page keys follow the reader's bindings of the browser commands (defaults until the answer comes).
  let bindings: Bindings = DEFAULT_BINDINGS;
  void send('page/shortcuts', {}).then((shortcuts) => (bindings = bindingsFrom(shortcuts)), () => undefined);
  listenShortcuts(
    window,
    {
      next: () => !paused && move(1) && markKeyMove(),
      previous: () => !paused && move(-1) && markKeyMove(),
      addNote: () => adder.compose(),
      escape: () => {
        if (card.openAnnotation) {
          const wasKeyboard = focusIndex >= 0;
          closeCard();
          if (wasKeyboard && returnFocus instanceof HTMLElement) returnFocus.focus();
          return true;
        }
        if (!notes.openNoteId) return false;
        notes.close();
        return true;
      },
    },
    signal,
    () => bindings,
  );

  listen('content', {
    'page/summary': (): PageSummary => summarise(set, paused),
    'page/reveal': ({ key }) => {
      const a = set.firstWithKey(key);
      if (a) reveal(a);
      return { ok: !!a };
    },
    // The browser command and the in-page key may both see one key press.
    'page/stats': () => ({ ...pageStats(), adder: adder.timings }),
    'notes/compose': () => ({ ok: adder.compose() }),
    'site/adder': ({ on }) => (adder.setEnabled(on), { ok: true }),
    'page/next': ({ direction }) => ({ ok: Date.now() - lastKeyMove < 200 || move(direction) }),
    'page/rematch': () => (void run(), { ok: true }),
    // The background tells us when the reader pauses or resumes this site: a content script never reads Gloss's storage.
    'site/paused': ({ paused: now }) => {
      if (now !== paused) {
        paused = now;
        if (paused) stop();
        else void run();
      }
      return { ok: true };
    },
  });

  void notes.start();
  adder.start(site.adder !== false);
  await run();
}

function summarise(set: AnnotationSet, paused: boolean): PageSummary {
  const counts = new Map<string, number>();
  for (const a of set.items) if (a.kind === 'entity') counts.set(a.keys[0]!, (counts.get(a.keys[0]!) ?? 0) + 1);
  const entities = [...counts].flatMap(([key, count]) => {
    const e = set.entityCards.get(key);
    return e ? [{ key, name: e.name, type: e.type, count }] : [];
  });
  const claimKeys = new Set(set.items.filter((a) => a.kind === 'claim').map((a) => a.keys[0]!));
  const claims = [...claimKeys].flatMap((key) => {
    const c = set.claimCards.get(key);
    return c ? [{ key, text: c.text, verdict: c.verdict, verdictLabel: c.verdictLabel }] : [];
  });
  return { paused, entities, claims };
}
