// The bundled sample article, as the demo and the store screenshots show it.

/** Opens a card as a reader would: the pointer on the first mention of Zohran Mamdani (a Playwright page). */
export async function hoverFirstMention(page) {
  await page.waitForFunction(() => (CSS.highlights.get('gloss-entity')?.size ?? 0) > 0, undefined, { timeout: 30_000 });
  const point = await page.evaluate(() => {
    const a = document.querySelector('a[href="/topic/zohran-mamdani"]');
    a?.scrollIntoView({ block: 'center' });
    const r = a?.getBoundingClientRect();
    return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
  });
  if (point) await page.mouse.move(point.x, point.y, { steps: 5 });
}
