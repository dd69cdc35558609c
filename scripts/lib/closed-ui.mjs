// Gloss's UI lives in a closed shadow root that page scripts cannot read; tools and tests
// read it from outside the page through the Chrome DevTools Protocol (Chromium only).

/** @typedef {{ nodeId: number, localName?: string, children?: CdpNode[], shadowRoots?: CdpNode[] }} CdpNode */

/** @param {CdpNode} n @param {(n: CdpNode) => boolean} test @returns {CdpNode | undefined} */
function findNode(n, test) {
  if (test(n)) return n;
  for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
    const found = findNode(c, test);
    if (found) return found;
  }
  return undefined;
}

/**
 * Node ids of the elements matching `selector` inside Gloss's root (none when Gloss is not there).
 * @param {import('playwright-core').CDPSession} session
 * @param {string} selector
 * @returns {Promise<number[]>}
 */
export async function glossNodes(session, selector) {
  const { root } = /** @type {{ root: CdpNode }} */ (await session.send('DOM.getDocument', { depth: -1, pierce: true }));
  const shadow = findNode(root, (n) => n.localName === 'gloss-ui')?.shadowRoots?.[0];
  if (!shadow) return [];
  return (await session.send('DOM.querySelectorAll', { nodeId: shadow.nodeId, selector })).nodeIds;
}

/**
 * Waits until Gloss shows a card on a Playwright page.
 * @param {import('playwright-core').Page} page
 * @param {number} timeoutMs
 */
export async function waitForCard(page, timeoutMs) {
  const session = await page.context().newCDPSession(page);
  const deadline = Date.now() + timeoutMs;
  try {
    while (!(await glossNodes(session, '.card')).length) {
      if (Date.now() > deadline) throw new Error(`No Gloss card within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await session.detach().catch(() => undefined);
  }
}
