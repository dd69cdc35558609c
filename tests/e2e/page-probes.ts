/**
 * Functions evaluated inside the test page, with no more access than the page's
 * own scripts: the highlight registry (public-pack entities and claims), and the
 * page's own DOM. Gloss's card is read from outside the page (gloss-ui.ts).
 */

/** Installed before the page's scripts: records every DOM mutation after parsing. */
export const RECORD_MUTATIONS = `
  window.__mutations = [];
  document.addEventListener('DOMContentLoaded', () => {
    const name = (n) => n.nodeType === 1 ? n.nodeName.toLowerCase() : '#' + n.nodeType;
    new MutationObserver((list) => {
      for (const m of list) window.__mutations.push({
        type: m.type,
        target: name(m.target),
        inGloss: !!(m.target.closest ? m.target.closest('gloss-ui') : m.target.parentElement && m.target.parentElement.closest('gloss-ui')),
        added: [...m.addedNodes].map(name),
        removed: [...m.removedNodes].map(name),
        attribute: m.attributeName,
      });
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  });
`;

export function highlightTexts(name: string): string[] {
  const h = CSS.highlights.get(name);
  return h ? [...h].map((r) => r.toString()) : [];
}

/** Centre of the first occurrence of `text` inside the element matching `selector`. */
export function textCentre({ selector, text }: { selector: string; text: string }): { x: number; y: number } | null {
  const el = document.querySelector(selector);
  if (!el) return null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.indexOf(text);
    if (i < 0) continue;
    (n.parentElement as Element).scrollIntoView({ block: 'center', behavior: 'instant' });
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + text.length);
    const box = r.getClientRects()[0]!;
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }
  return null;
}

/** What the page's own scripts can learn of Gloss's UI: its root is closed, its host bare. */
export function pageSeesGloss(): { shadowRoot: unknown; attributes: string[]; text: string; childNodes: number } {
  const host = document.querySelector('gloss-ui');
  if (!host) throw new Error('Gloss has no host element on the page');
  return { shadowRoot: host.shadowRoot, attributes: host.getAttributeNames(), text: host.textContent ?? '', childNodes: host.childNodes.length };
}
