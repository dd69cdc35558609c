/**
 * Errors as the reader sees them: what happened (naming the source, and the record and
 * field for pack errors) and what to do about it.
 */
import type { PackError } from '../packs';
import { SourceError } from '../packs';

const MAX_SHOWN = 3;

/** One line for a failed download. */
export function describeFetchError(e: unknown, source: string): string {
  if (e instanceof SourceError) {
    const what = e.message;
    switch (e.code) {
      case 'bad-url':
        return `${what}. Use an https:// address.`;
      case 'http':
        if (e.status === 404 || e.status === 410) return `Source '${source}': ${what}. Check the address with the publisher, or remove this source.`;
        if (e.status === 429) {
          const wait = e.retryAfterMs ? ` in ${Math.max(1, Math.round(e.retryAfterMs / 60_000))} min` : ' later';
          return `Source '${source}': the server asked Gloss to slow down (HTTP 429). Gloss will try again${wait}; nothing was changed.`;
        }
        if (e.status === 401 || e.status === 403) return `Source '${source}': ${what}. The server refused access; check the address with the publisher.`;
        if ((e.status ?? 0) >= 500) return `Source '${source}': ${what}. The server had a problem; Gloss will try again later, or press Refresh.`;
        return `Source '${source}': ${what}. Check the address, then press Refresh.`;
      case 'insecure-redirect':
        return `Source '${source}': ${what}. Ask the publisher for a working https link.`;
      case 'timeout':
        return `Source '${source}': ${what}. Gloss will try again later, or press Refresh.`;
      case 'too-large':
        return `Source '${source}': ${what}. Ask the publisher for a smaller pack.`;
      case 'network':
        return `Source '${source}': ${what}. Check your connection; Gloss will try again later.`;
      case 'aborted':
        return `Source '${source}': the download was cancelled.`;
    }
  }
  const msg = e instanceof Error ? e.message : String(e);
  return `Source '${source}': ${msg}. Press Refresh to try again.`;
}

/** One message for a pack that failed validation: the first few errors, and the advice. */
export function describePackErrors(errors: PackError[], hadPrevious: boolean, kind: 'url' | 'file' = 'url'): string {
  const shown = errors.slice(0, MAX_SHOWN).map((e) => e.message.replace(/\.$/, ''));
  const more = errors.length > MAX_SHOWN ? ` (and ${errors.length - MAX_SHOWN} more problems)` : '';
  const fix = kind === 'url' ? 'Ask the publisher to fix the pack, then press Refresh.' : 'Fix the file and import it again.';
  const advice = hadPrevious
    ? `Nothing was changed: the previous version is still in use. ${fix}`
    : `Nothing was imported${kind === 'file' ? ' and your sources are unchanged' : ''}. ${fix}`;
  return `${shown.join('; ')}${more}. ${advice}`;
}
