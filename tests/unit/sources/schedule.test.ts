import { describe, expect, it } from 'vitest';
import { clampInterval, DEFAULT_INTERVAL_MINUTES, dueSources, nextSyncAt } from '../../../background/sources-schedule';

const MIN = 60_000;
const now = 1_700_000_000_000;

describe('refresh schedule', () => {
  it('defaults to daily and clamps odd intervals', () => {
    expect(DEFAULT_INTERVAL_MINUTES).toBe(1440);
    expect(clampInterval(undefined)).toBe(1440);
    expect(clampInterval(1)).toBe(15);
    expect(clampInterval(10_000_000)).toBe(30 * 1440);
    expect(clampInterval(Number.NaN)).toBe(1440);
  });

  it('after a success or "not modified" the next refresh is one interval later', () => {
    expect(nextSyncAt(now, undefined, 'updated')).toBe(now + 1440 * MIN);
    expect(nextSyncAt(now, 60, 'unchanged')).toBe(now + 60 * MIN);
  });

  it('after failures it retries sooner, backing off, never later than the interval', () => {
    expect(nextSyncAt(now, 1440, 'error', 1)).toBe(now + 15 * MIN);
    expect(nextSyncAt(now, 1440, 'error', 2)).toBe(now + 30 * MIN);
    expect(nextSyncAt(now, 1440, 'error', 3)).toBe(now + 60 * MIN);
    expect(nextSyncAt(now, 1440, 'error', 20)).toBe(now + 1440 * MIN);
    expect(nextSyncAt(now, 60, 'error', 4)).toBe(now + 60 * MIN);
  });

  it('picks URL sources whose time has come, not running ones, files or the bundled pack', () => {
    const rows = [
      { id: 'due', kind: 'url' as const, url: 'https://a', status: 'ok' as const, nextSync: now - 1 },
      { id: 'never', kind: 'url' as const, url: 'https://b', status: 'error' as const },
      { id: 'later', kind: 'url' as const, url: 'https://c', status: 'ok' as const, nextSync: now + MIN },
      { id: 'running', kind: 'url' as const, url: 'https://d', status: 'syncing' as const, nextSync: 0 },
      { id: 'file', kind: 'file' as const, status: 'ok' as const },
      { id: 'bundled', kind: 'bundled' as const, status: 'ok' as const },
    ];
    expect(dueSources(rows, now).map((r) => r.id)).toEqual(['due', 'never']);
  });
});
