/**
 * Checks on notes arriving by message (from a content script running in a web
 * page, or from an import file the popup parsed). Anything malformed is
 * rejected with a message; strings and lists are capped.
 */
import type { NoteInput } from '../messaging/protocol';
import { NOTE_FIELDS, type Note, type NoteTarget, type Selector } from '../notes';

import { MAX_BODY, MAX_IMPORT, MAX_QUOTE, MAX_TAG, MAX_TAGS, MAX_URL } from '../messaging/schemas';

export { MAX_BODY, MAX_IMPORT, MAX_QUOTE, MAX_TAG, MAX_TAGS, MAX_URL };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, name: string, max: number): string => {
  if (typeof v !== 'string') throw new Error(`${name} must be text`);
  if (v.length > max) throw new Error(`${name} is too long (${v.length} > ${max} characters)`);
  return v;
};
const iso = (v: unknown, name: string): string => {
  const s = str(v, name, 64);
  if (Number.isNaN(Date.parse(s))) throw new Error(`${name} is not a date`);
  return s;
};

export function checkTags(v: unknown): string[] {
  if (!Array.isArray(v)) throw new Error('tags must be a list');
  if (v.length > MAX_TAGS) throw new Error(`too many tags (${v.length} > ${MAX_TAGS})`);
  return v.map((t, i) => str(t, `tag ${i + 1}`, MAX_TAG));
}

export function checkBody(v: unknown): string {
  return str(v, 'body', MAX_BODY);
}

function checkSelectors(v: unknown): Selector[] {
  if (!Array.isArray(v) || v.length > 4) throw new Error('selectors must be a short list');
  return v.map((s): Selector => {
    if (!isObj(s)) throw new Error('a selector must be an object');
    if (s.type === 'TextQuoteSelector') {
      const q: Selector = { type: 'TextQuoteSelector', exact: str(s.exact, 'quote', MAX_QUOTE) };
      if (s.prefix !== undefined) q.prefix = str(s.prefix, 'prefix', 256);
      if (s.suffix !== undefined) q.suffix = str(s.suffix, 'suffix', 256);
      return q;
    }
    if (s.type === 'TextPositionSelector') {
      const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
      if (!ok(s.start) || !ok(s.end) || s.end < s.start) throw new Error('a position selector needs 0 ≤ start ≤ end');
      return { type: 'TextPositionSelector', start: s.start, end: s.end };
    }
    throw new Error(`unknown selector type ${String(s.type)}`);
  });
}

export function checkTarget(v: unknown): NoteTarget {
  if (!isObj(v)) throw new Error('target must be an object');
  switch (v.kind) {
    case 'page':
      return { kind: 'page' };
    case 'entity':
      return { kind: 'entity', entityId: str(v.entityId, 'entity id', 512), entityName: str(v.entityName, 'entity name', 512) };
    case 'text': {
      const selectors = checkSelectors(v.selectors);
      if (!selectors.length) throw new Error('a text note needs selectors');
      return { kind: 'text', quote: str(v.quote, 'quote', MAX_QUOTE), selectors };
    }
    default:
      throw new Error(`unknown target kind ${String(v.kind)}`);
  }
}

/** Notes belong to web pages: an absolute http(s) URL (an import could carry `javascript:` or `data:`, which the popup would link to). */
export function checkPageUrl(v: unknown): string {
  const s = str(v, 'page URL', MAX_URL);
  if (!s) throw new Error('page URL is empty');
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new Error('page URL is not an absolute address');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`page URL must be an http(s) address (got ${u.protocol.slice(0, 20)})`);
  return s;
}

export function checkInput(v: unknown): NoteInput {
  if (!isObj(v)) throw new Error('a note must be an object');
  const input: NoteInput = {
    pageUrl: checkPageUrl(v.pageUrl),
    target: checkTarget(v.target),
    body: checkBody(v.body ?? ''),
    tags: checkTags(v.tags ?? []),
  };
  if (v.pageTitle !== undefined) input.pageTitle = str(v.pageTitle, 'page title', 1000);
  return input;
}

/** A whole note record (import): every field checked, nothing else kept. */
export function checkNote(v: unknown): Note {
  if (!isObj(v)) throw new Error('a note must be an object');
  const input = checkInput(v);
  const id = str(v.id, 'id', 512);
  if (!id) throw new Error('id is empty');
  const fu = isObj(v.fieldUpdated) ? v.fieldUpdated : {};
  const created = iso(v.created, 'created');
  const updated = iso(v.updated, 'updated');
  const note: Note = {
    id,
    pageUrl: input.pageUrl,
    target: input.target,
    body: input.body,
    tags: input.tags,
    created,
    updated,
    fieldUpdated: Object.fromEntries(NOTE_FIELDS.map((f) => [f, fu[f] === undefined ? updated : iso(fu[f], `time of ${f}`)])) as Note['fieldUpdated'],
  };
  if (input.pageTitle) note.pageTitle = input.pageTitle;
  if (v.deleted === true) note.deleted = true;
  return note;
}
