/**
 * Test-only harness for the W3C Web Annotation test suite
 * (/work/shared/corpus/web-annotation, w3c/web-annotation-tests at adedd9a5,
 * W3C test suite licence or BSD-3, see its license.md): compiles the suite's
 * assertion schemas (annotations/, collections/), which are built from the
 * JSON Schemas in definitions/, with Ajv (draft-04). Ajv compiles schemas to
 * code with `new Function`, so it is used in tests only, never in the extension.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { CORPUS } from '../anchoring/html-text';

export const SUITE = resolve(CORPUS, 'web-annotation');

interface Assertion {
  file: string;
  assertionType: 'must' | 'should' | 'may';
  expectedResult: 'valid' | 'invalid';
  errorMessage?: string;
  validate: ValidateFunction;
}

let ajv: Ajv | undefined;

function getAjv(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  addFormats(ajv);
  const defs = resolve(SUITE, 'definitions');
  for (const f of readdirSync(defs).filter((n) => n.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(resolve(defs, f), 'utf8')) as object);
  }
  return ajv;
}

const cache = new Map<string, Assertion[]>();

/** The assertions listed in a suite .test file, e.g. 'annotations/annotationMusts.test'. */
export function assertions(testFile: string): Assertion[] {
  const cached = cache.get(testFile);
  if (cached) return cached;
  const a = getAjv();
  const list = (JSON.parse(readFileSync(resolve(SUITE, testFile), 'utf8')) as { assertions: string[] })
    .assertions;
  const out = list.map((file) => {
    const schema = JSON.parse(readFileSync(resolve(SUITE, file), 'utf8')) as Record<string, unknown>;
    const validate = a.getSchema(String(schema.id)) ?? a.compile(schema);
    return {
      file,
      assertionType: schema.assertionType as Assertion['assertionType'],
      expectedResult: schema.expectedResult as Assertion['expectedResult'],
      errorMessage: schema.errorMessage as string | undefined,
      validate,
    };
  });
  cache.set(testFile, out);
  return out;
}

/** Assertions of `testFile` that `json` fails (result differs from the expected one). */
export function failures(testFile: string, json: unknown): string[] {
  return assertions(testFile)
    .filter((as) => as.validate(json) !== (as.expectedResult === 'valid'))
    .map((as) => `${as.file}: ${as.errorMessage ?? ''}`);
}

export function sampleNames(kind: 'correct' | 'incorrect'): string[] {
  return readdirSync(resolve(SUITE, 'tools/samples', kind))
    .filter((n) => n.endsWith('.json'))
    .sort();
}

export function sampleText(kind: 'correct' | 'incorrect', name: string): string {
  return readFileSync(resolve(SUITE, 'tools/samples', kind, name), 'utf8');
}

/** Parse leniently (trailing commas removed) to look past JSON syntax at what a sample means. */
export function lenientParse(text: string): unknown {
  return JSON.parse(text.replace(/,(\s*[}\]])/g, '$1'));
}
