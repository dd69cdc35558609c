/**
 * Errors as the reader sees them: what happened, in plain words (naming the source,
 * and the record and field for pack errors), and what to do about it, in the reader's
 * language. The address itself is not repeated: the reader has it in the field or the
 * source's row. Pack errors (the record and field) come from the pack code, shared
 * with the CLI, and stay as they are; everything around them is translated.
 */
import { t, tn, type MessageKey } from '../i18n';
import type { PackError } from '../packs';
import { detectFormat, SourceError } from '../packs';

const MAX_SHOWN = 3;

/** What went wrong with a download, in the reader's words, without the address. */
export function plainFetchProblem(e: unknown): string {
  if (e instanceof SourceError) {
    const s = e.status ?? 0;
    const status = String(s);
    switch (e.code) {
      case 'bad-url':
        return t('errProblemNotHttps');
      case 'http':
        if (s === 404 || s === 410) return t('errProblemNotFound', status);
        if (s === 429) return t('errProblemSlowDown');
        if (s === 401 || s === 403) return t('errProblemRefused', status);
        if (s >= 500) return t('errProblemServer', status);
        return t('errProblemStatus', status);
      case 'insecure-redirect':
        return t('errProblemInsecureRedirect');
      case 'timeout':
        return t('errProblemTimeout');
      case 'too-large':
        return t('errProblemTooLarge');
      case 'network':
        return t('errProblemNetwork');
      case 'aborted':
        return t('errProblemCancelled');
    }
  }
  return e instanceof Error ? e.message.replace(/\.$/, '') : String(e);
}

/** What to do next, for a subscription that was not added. */
function adviceBeforeAdding(e: unknown): MessageKey {
  if (e instanceof SourceError) {
    if (e.code === 'http' && ((e.status ?? 0) >= 500 || e.status === 429)) return 'errTryAgainLater';
    if (e.code === 'timeout') return 'errTryAgainLater';
    if (e.code === 'network') return 'errCheckConnectionRetry';
    if (e.code === 'too-large') return 'errAskSmaller';
    if (e.code === 'insecure-redirect') return 'errAskHttps';
  }
  return 'errCheckLink';
}

/** One line for a subscription whose first download failed: nothing was added. */
export function describeFirstDownloadError(e: unknown): string {
  return t('errNothingAdded', plainFetchProblem(e), t(adviceBeforeAdding(e)));
}

/**
 * What a download that arrived but holds no pack is, in plain words: a web page
 * without fact-checks, or something Gloss does not read. Undefined when it is a pack,
 * feed or JSON with errors of its own (those are listed as they are).
 */
export function contentProblem(text: string, contentType: string | undefined, url: string): string | undefined {
  const { format, value, jsonError } = detectFormat(text, { contentType, url });
  if (format === 'html') return t('errProblemWebPage');
  if (format === undefined && jsonError === undefined && value !== undefined) return t('errProblemOtherJson');
  if (format === undefined && jsonError === undefined) return t('errProblemUnknownFormat');
  return undefined;
}

/** One line for a first download that arrived but could not be used: nothing was added. */
export function describeFirstContent(text: string, contentType: string | undefined, url: string, errors: PackError[]): string {
  const problem = contentProblem(text, contentType, url);
  if (problem) return t('errNothingAdded', problem, t('errFindPackLink'));
  return t('errNothingAdded', firstErrors(errors), t('errAskFixPack'));
}

function firstErrors(errors: PackError[]): string {
  const shown = errors.slice(0, MAX_SHOWN).map((e) => e.message.replace(/\.$/, ''));
  const more = errors.length > MAX_SHOWN ? ` (${tn('moreProblems', errors.length - MAX_SHOWN)})` : '';
  return `${shown.join('; ')}${more}`;
}

/** One line for a failed refresh of a source already listed. */
export function describeFetchError(e: unknown, source: string): string {
  const problem = plainFetchProblem(e);
  const framed = (advice: MessageKey) => t('errSource', source, problem, t(advice));
  if (e instanceof SourceError) {
    switch (e.code) {
      case 'bad-url':
        return t('errSourceOnly', source, problem);
      case 'http':
        if (e.status === 404 || e.status === 410) return framed('errCheckOrRemove');
        if (e.status === 429) {
          return e.retryAfterMs ? t('errSlowDownIn', source, Math.max(1, Math.round(e.retryAfterMs / 60_000))) : t('errSlowDownLater', source);
        }
        if (e.status === 401 || e.status === 403) return framed('errCheckAddress');
        if ((e.status ?? 0) >= 500) return framed('errTryLater');
        return framed('errCheckThenRefresh');
      case 'insecure-redirect':
        return framed('errAskHttps');
      case 'timeout':
        return framed('errTryLater');
      case 'too-large':
        return framed('errAskSmaller');
      case 'network':
        return framed('errConnection');
      case 'aborted':
        return t('errSourceOnly', source, problem);
    }
  }
  return framed('errPressRefresh');
}

/** One message for a pack that failed validation: the first few errors, and the advice. */
export function describePackErrors(errors: PackError[], hadPrevious: boolean, kind: 'url' | 'file' = 'url', problem?: { source: string; what: string }): string {
  const fix = t(kind === 'url' ? 'errFixPack' : 'errFixFile');
  const advice = hadPrevious ? t('errKeptPrevious', fix) : t(kind === 'file' ? 'errNothingImportedFile' : 'errNothingImported', fix);
  return problem ? t('errSource', problem.source, problem.what, advice) : `${firstErrors(errors)}. ${advice}`;
}
