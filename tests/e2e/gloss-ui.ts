/**
 * What the reader sees of Gloss's UI, read from outside the page: its root is
 * closed, so page script cannot read it (and tests must not read it that way
 * either). The browser's automation protocol can: CDP in Chromium, WebDriver
 * BiDi in Firefox (driver.ts). Tests act with real input, and compare
 * screenshots where what matters is what the reader sees.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from './driver';

const POLL_MS = 100;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rendered text of the first element matching `selector` inside Gloss's root, or null. */
export async function glossText(page: Page, selector: string): Promise<string | null> {
  const [text] = await page.gloss.all(selector, (el) => (el as HTMLElement).innerText);
  return text ?? null;
}

export async function glossCount(page: Page, selector: string): Promise<number> {
  return (await page.gloss.all(selector, () => 1)).length;
}

/** Waits until `selector` shows text that passes `test` (any text when omitted). */
export async function waitForGloss(page: Page, selector: string, test: (text: string) => boolean = () => true, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = await glossText(page, selector);
    if (last !== null && test(last)) return last;
    if (Date.now() > deadline) {
      const shot = join(mkdtempSync(join(tmpdir(), 'gloss-ui-')), 'screen.png');
      await page.screenshot(shot).catch(() => undefined);
      throw new Error(`Gloss's UI never showed ${selector} as expected; last text: ${JSON.stringify(last)} (screenshot: ${shot})`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export async function waitForNoGloss(page: Page, selector: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await glossCount(page, selector)) > 0) {
    if (Date.now() > deadline) throw new Error(`${selector} stayed open in Gloss's UI`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** The viewport box of the first element matching `selector` in Gloss's root. */
export async function glossBox(page: Page, selector: string): Promise<Box | null> {
  const [box] = await page.gloss.all(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  return box ?? null;
}

/** Clicks an element of Gloss's UI with the real mouse, as the reader would. */
export async function clickGloss(page: Page, selector: string): Promise<void> {
  await page.gloss.reveal(selector);
  const box = await glossBox(page, selector);
  if (!box) throw new Error(`No ${selector} in Gloss's UI to click`);
  await page.mouseClick(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * The page text under Gloss's note marks, one string per noted passage (marks
 * on consecutive lines joined): found by asking the page for the caret at the
 * first and last character of the marks, as a reader's eye would read them.
 */
export async function markedTexts(page: Page): Promise<string[]> {
  const boxes = await page.gloss.all('.mark', (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  if (!boxes.length) return [];
  return page.evaluate((bs: Box[]) => {
    const caret = (x: number, y: number) => {
      const d = document as Document & { caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null };
      const p = d.caretPositionFromPoint?.(x, y);
      if (p) return { node: p.offsetNode, offset: p.offset };
      const r = document.caretRangeFromPoint(x, y);
      return r ? { node: r.startContainer, offset: r.startOffset } : null;
    };
    // Group line boxes into passages: a box continues a passage when it starts a line below its last box.
    const groups: Box[][] = [];
    for (const b of bs) {
      const g = groups.at(-1);
      const prev = g?.at(-1);
      const sameLine = !!prev && Math.abs(b.y - prev.y) < 2 && Math.abs(b.x - (prev.x + prev.width)) < 2;
      const nextLine = !!prev && b.y >= prev.y + prev.height - 2 && b.y <= prev.y + prev.height * 2.5 && b.x <= prev.x;
      if (g && (sameLine || nextLine)) g.push(b);
      else groups.push([b]);
    }
    return groups.map((g) => {
      const first = g[0]!;
      const last = g.at(-1)!;
      const a = caret(first.x + 1, first.y + first.height / 2);
      const z = caret(last.x + last.width - 1, last.y + last.height / 2);
      if (!a || !z) return '';
      const r = document.createRange();
      r.setStart(a.node, a.offset);
      r.setEnd(z.node, z.offset);
      return r.toString().replace(/\s+/g, ' ');
    });
  }, boxes);
}

export async function waitForMarks(page: Page, test: (texts: string[]) => boolean, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await markedTexts(page);
    if (test(texts)) return texts;
    if (Date.now() > deadline) throw new Error(`Note marks never matched; they cover ${JSON.stringify(texts)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Waits until a region's pixels differ from (or, with `same`, equal) a reference shot. */
export async function waitForShot(page: Page, clip: Box, reference: string, want: 'differ' | 'same', timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await page.shot(clip);
    if ((now !== reference) === (want === 'differ')) return now;
    if (Date.now() > deadline) {
      const dir = mkdtempSync(join(tmpdir(), 'gloss-shot-'));
      writeFileSync(join(dir, 'reference.png'), Buffer.from(reference, 'base64'));
      writeFileSync(join(dir, 'now.png'), Buffer.from(now, 'base64'));
      expect.fail(`The screen region ${JSON.stringify(clip)} did not ${want === 'differ' ? 'change' : 'return to how it was'} (screenshots in ${dir})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The region looks exactly as in `reference` (screenshots kept for a failure). */
export async function expectSameShot(page: Page, clip: Box, reference: string): Promise<void> {
  const now = await page.shot(clip);
  if (now === reference) return;
  const dir = mkdtempSync(join(tmpdir(), 'gloss-shot-'));
  writeFileSync(join(dir, 'reference.png'), Buffer.from(reference, 'base64'));
  writeFileSync(join(dir, 'now.png'), Buffer.from(now, 'base64'));
  expect.fail(`What the reader sees changed (screenshots in ${dir})`);
}
