/**
 * When URL sources are refreshed. Pure: no browser API, so it is unit-tested directly.
 *
 * - After a successful refresh (new content or "not modified"), the next one is one
 *   interval later (default daily).
 * - After a failure, Gloss retries sooner with backoff (15 min, 30 min, 1 h, …) but never
 *   later than the interval itself.
 * - One periodic alarm (ALARM_PERIOD_MINUTES) wakes the background, which refreshes the
 *   sources whose `nextSync` has passed.
 */
export const DEFAULT_INTERVAL_MINUTES = 24 * 60;
export const INTERVAL_CHOICES: { minutes: number; label: string }[] = [
  { minutes: 60, label: 'Hourly' },
  { minutes: 6 * 60, label: 'Every 6 hours' },
  { minutes: 24 * 60, label: 'Daily' },
  { minutes: 7 * 24 * 60, label: 'Weekly' },
];
export const MIN_INTERVAL_MINUTES = 15;
export const MAX_INTERVAL_MINUTES = 30 * 24 * 60;
export const ALARM_NAME = 'gloss-sources-sync';
export const ALARM_PERIOD_MINUTES = 15;
const RETRY_BASE_MINUTES = 15;

export function clampInterval(minutes: number | undefined): number {
  if (minutes === undefined || !Number.isFinite(minutes)) return DEFAULT_INTERVAL_MINUTES;
  return Math.min(MAX_INTERVAL_MINUTES, Math.max(MIN_INTERVAL_MINUTES, Math.round(minutes)));
}

export type SyncOutcome = 'updated' | 'unchanged' | 'error';

/** When to refresh next, given what just happened. `failures` counts this failure too. */
export function nextSyncAt(now: number, intervalMinutes: number | undefined, outcome: SyncOutcome, failures = 0): number {
  const interval = clampInterval(intervalMinutes);
  if (outcome !== 'error') return now + interval * 60_000;
  const retry = RETRY_BASE_MINUTES * 2 ** Math.max(0, Math.min(failures - 1, 10));
  return now + Math.min(interval, retry) * 60_000;
}

export interface Schedulable {
  id: string;
  kind: 'bundled' | 'url' | 'file';
  url?: string;
  status: 'ok' | 'syncing' | 'error';
  nextSync?: number;
}

/** URL sources due for a refresh now (never-scheduled ones are due). Running ones are skipped by the caller. */
export function dueSources<T extends Schedulable>(rows: T[], now: number): T[] {
  return rows.filter((r) => r.kind === 'url' && !!r.url && r.status !== 'syncing' && (r.nextSync ?? 0) <= now);
}
