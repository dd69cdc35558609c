/**
 * The content script: collect the page's visible text, ask the background for
 * matches, paint them, and show cards on hover or from the keyboard.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { listen, send } from '../messaging/client';
import type { PageSummary } from '../messaging/protocol';
import { pausedSites } from '../storage/settings';
import { type Annotation, AnnotationSet, paint, unpaint } from './annotations';
import { badgeReporter } from './badge';
import { createCardUi, HOST_NAME } from './card-ui';
import { watchHover } from './hover';
import { isNextKey } from './keyboard';
import { NotesLayer } from './notes';
import { PageReader } from './page-reader';
import { pageLoaded } from './page-loaded';
import { markPainted, pageStats } from './timing';

const OPEN_DELAY_MS = 250;
const CLOSE_DELAY_MS = 300;

export async function startContent(ctx: ContentScriptContext): Promise<void> {
  const host = location.hostname;
  const set = new AnnotationSet();
  const controller = new AbortController();
  ctx.onInvalidated(() => {
    controller.abort();
    unpaint();
  });
  const { signal } = controller;

  // The background injects Gloss after the load event (background/injection.ts); on its deadline path, wait a little more.
  await pageLoaded();
  let paused = (await send('site/get', { host })).paused;
  let pointerInCard = false;
  let hovered: Annotation | undefined;
  let focusIndex = -1;
  let returnFocus: Element | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const card = await createCardUi(ctx, (inside) => {
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
  const notes = new NotesLayer({ host: card.host, set, signal, isOwn: (el) => el.tagName.toLowerCase() === HOST_NAME });

  const reportCount = badgeReporter(signal);
  const found = () => {
    const s = summarise(set, paused);
    reportCount(paused ? 0 : s.entities.length + s.claims.length);
  };

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
  let navTimer: ReturnType<typeof setTimeout> | undefined;
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    clearTimeout(navTimer);
    closeCard();
    navTimer = setTimeout(() => void run(), 400);
  });

  let lastKeyMove = 0;
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

  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape' && card.openAnnotation) {
        const wasKeyboard = focusIndex >= 0;
        closeCard();
        if (wasKeyboard && returnFocus instanceof HTMLElement) returnFocus.focus();
        return;
      }
      const dir = isNextKey(e);
      if (dir && !paused && move(dir)) {
        lastKeyMove = Date.now();
        e.preventDefault();
      }
    },
    { capture: true, signal },
  );

  listen({
    'page/summary': (): PageSummary => summarise(set, paused),
    'page/reveal': ({ key }) => {
      const a = set.firstWithKey(key);
      if (a) reveal(a);
      return { ok: !!a };
    },
    // The browser command and the in-page key may both see one key press.
    'page/stats': () => pageStats(),
    'page/next': ({ direction }) => ({ ok: Date.now() - lastKeyMove < 200 || move(direction) }),
    'page/rematch': () => (void run(), { ok: true }),
  });

  pausedSites.watch((sites) => {
    const now = (sites ?? []).includes(host);
    if (now === paused) return;
    paused = now;
    if (paused) stop();
    else void run();
  });

  void notes.start();
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
