/**
 * Single-page navigation is found by polling the URL from Gloss's own world:
 * a page changing its URL in a loop gets at most one re-read per interval, and
 * nothing else (no event a page can dispatch) starts one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchNavigation } from '../../../content/navigation';

describe('watchNavigation', () => {
  let href: string;
  let controller: AbortController;
  const onLeave = vi.fn();
  const onArrive = vi.fn();

  beforeEach(() => {
    vi.useFakeTimers();
    href = 'https://news.example/a';
    controller = new AbortController();
    onLeave.mockClear();
    onArrive.mockClear();
    watchNavigation({ signal: controller.signal, onLeave, onArrive, href: () => href, now: () => Date.now() });
  });
  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
  });

  it('re-reads once the new article settles', () => {
    href = 'https://news.example/b';
    vi.advanceTimersByTime(500);
    expect(onLeave).toHaveBeenCalledTimes(1);
    expect(onArrive).not.toHaveBeenCalled();
    vi.advanceTimersByTime(400);
    expect(onArrive).toHaveBeenCalledTimes(1);
  });

  it('does nothing while the URL stays the same', () => {
    vi.advanceTimersByTime(10_000);
    expect(onLeave).not.toHaveBeenCalled();
    expect(onArrive).not.toHaveBeenCalled();
  });

  it('a URL changed in a loop for 10 s gets at most one re-read every 2 s', () => {
    for (let t = 0; t < 10_000; t += 100) {
      href = `https://news.example/a?spam=${t}`;
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(3000);
    expect(onArrive.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(onArrive.mock.calls.length).toBeLessThanOrEqual(6);
  });

  it('stops when Gloss stops', () => {
    controller.abort();
    href = 'https://news.example/b';
    vi.advanceTimersByTime(5000);
    expect(onLeave).not.toHaveBeenCalled();
  });
});
