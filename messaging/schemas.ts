/**
 * Building blocks for the payload schemas in `protocol.ts`. Every string and
 * list that crosses the boundary has a cap, so a message from a compromised
 * page context cannot make the background do unbounded work.
 */
import * as v from 'valibot';
import type { Note } from '../notes/types';

export const MAX_BODY = 20_000;
export const MAX_QUOTE = 5_000;
export const MAX_TAGS = 32;
export const MAX_TAG = 64;
export const MAX_URL = 4_096;
export const MAX_IMPORT = 20_000;
/** A page's visible text; far above any article (the corpus's largest page has 216k characters). */
export const MAX_PAGE_TEXT = 5_000_000;
/** A pack file read by the popup (packs/validate.ts caps what is inside it). */
export const MAX_PACK_TEXT = 200_000_000;

/** A string of at most `max` UTF-16 units. */
export const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`));
export const nonEmpty = (max: number) => v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(max, `is longer than ${max} characters`));
export const count = v.pipe(v.number(), v.integer(), v.minValue(0));
export const host = nonEmpty(253);
export const url = nonEmpty(MAX_URL);
export const id = nonEmpty(512);
export const ids = v.pipe(v.array(id), v.maxLength(MAX_IMPORT, `holds more than ${MAX_IMPORT} ids`));
export const tags = v.pipe(v.array(text(MAX_TAG)), v.maxLength(MAX_TAGS, `holds more than ${MAX_TAGS} tags`));
export const empty = v.object({});
/** A page's address and its rel=canonical link as written (the background resolves the key notes are filed under). */
export const pageAddress = v.object({ href: url, canonical: v.optional(text(MAX_URL)) });
/** A note draft's key: `note:<id>` (an edit) or `new:<page URL>#<quote start>` (a new note). */
export const draftKey = v.pipe(nonEmpty(MAX_URL + 512), v.regex(/^(note|new):/, 'is not a draft key'));

const quoteSelector = v.object({
  type: v.literal('TextQuoteSelector'),
  exact: text(MAX_QUOTE),
  prefix: v.optional(text(256)),
  suffix: v.optional(text(256)),
});
const positionSelector = v.pipe(
  v.object({ type: v.literal('TextPositionSelector'), start: count, end: count }),
  v.check((s) => s.end >= s.start, 'a position selector needs start ≤ end'),
);
export const selector = v.union([quoteSelector, positionSelector]);

export const noteTarget = v.variant('kind', [
  v.object({ kind: v.literal('page') }),
  v.object({ kind: v.literal('entity'), entityId: id, entityName: nonEmpty(512) }),
  v.object({ kind: v.literal('text'), quote: text(MAX_QUOTE), selectors: v.pipe(v.array(selector), v.minLength(1, 'a text note needs selectors'), v.maxLength(4)) }),
]);

export const noteInput = v.object({
  pageUrl: url,
  pageTitle: v.optional(text(1000)),
  target: noteTarget,
  body: text(MAX_BODY),
  tags,
});

/**
 * A note record from an import file: here only "an object"; every field is then
 * checked by `checkNote` (background/notes-validate.ts), whose errors name the
 * note ("Note 12: quote is too long") so the reader can fix the file.
 */
export const importedNote = v.custom<Note>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'a note must be an object');

/** The first problem valibot found, in words: "notes/create: body: is longer than 20000 characters". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'malformed';
  const path = issue.path?.map((p) => String(p.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
