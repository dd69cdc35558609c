/**
 * Functions evaluated inside the test page. They read what a user would see:
 * the highlight registry, Gloss's card, and the page's own DOM.
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

export function cardText(): string | null {
  const card = document.querySelector('gloss-ui')?.shadowRoot?.querySelector('.card');
  return card ? (card as HTMLElement).innerText : null;
}

export function cardLinks(): string[] {
  const card = document.querySelector('gloss-ui')?.shadowRoot?.querySelector('.card');
  return card ? [...card.querySelectorAll('a')].map((a) => a.href) : [];
}

export function cardRole(): { role: string | null; labelled: string | null; live: string | null } {
  const root = document.querySelector('gloss-ui')?.shadowRoot;
  const card = root?.querySelector('.card');
  return {
    role: card?.getAttribute('role') ?? null,
    labelled: card ? root!.getElementById(card.getAttribute('aria-labelledby') ?? '')?.textContent ?? null : null,
    live: root?.querySelector('[aria-live]')?.textContent ?? null,
  };
}

export function cardInViewport(): boolean {
  const card = document.querySelector('gloss-ui')?.shadowRoot?.querySelector('.card');
  if (!card) return false;
  const r = card.getBoundingClientRect();
  return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight && r.width > 0;
}
