/**
 * Durability of the reader's notes: ask the browser to keep Gloss's storage
 * (navigator.storage.persist()) and warn when little space is left.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatNumber, t } from '../../i18n';

/** Warn below this much free space, or below this share of the quota. */
export const LOW_SPACE_BYTES = 50 * 1024 * 1024;
export const LOW_SPACE_SHARE = 0.1;

export function isLowOnSpace(estimate: { usage?: number; quota?: number }): boolean {
  if (!estimate.quota) return false;
  const free = estimate.quota - (estimate.usage ?? 0);
  return free < LOW_SPACE_BYTES || free / estimate.quota < LOW_SPACE_SHARE;
}

const mb = (n: number) => formatNumber(Math.max(0, Math.round(n / (1024 * 1024))), { style: 'unit', unit: 'megabyte' });

export function StorageStatus() {
  const [low, setLow] = useState<{ free: number }>();
  useEffect(() => {
    void (async () => {
      const storage = navigator.storage;
      if (!storage) return;
      try {
        if (typeof storage.persisted === 'function' && !(await storage.persisted()) && typeof storage.persist === 'function') await storage.persist();
      } catch {
        /* best effort */
      }
      const estimate = await storage.estimate?.().catch(() => undefined);
      if (estimate && isLowOnSpace(estimate)) setLow({ free: (estimate.quota ?? 0) - (estimate.usage ?? 0) });
    })();
  }, []);
  if (!low) return null;
  return (
    <p class="storage-warning" role="alert" data-testid="storage-warning">
      {t('storageAlmostFull', mb(low.free))}
    </p>
  );
}
