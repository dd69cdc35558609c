import { CONTEXT_LENGTH, matchQuote } from './match-quote';
import type { OffsetMatch, TextQuoteSelector } from './types';

/** A passage identified by its text and up to CONTEXT_LENGTH characters of context each side. */
export class TextQuoteAnchor {
  constructor(
    readonly exact: string,
    readonly prefix: string = '',
    readonly suffix: string = '',
  ) {}

  static fromOffsets(text: string, start: number, end: number): TextQuoteAnchor {
    const s = Math.max(0, Math.min(start, end, text.length));
    const e = Math.max(s, Math.min(Math.max(start, end), text.length));
    return new TextQuoteAnchor(
      text.slice(s, e),
      text.slice(Math.max(0, s - CONTEXT_LENGTH), s),
      text.slice(e, e + CONTEXT_LENGTH),
    );
  }

  static fromSelector(sel: TextQuoteSelector): TextQuoteAnchor {
    return new TextQuoteAnchor(sel.exact, sel.prefix ?? '', sel.suffix ?? '');
  }

  toSelector(): TextQuoteSelector {
    const sel: TextQuoteSelector = { type: 'TextQuoteSelector', exact: this.exact };
    if (this.prefix) sel.prefix = this.prefix;
    if (this.suffix) sel.suffix = this.suffix;
    return sel;
  }

  /**
   * Where the quote is in `text` now: exact (method 'quote') or approximate
   * ('fuzzy'), or null when it is absent, too different, or ambiguous.
   * `hint` is the old start offset, used only to choose between identical passages.
   */
  toOffsets(text: string, hint?: number): OffsetMatch | null {
    const outcome = matchQuote(text, this.toSelector(), hint);
    return outcome.ok ? outcome.match : null;
  }
}
