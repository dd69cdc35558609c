/**
 * Gloss's one element in the page: `<gloss-ui>`, with no attributes and a
 * closed shadow root. The page cannot reach into a closed root (`shadowRoot`
 * is null for it; query selectors and `elementFromPoint` stop at the host), so
 * it can neither read nor click nor rewrite what Gloss shows there.
 *
 * Inside the root, events the page could have made (`isTrusted` false) are
 * stopped before they reach Gloss's buttons, and the events that carry what the
 * reader types or selects in a card do not bubble out of the root. (A page's
 * capture listeners on `window` still see key events before they reach the
 * host: browsers deliver them there first. Gloss's note editor therefore lives
 * in an extension window as well as in the card.)
 *
 * Styles are part of the script (`?inline`), not a file the page could fetch:
 * the extension exposes no web-accessible resource.
 */
import cardCss from '../components/card.css?inline';
import noteCardCss from '../components/note-card.css?inline';
import { reportError } from './errors';

export const HOST_NAME = 'gloss-ui';

/** Events the page might synthesise to drive Gloss's controls. */
const SHIELDED = [
  'click', 'dblclick', 'auxclick', 'contextmenu',
  'mousedown', 'mouseup', 'mouseover', 'mouseout', 'mouseenter', 'mouseleave', 'mousemove',
  'pointerdown', 'pointerup', 'pointerover', 'pointerout', 'pointerenter', 'pointerleave', 'pointermove',
  'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'paste', 'drop', 'wheel',
] as const;

/** Composed events that carry the reader's typing or selection; they stay inside the root. */
const CONTAINED = [
  'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'textInput',
  'compositionstart', 'compositionupdate', 'compositionend',
  'copy', 'cut', 'paste', 'select', 'selectstart', 'focusin', 'focusout',
] as const;

/** How often Gloss puts its host back after a page removed it. */
const MAX_REATTACH = 10;

const HOST_CSS = `
:host { all: initial !important; display: block !important; position: static !important; }
.marks { position: fixed; inset: 0; pointer-events: none; z-index: 2147483646; overflow: hidden; contain: strict; }
.mark {
  position: fixed; pointer-events: none; box-sizing: border-box;
  background: rgba(60, 200, 120, 0.28); border-bottom: 2px solid rgba(20, 150, 80, 0.95);
  mix-blend-mode: multiply;
}
@media (prefers-color-scheme: dark) { .mark { mix-blend-mode: screen; } }
`;

export interface GlossRoot {
  /** The element in the page's DOM (tag name only, no attributes, closed root). */
  host: HTMLElement;
  /** Gloss's layers inside the closed root. */
  cardLayer: HTMLElement;
  noteLayer: HTMLElement;
  markLayer: HTMLElement;
  /** Whether a node is inside Gloss's root (for the reader's selection). */
  contains(node: Node): boolean;
}

export function createGlossRoot(signal: AbortSignal): GlossRoot {
  const host = document.createElement(HOST_NAME);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `${HOST_CSS}\n${cardCss}\n${noteCardCss}`;
  const layer = (cls: string) => {
    const el = document.createElement('div');
    el.className = cls;
    return el;
  };
  const markLayer = layer('marks');
  markLayer.setAttribute('aria-hidden', 'true');
  const cardLayer = layer('card-layer');
  const noteLayer = layer('note-layer');
  shadow.append(style, markLayer, cardLayer, noteLayer);

  for (const type of SHIELDED) {
    shadow.addEventListener(
      type,
      (e) => {
        if (e.isTrusted) return;
        e.stopImmediatePropagation();
        e.preventDefault();
      },
      { capture: true, signal },
    );
  }
  for (const type of CONTAINED) shadow.addEventListener(type, (e) => e.stopPropagation(), { signal });

  const attach = () => (document.body ?? document.documentElement).append(host);
  attach();
  // A page that removes the host gets it back (a few times: not a fight over the DOM).
  let reattached = 0;
  const watcher = new MutationObserver(() => {
    if (host.isConnected || reattached >= MAX_REATTACH) return;
    reattached++;
    try {
      attach();
    } catch (e) {
      reportError('reattach', e);
    }
  });
  watcher.observe(document.documentElement, { childList: true, subtree: true });
  signal.addEventListener('abort', () => {
    watcher.disconnect();
    host.remove();
  });

  return { host, cardLayer, noteLayer, markLayer, contains: (node) => node === host || shadow.contains(node) };
}
