import { EntityMatcher, type AliasEntry } from '../../../matching/index.ts';

/** Build a matcher and return [text, ids] pairs, the form most rule tests assert on. */
export function found(entries: AliasEntry[], text: string): [string, string[]][] {
  return EntityMatcher.build(entries).match(text).map((m) => [m.text, m.entityIds]);
}

export function texts(entries: AliasEntry[], text: string): string[] {
  return EntityMatcher.build(entries).match(text).map((m) => m.text);
}
