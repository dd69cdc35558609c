/**
 * The Gloss pack format, version 1, as a Valibot schema. This is the single
 * definition: parsePack validates with it and docs/pack.schema.json is
 * generated from it (packs/write-schema.ts). Valibot was chosen because it
 * validates without `eval`/`new Function` (the extension's CSP forbids them),
 * is tree-shakeable (only the few validators used are bundled) and has an
 * official JSON Schema converter, so the documented schema cannot drift.
 */
import * as v from 'valibot';
import { LIMITS } from './limits.ts';
import { aliasProblem } from './aliases.ts';
import { cleanLine, cleanText, describeType, isHttpUrl, preview } from './sanitize.ts';

type Issue = v.BaseIssue<unknown>;

/** "is required but missing" when absent, otherwise "must be X (got Y)". */
const mustBe = (what: string) => (issue: Issue) =>
  issue.input === undefined ? 'is required but missing' : `must be ${what} (got ${describeType(issue.input)})`;

const tooLong = (max: number) => (issue: Issue) =>
  `is too long: ${(issue.input as { length: number }).length} characters, the limit is ${max}`;

const tooMany = (max: number, what: string) => (issue: Issue) =>
  `has too many ${what}: ${(issue.input as unknown[]).length}, the limit is ${max}`;

/** One line of text: controls removed, whitespace collapsed, trimmed, non-empty, at most `max`. */
function line(max: number, what = 'text') {
  return v.pipe(
    v.string(mustBe(what)),
    v.transform(cleanLine),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, tooLong(max)),
  );
}

/** Longer text that may hold line breaks. `min` 0 allows the empty string. */
function text(max: number, min = 1) {
  return v.pipe(
    v.string(mustBe('text')),
    v.transform(cleanText),
    v.minLength(min, 'must not be empty'),
    v.maxLength(max, tooLong(max)),
  );
}

const HTTP_URL = /^https?:\/\//i;

/** `javascript:…` — the scheme only, so a hostile payload is not echoed back. */
function schemePreview(input: unknown): string {
  const s = String(input);
  const m = /^\s*([a-z][a-z0-9+.-]{0,20}):/i.exec(s);
  return m ? `${m[1]}:…` : preview(s, 30);
}

export const UrlSchema = v.pipe(
  v.string(mustBe('a link')),
  v.transform((s: string) => s.trim()),
  v.maxLength(LIMITS.urlLength, tooLong(LIMITS.urlLength)),
  v.regex(HTTP_URL, (issue) => `only http(s) links are allowed (got '${schemePreview(issue.input)}')`),
  v.check(isHttpUrl, (issue) => `is not a valid absolute link, or holds spaces or control characters (got '${preview(issue.input)}')`),
);

/** Entity and claim ids: ASCII letters, digits and . _ : ~ - ; they become knowledge-base keys. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:~-]*$/;
/** Pack ids: lower-case; used as the source id, so no ':' (the key separator). */
export const PACK_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
/** YYYY-MM-DD, optionally followed by a time (ISO 8601). */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** YYYY, YYYY-MM or YYYY-MM-DD (a fact that does not change: held since then). */
export const SINCE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
/** YYYY-MM-DD or YYYY-MM. */
export const AS_OF_PATTERN = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

const IdSchema = v.pipe(
  v.string(mustBe('text')),
  v.transform(cleanLine),
  v.minLength(1, 'must not be empty'),
  v.maxLength(LIMITS.idLength, tooLong(LIMITS.idLength)),
  v.regex(ID_PATTERN, (issue) => `may hold only letters A-Z, digits and . _ : ~ - (got '${preview(issue.input)}')`),
);

const DateSchema = v.pipe(
  v.string(mustBe('a date')),
  v.transform((s: string) => s.trim()),
  v.regex(DATE_PATTERN, (issue) => `must be a date like 2024-05-31 (got '${preview(issue.input)}')`),
);

export const ENTITY_TYPES = ['person', 'organization', 'place', 'other'] as const;
export const VERDICTS = [
  'accurate',
  'mostly-accurate',
  'mixed',
  'needs-context',
  'mostly-inaccurate',
  'inaccurate',
  'unrated',
] as const;

export const FactSchema = v.object(
  {
    text: text(LIMITS.factTextLength),
    sourceUrl: UrlSchema,
    sourceName: line(LIMITS.labelLength),
    asOf: v.optional(
      v.pipe(
        v.string(mustBe('a date')),
        v.transform((s: string) => s.trim()),
        v.regex(AS_OF_PATTERN, (issue) => `must be a date like 2024-05-31 or 2024-05 (got '${preview(issue.input)}')`),
      ),
    ),
    since: v.optional(
      v.pipe(
        v.string(mustBe('a date')),
        v.transform((s: string) => s.trim()),
        v.regex(SINCE_PATTERN, (issue) => `must be a date like 1845, 1845-05 or 1845-05-23 (got '${preview(issue.input)}')`),
      ),
    ),
  },
  mustBe('an object'),
);

const HttpsUrlSchema = v.pipe(
  UrlSchema,
  v.regex(/^https:\/\//i, (issue) => `must be an https link (got '${schemePreview(issue.input)}')`),
);

export const ImageSchema = v.object(
  {
    url: HttpsUrlSchema,
    credit: line(LIMITS.labelLength),
  },
  mustBe('an object'),
);

/** A name matched in text: long enough, with letters, not a common word (packs/aliases.ts). */
const matchable = v.rawCheck<string>(({ dataset, addIssue }) => {
  if (!dataset.typed) return;
  const problem = aliasProblem(dataset.value);
  if (problem) addIssue({ message: problem });
});

const contextMatchable = v.rawCheck<string>(({ dataset, addIssue }) => {
  if (!dataset.typed) return;
  const problem = aliasProblem(dataset.value, 'context alias');
  if (problem) addIssue({ message: problem });
});

/**
 * An alias: a line, or `{ "alias": "May", "reason": "…" }` to keep a common word
 * the pack's readers need. Either way the knowledge base stores the text.
 */
const AliasSchema = v.union(
  [
    v.pipe(line(LIMITS.aliasLength), matchable),
    v.pipe(
      v.object({ alias: line(LIMITS.aliasLength), reason: line(LIMITS.labelLength) }, mustBe('an object')),
      v.rawCheck(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        const problem = aliasProblem(dataset.value.alias, dataset.value.reason);
        if (problem) addIssue({ message: problem });
      }),
      v.transform((a) => a.alias),
    ),
  ],
  (issue) => {
    // Report the problem of the branch the input was meant for ("'a' is too short…"), not "must be text".
    const meant = typeof issue.input === 'string' ? 'object' : 'string';
    const inner = issue.issues?.find((i) => i.type !== meant) ?? issue.issues?.[0];
    const field = inner?.path?.map((p) => String(p.key)).join('.');
    if (inner) return field ? `${field}: ${inner.message}` : inner.message;
    return `must be a name or { "alias", "reason" } (got ${describeType(issue.input)})`;
  },
);

export const EntitySchema = v.object(
  {
    id: IdSchema,
    type: v.picklist(ENTITY_TYPES, (issue) =>
      issue.input === undefined
        ? 'is required but missing'
        : `must be one of ${ENTITY_TYPES.join(', ')} (got ${describeType(issue.input)})`,
    ),
    name: v.pipe(line(LIMITS.nameLength), matchable),
    aliases: v.optional(
      v.pipe(
        v.array(AliasSchema, mustBe('a list of names')),
        v.maxLength(LIMITS.maxAliases, tooMany(LIMITS.maxAliases, 'aliases')),
      ),
      () => [],
    ),
    contextAliases: v.optional(
      v.pipe(
        // Marked only where the page gives context, so a common word may serve; the length rule still holds.
        v.array(v.pipe(line(LIMITS.aliasLength), contextMatchable), mustBe('a list of names')),
        v.maxLength(LIMITS.maxAliases, tooMany(LIMITS.maxAliases, 'aliases')),
      ),
    ),
    description: v.optional(text(LIMITS.descriptionLength, 0), ''),
    asOf: v.optional(
      v.pipe(
        v.string(mustBe('a date')),
        v.transform((s: string) => s.trim()),
        v.regex(AS_OF_PATTERN, (issue) => `must be a date like 2024-05-31 or 2024-05 (got '${preview(issue.input)}')`),
      ),
    ),
    facts: v.optional(
      v.pipe(v.array(FactSchema, mustBe('a list of facts')), v.maxLength(LIMITS.maxFacts, tooMany(LIMITS.maxFacts, 'facts'))),
      () => [],
    ),
    image: v.optional(ImageSchema),
  },
  mustBe('an object'),
);

export const ClaimSchema = v.object(
  {
    id: IdSchema,
    text: text(LIMITS.claimTextLength),
    quotes: v.optional(
      v.pipe(
        v.array(text(LIMITS.claimTextLength), mustBe('a list of texts')),
        v.maxLength(LIMITS.maxQuotes, tooMany(LIMITS.maxQuotes, 'quotes')),
      ),
    ),
    verdict: v.picklist(VERDICTS, (issue) =>
      issue.input === undefined
        ? 'is required but missing'
        : `must be one of ${VERDICTS.join(', ')} (got ${describeType(issue.input)})`,
    ),
    verdictLabel: line(LIMITS.labelLength),
    explanation: v.optional(text(LIMITS.explanationLength)),
    reviewer: line(LIMITS.labelLength),
    checkedAgainst: v.optional(
      v.pipe(v.array(line(LIMITS.labelLength), mustBe('a list of source names')), v.minLength(1, 'must name at least one source'), v.maxLength(20, tooMany(20, 'sources'))),
    ),
    reviewDate: DateSchema,
    url: UrlSchema,
    claimant: v.optional(line(LIMITS.labelLength)),
  },
  mustBe('an object'),
);

export const PackSchema = v.object(
  {
    format: v.literal('gloss-pack', (issue) =>
      issue.input === undefined ? 'is required but missing' : `must be "gloss-pack" (got ${describeType(issue.input)})`,
    ),
    version: v.literal(1, (issue) =>
      issue.input === undefined
        ? 'is required but missing'
        : `unsupported version ${preview(issue.input)}: this Gloss reads version 1`,
    ),
    id: v.pipe(
      v.string(mustBe('text')),
      v.transform((s: string) => s.trim()),
      v.minLength(1, 'must not be empty'),
      v.maxLength(LIMITS.packIdLength, tooLong(LIMITS.packIdLength)),
      v.regex(PACK_ID_PATTERN, (issue) => `may hold only a-z, 0-9 and . _ - (got '${preview(issue.input)}')`),
    ),
    name: line(LIMITS.nameLength),
    publisher: line(LIMITS.nameLength),
    licence: line(LIMITS.labelLength),
    updated: DateSchema,
    homepage: v.optional(UrlSchema),
    entities: v.optional(
      v.pipe(
        v.array(EntitySchema, mustBe('a list of entities')),
        v.maxLength(LIMITS.maxEntities, tooMany(LIMITS.maxEntities, 'entities')),
      ),
      () => [],
    ),
    claims: v.optional(
      v.pipe(v.array(ClaimSchema, mustBe('a list of claims')), v.maxLength(LIMITS.maxClaims, tooMany(LIMITS.maxClaims, 'claims'))),
      () => [],
    ),
  },
  mustBe('an object'),
);

export type PackOutput = v.InferOutput<typeof PackSchema>;
export type EntityOutput = v.InferOutput<typeof EntitySchema>;
export type ClaimOutput = v.InferOutput<typeof ClaimSchema>;
