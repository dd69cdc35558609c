/** Builds the JSON Schema of the pack format from the Valibot schema (used by write-schema.ts and its test). */
import { toJsonSchema } from '@valibot/to-json-schema';
import { isHttpUrl } from './sanitize.ts';
import { PackSchema } from './schema.ts';

export function packJsonSchema(): Record<string, unknown> {
  // Transforms (trimming, control-character removal) and the URL host check
  // have no JSON Schema equivalent; they are skipped here and documented.
  const schema = toJsonSchema(PackSchema, {
    errorMode: 'ignore',
    ignoreActions: ['transform'],
    // The link check (absolute http(s) URL with a host) is "format": "uri" plus the https? pattern.
    overrideAction: ({ valibotAction, jsonSchema }) =>
      valibotAction.type === 'check' && (valibotAction as { requirement?: unknown }).requirement === isHttpUrl
        ? { ...jsonSchema, format: 'uri' }
        : jsonSchema,
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://gloss.invalid/pack.schema.json',
    title: 'Gloss knowledge pack, format version 1',
    description:
      'Generated from packs/schema.ts by `npx tsx packs/write-schema.ts`; do not edit by hand. See docs/pack-format.md.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

export function packJsonSchemaText(): string {
  return `${JSON.stringify(packJsonSchema(), null, 2)}\n`;
}
