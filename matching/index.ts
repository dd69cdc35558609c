/**
 * Gloss's matching module: pure TypeScript, no browser API, shared by the
 * extension's background, the CLI and the tests.
 */
export { EntityMatcher, isAcronym } from './entity-matcher.ts';
export type { AliasEntry, EntityMatch, EntityMatcherOptions } from './entity-matcher.ts';
export { QuoteMatcher } from './quote-matcher.ts';
export type { QuoteEntry, QuoteMatch } from './quote-matcher.ts';
export { rankCandidates } from './rank.ts';
export { normalizeText, normalizeKey } from './normalize.ts';
export type { NormalizedText } from './normalize.ts';
export { isWeakAlias, relatedByText, resolveMentions } from './context.ts';
export type { ContextEntity } from './context.ts';
