/**
 * Hard limits for Gloss packs. Documented in docs/pack-format.md; enforced by
 * the schema (packs/schema.ts) and by parsePack. Changing a value here changes
 * docs/pack.schema.json (regenerate with `npx tsx packs/write-schema.ts`).
 */
export const LIMITS = {
  /** Largest pack file accepted, in UTF-8 bytes (64 MiB). */
  maxPackBytes: 64 * 1024 * 1024,
  maxEntities: 1_000_000,
  maxClaims: 1_000_000,
  idLength: 128,
  packIdLength: 64,
  nameLength: 300,
  aliasLength: 300,
  descriptionLength: 2_000,
  factTextLength: 2_000,
  claimTextLength: 2_000,
  explanationLength: 2_000,
  labelLength: 300,
  urlLength: 2_048,
  maxAliases: 100,
  /** Names plus aliases in one pack: the matcher is built from all of them (4M took 22 s and 1.2 GB). */
  maxNames: 1_000_000,
  maxFacts: 50,
  maxQuotes: 50,
  /** parsePack stops collecting errors after this many. */
  maxErrors: 100,
} as const;
