/**
 * Where the article is. Quiet by default: where an article body can be found,
 * Gloss reads only it, and inside it skips navigation, asides, footers and
 * lists of links.
 */

const BODY_SELECTORS = ['[itemprop="articleBody"]', 'article', '[role="article"]', 'main', '[role="main"]'];
/** An article root must hold at least this much text to be trusted over the whole body. */
const MIN_ARTICLE_CHARS = 400;

export function findArticleRoot(doc: Document): Element {
  for (const selector of BODY_SELECTORS) {
    let best: Element | undefined;
    let bestLength = 0;
    for (const el of doc.querySelectorAll(selector)) {
      const length = el.textContent?.length ?? 0;
      if (length > bestLength) {
        best = el;
        bestLength = length;
      }
    }
    if (best && bestLength >= MIN_ARTICLE_CHARS) return best;
  }
  return doc.body;
}

const BOILERPLATE = new Set(['NAV', 'FOOTER', 'ASIDE']);
const BOILERPLATE_ROLES = new Set(['navigation', 'contentinfo', 'complementary', 'banner', 'search']);

/** Page furniture inside an article root that is not the article's text. */
export function isBoilerplate(el: Element): boolean {
  if (BOILERPLATE.has(el.tagName)) return true;
  const role = el.getAttribute('role');
  if (role && BOILERPLATE_ROLES.has(role)) return true;
  if ((el.tagName === 'UL' || el.tagName === 'OL') && el.children.length >= 3) return isLinkList(el);
  return false;
}

/** A list whose text is almost all links: "Most read", "Related", tag clouds. */
function isLinkList(list: Element): boolean {
  const total = list.textContent?.trim().length ?? 0;
  if (!total) return false;
  let linked = 0;
  for (const a of list.querySelectorAll('a')) linked += a.textContent?.trim().length ?? 0;
  return linked / total > 0.8;
}
