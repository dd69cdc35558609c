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
  /** Clock stamps for merging across devices (sync/merge.ts); absent on notes made before sync. */
  sync?: NoteSync;
}

/** A body version that lost to a concurrent edit on another device (sync/merge.ts). */
export interface BodyVersion {
  body: string;
  /** Hybrid logical clock stamp of the edit (sync/hlc.ts). */
  stamp: string;
  /** The body edits this version had seen, per device. */
  vv: Record<string, string>;
}

/** Text kept beside a note when two devices edited its body at once ("edited on two devices"). */
export interface ConflictCopy {
  stamp: string;
  body: string;
  /** The reader has read it and let it go. */
  dismissed?: boolean;
}

/** Per-field clock stamps and causal history: enough to merge any two versions of a note. */
export interface NoteSync {
  stamps: Record<NoteField | 'pageTitle', string>;
  /** Body edits the current body had seen (its version vector). */
  bodyVV: Record<string, string>;
  /** Concurrent body versions that lost to the current one and are not yet reconciled. */
  others?: BodyVersion[];
  /** All content edits (body, tags, target) merged into this version, per device. */
  edits: Record<string, string>;
  /** The raw delete flag; `deleted` above is false when an edit the delete did not see came in. */
  deleteFlag: boolean;
  /** The content edits the delete had seen. */
  deleteSaw?: Record<string, string>;
  /** Losing bodies kept for the reader. */
  conflicts?: ConflictCopy[];
}
