/**
 * Errors as the reader sees them: what happened (naming the source, and the record and
 * field for pack errors) and what to do about it, in the reader's language. The "what
 * happened" part comes from the pack and fetch code (shared with the CLI) and stays in
 * English; the frame and the advice are translated.
 */
import { t, tn, type MessageKey } from '../i18n';
import type { PackError } from '../packs';
import { SourceError } from '../packs';

const MAX_SHOWN = 3;

const framed = (source: string, what: string, advice: MessageKey) => t('errSource', source, what, t(advice));

/** One line for a failed download. */
export function describeFetchError(e: unknown, source: string): string {
  if (e instanceof SourceError) {
    const what = e.message;
    switch (e.code) {
      case 'bad-url':
        return `${what}. ${t('errUseHttps')}`;
      case 'http':
        if (e.status === 404 || e.status === 410) return framed(source, what, 'errCheckOrRemove');
        if (e.status === 429) return e.retryAfterMs ? t('errSlowDownIn', source, Math.max(1, Math.round(e.retryAfterMs / 60_000))) : t('errSlowDownLater', source);
        if (e.status === 401 || e.status === 403) return framed(source, what, 'errRefused');
        if ((e.status ?? 0) >= 500) return framed(source, what, 'errServer');
        return framed(source, what, 'errCheckThenRefresh');
      case 'insecure-redirect':
        return framed(source, what, 'errAskHttps');
      case 'timeout':
        return framed(source, what, 'errTryLater');
      case 'too-large':
        return framed(source, what, 'errAskSmaller');
      case 'network':
        return framed(source, what, 'errConnection');
      case 'aborted':
        return t('errCancelled', source);
    }
  }
  const msg = e instanceof Error ? e.message : String(e);
  return framed(source, msg, 'errPressRefresh');
}

/** One message for a pack that failed validation: the first few errors, and the advice. */
export function describePackErrors(errors: PackError[], hadPrevious: boolean, kind: 'url' | 'file' = 'url'): string {
  const shown = errors.slice(0, MAX_SHOWN).map((e) => e.message.replace(/\.$/, ''));
  const more = errors.length > MAX_SHOWN ? ` ${tn('errMoreProblems', errors.length - MAX_SHOWN)}` : '';
  const fix = t(kind === 'url' ? 'errFixPack' : 'errFixFile');
  const advice = hadPrevious ? t('errKeptPrevious', fix) : t(kind === 'file' ? 'errNothingImportedFile' : 'errNothingImported', fix);
  return `${shown.join('; ')}${more}. ${advice}`;
}
