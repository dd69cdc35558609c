import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
/** The shared corpus beside the project checkout. */
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');

export function fixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8');
}

export function examplePack(): Record<string, unknown> {
  return JSON.parse(fixture('packs', 'example.json')) as Record<string, unknown>;
}
