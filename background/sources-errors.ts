/**
 * Errors as the reader sees them: what happened, in plain words (naming the source,
 * and the record and field for pack errors), and what to do about it. The address
 * itself is not repeated: the reader has it in the field or the source's row.
 */
import { tn } from '../i18n';
import type { PackError } from '../packs';
import { detectFormat, SourceError } from '../packs';

const MAX_SHOWN = 3;

/** What went wrong with a download, in the reader's words, without the address. */
export function plainFetchProblem(e: unknown): string {
  if (e instanceof SourceError) {
    const s = e.status ?? 0;
    switch (e.code) {
      case 'bad-url':
        return 'This is not an https address. Gloss only subscribes to https links';
      case 'http':
        if (s === 404 || s === 410) return `The server answered ${s}: nothing is at this address`;
        if (s === 429) return 'The server asked Gloss to slow down (429)';
        if (s === 401 || s === 403) return `The server answered ${s}: it refused access to this address`;
        if (s >= 500) return `The server answered ${s}: it had a problem on its side`;
        return `The server answered ${s} instead of the file`;
      case 'insecure-redirect':
        return 'This link forwards to a plain http address, which Gloss does not follow';
      case 'timeout':
        return 'The server took too long to answer';
      case 'too-large':
        return 'The file at this address is larger than Gloss accepts';
      case 'network':
        return 'Gloss could not reach the server';
      case 'aborted':
        return 'The download was cancelled';
    }
  }
  return e instanceof Error ? e.message.replace(/\.$/, '') : String(e);
}

/** What to do next, for a subscription that was not added. */
function adviceBeforeAdding(e: unknown): string {
  if (e instanceof SourceError) {
    if (e.code === 'http' && ((e.status ?? 0) >= 500 || e.status === 429)) return 'Try again later.';
    if (e.code === 'timeout') return 'Try again later.';
    if (e.code === 'network') return 'Check the address and your connection, then try again.';
    if (e.code === 'too-large') return 'Ask the publisher for a smaller pack.';
    if (e.code === 'insecure-redirect') return 'Ask the publisher for a working https link.';
  }
  return 'Check the link with the publisher.';
}

/** One line for a subscription whose first download failed: nothing was added. */
export function describeFirstDownloadError(e: unknown): string {
  return `${plainFetchProblem(e)}. ${adviceBeforeAdding(e)} Nothing was added.`;
}

/**
 * What a download that arrived but holds no pack is, in plain words: a web page
 * without fact-checks, or something Gloss does not read. Undefined when it is a pack,
 * feed or JSON with errors of its own (those are listed as they are).
 */
export function contentProblem(text: string, contentType: string | undefined, url: string): string | undefined {
  const { format, value, jsonError } = detectFormat(text, { contentType, url });
  if (format === 'html') return 'This link is a web page, not a Gloss pack or ClaimReview feed';
  if (format === undefined && jsonError === undefined && value !== undefined) return 'This link returns JSON that is not a Gloss pack, ClaimReview feed or Wikidata data';
  if (format === undefined && jsonError === undefined) return 'This link does not hold a Gloss pack, ClaimReview feed, Wikidata JSON or CSV';
  return undefined;
}

/** One line for a first download that arrived but could not be used: nothing was added. */
export function describeFirstContent(text: string, contentType: string | undefined, url: string, errors: PackError[]): string {
  const problem = contentProblem(text, contentType, url);
  if (problem) return `${problem}. Look for the pack's own link with the publisher. Nothing was added.`;
  return `${firstErrors(errors)}. Ask the publisher to fix the pack. Nothing was added.`;
}

function firstErrors(errors: PackError[]): string {
  const shown = errors.slice(0, MAX_SHOWN).map((e) => e.message.replace(/\.$/, ''));
  const more = errors.length > MAX_SHOWN ? ` (${tn('moreProblems', errors.length - MAX_SHOWN)})` : '';
  return `${shown.join('; ')}${more}`;
}

/** One line for a failed refresh of a source already listed. */
export function describeFetchError(e: unknown, source: string): string {
  const what = `Source '${source}': ${plainFetchProblem(e)}`;
  if (e instanceof SourceError) {
    switch (e.code) {
      case 'bad-url':
        return `${what}.`;
      case 'http':
        if (e.status === 404 || e.status === 410) return `${what}. Check the address with the publisher, or remove this source.`;
        if (e.status === 429) {
          const wait = e.retryAfterMs ? ` in ${Math.max(1, Math.round(e.retryAfterMs / 60_000))} min` : ' later';
          return `${what}. Gloss will try again${wait}; nothing was changed.`;
        }
        if (e.status === 401 || e.status === 403) return `${what}. Check the address with the publisher.`;
        if ((e.status ?? 0) >= 500) return `${what}. Gloss will try again later, or press Refresh.`;
        return `${what}. Check the address, then press Refresh.`;
      case 'insecure-redirect':
        return `${what}. Ask the publisher for a working https link.`;
      case 'timeout':
        return `${what}. Gloss will try again later, or press Refresh.`;
      case 'too-large':
        return `${what}. Ask the publisher for a smaller pack.`;
      case 'network':
        return `${what}. Check your connection; Gloss will try again later.`;
      case 'aborted':
        return `${what}.`;
    }
  }
  return `${what}. Press Refresh to try again.`;
}

/** One message for a pack that failed validation: the first few errors, and the advice. */
export function describePackErrors(errors: PackError[], hadPrevious: boolean, kind: 'url' | 'file' = 'url', problem?: { source: string; what: string }): string {
  const fix = kind === 'url' ? 'Ask the publisher to fix the pack, then press Refresh.' : 'Fix the file and import it again.';
  const advice = hadPrevious
    ? `Nothing was changed: the previous version is still in use. ${fix}`
    : `Nothing was imported${kind === 'file' ? ' and your sources are unchanged' : ''}. ${fix}`;
  return `${problem ? `Source '${problem.source}': ${problem.what}` : firstErrors(errors)}. ${advice}`;
}
