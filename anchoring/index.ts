export type {
  AnchorMethod,
  AnchorResult,
  ClosestText,
  OffsetMatch,
  OrphanReason,
  Selector,
  TextPositionSelector,
  TextQuoteSelector,
} from './types';
export { TextPositionAnchor, UNVERIFIED_POSITION_CONFIDENCE } from './text-position';
export { TextQuoteAnchor } from './text-quote';
export { CONTEXT_LENGTH, THRESHOLDS, matchQuote, runToEnd } from './match-quote';
export { anchor, anchorSteps } from './anchor';
export { canonicalUrl, isTrackingParam, siteOf, TRACKING_PARAMS } from './url';

import { TextPositionAnchor } from './text-position';
import { TextQuoteAnchor } from './text-quote';
import type { Selector } from './types';

/** The selectors to store for a selection of text[start, end): quote first, then position. */
export function describe(text: string, start: number, end: number): Selector[] {
  return [
    TextQuoteAnchor.fromOffsets(text, start, end).toSelector(),
    TextPositionAnchor.fromOffsets(text, start, end).toSelector(),
  ];
}
