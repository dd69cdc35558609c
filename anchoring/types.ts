/**
 * Selector and result types for anchoring notes to page text.
 *
 * Selectors follow the W3C Web Annotation model (TextQuoteSelector,
 * TextPositionSelector) so notes export without translation. Offsets are
 * UTF-16 code unit offsets into the page's visible text as one string (the
 * content script builds that string and maps offsets back to DOM ranges).
 */

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  /** Offset of the first character of the selection. */
  start: number;
  /** Offset just past the last character of the selection. */
  end: number;
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  /** The selected text, exactly as it was on the page. */
  exact: string;
  /** Up to CONTEXT_LENGTH characters before the selection. */
  prefix?: string;
  /** Up to CONTEXT_LENGTH characters after the selection. */
  suffix?: string;
}

export type Selector = TextPositionSelector | TextQuoteSelector;

export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

export interface OffsetMatch {
  start: number;
  end: number;
  /** 0..1; see docs/notes.md for how it is computed. */
  confidence: number;
  method: AnchorMethod;
}

export interface ClosestText {
  start: number;
  end: number;
  text: string;
  /** 0..1 similarity of `text` to the note's quote (1 - edits / quote length). */
  similarity: number;
}

export type OrphanReason =
  | 'no-selectors'
  | 'not-found'
  | 'low-confidence'
  | 'ambiguous';

export type AnchorResult =
  | {
      status: 'anchored';
      start: number;
      end: number;
      method: AnchorMethod;
      confidence: number;
    }
  | {
      status: 'orphan';
      /** Why the note could not be placed (for logs and tests; the UI may ignore it). */
      reason?: OrphanReason;
      closest?: ClosestText;
    };
