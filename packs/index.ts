/** Gloss packs: format, validation, importers and source fetching. Pure TypeScript, no browser APIs. */
export { parsePack, validatePack, validateEntity, validateClaim } from './validate.ts';
export type { PackError, PackResult, ParseOptions, RecordResult } from './validate.ts';
export { importSource, detectFormat } from './import.ts';
export type { SourceFormat } from './import.ts';
export type { ImportOptions } from './common.ts';
export { fromClaimReview } from './claimreview.ts';
export { fromWikidata } from './wikidata.ts';
export { fromCsv, parseCsv } from './csv.ts';
export { normaliseRating, verdictFromLabel, VERDICT_SCALE } from './rating.ts';
export type { RatingInput } from './rating.ts';
export { fetchSource, SourceError, checkSourceUrl, retryAfterMs } from './fetch.ts';
export { fromSparql, isSparqlResults } from './sparql.ts';
export type { FetchSourceOptions, FetchSourceResult } from './fetch.ts';
export { mergePacks } from './merge.ts';
export { LIMITS } from './limits.ts';
export { PackSchema, EntitySchema, ClaimSchema, FactSchema } from './schema.ts';
