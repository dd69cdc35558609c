import type { OffsetMatch, TextPositionSelector } from './types';

/** Confidence of a position that nothing could verify (no quote to compare with). */
export const UNVERIFIED_POSITION_CONFIDENCE = 0.5;

/** A range of the page text given by character offsets. */
export class TextPositionAnchor {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  static fromOffsets(text: string, start: number, end: number): TextPositionAnchor {
    const s = Math.max(0, Math.min(start, end, text.length));
    const e = Math.max(s, Math.min(Math.max(start, end), text.length));
    return new TextPositionAnchor(s, e);
  }

  static fromSelector(sel: TextPositionSelector): TextPositionAnchor {
    return new TextPositionAnchor(sel.start, sel.end);
  }

  toSelector(): TextPositionSelector {
    return { type: 'TextPositionSelector', start: this.start, end: this.end };
  }

  /**
   * The offsets if they still lie inside `text`. A position alone cannot tell
   * whether the text there is still the noted text, so the confidence is
   * UNVERIFIED_POSITION_CONFIDENCE; `anchor()` verifies it against the quote.
   */
  toOffsets(text: string): OffsetMatch | null {
    if (
      !Number.isInteger(this.start) ||
      !Number.isInteger(this.end) ||
      this.start < 0 ||
      this.end <= this.start ||
      this.end > text.length
    ) {
      return null;
    }
    return {
      start: this.start,
      end: this.end,
      confidence: UNVERIFIED_POSITION_CONFIDENCE,
      method: 'position',
    };
  }
}
