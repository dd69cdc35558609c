import type { Selector } from '../anchoring/types';

export type { Selector };

/** What a note is attached to. */
export type NoteTarget =
  /** A passage of the page; `quote` is the selected text (also in the TextQuoteSelector). */
  | { kind: 'text'; selectors: Selector[]; quote: string }
  /** The page as a whole. */
  | { kind: 'page' }
  /** An entity of a knowledge pack as it appears on the page. */
  | { kind: 'entity'; entityId: string; entityName: string };

/** Fields whose last change time is kept separately, for a later per-field sync merge. */
export type NoteField = 'body' | 'tags' | 'target' | 'deleted';

export const NOTE_FIELDS: readonly NoteField[] = ['body', 'tags', 'target', 'deleted'];

export interface Note {
  /** Stable identifier, a UUID unless imported with another IRI. */
  id: string;
  /** The page's canonical URL (see canonicalUrl in anchoring/url.ts). */
  pageUrl: string;
  pageTitle?: string;
  target: NoteTarget;
  /** Plain text with simple Markdown (see renderMarkdownSafe). */
  body: string;
  tags: string[];
  /** ISO 8601 date-time. */
  created: string;
  /** ISO 8601 date-time of the last change to any field. */
  updated: string;
  /** ISO 8601 date-time of the last change of each field. */
  fieldUpdated: Record<NoteField, string>;
  /** Tombstone: kept (for sync) but not shown or exported. */
  deleted?: boolean;
}
