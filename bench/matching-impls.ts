/**
 * The matchers compared by bench/matching.ts, behind one interface. Each runs
 * in its own child process so that heap figures are its own and a failure at
 * a million aliases (out of memory, too slow) does not stop the run.
 *
 * The Aho-Corasick packages and the RegExp get the aliases and the text
 * lower-cased before timing: they do no normalisation, no word boundaries and
 * no offset mapping, so their scan does strictly less work than Gloss's, whose
 * timing includes all of that.
 */
import { createRequire } from 'node:module';
import { EntityMatcher, type AliasEntry } from '../matching/index.ts';

const require = createRequire(import.meta.url);

export interface Built {
  /** Scan and return the number of matches. */
  scan(text: string): number;
  /** Extra figures (serialised size, load time...). */
  extra?: Record<string, number | string>;
  /** Keep alive whatever holds the memory being measured. */
  hold: unknown;
}

export interface Impl {
  name: string;
  /** Lower-case the text outside the timed scan (the packages cannot fold case themselves). */
  lowerText: boolean;
  build(entries: AliasEntry[]): Built;
}

/**
 * Lower-cased, deduplicated aliases: what a case-insensitive substring matcher
 * would be given. (Not Gloss's folded keys: folding "Å" to "a" would hand them
 * one-letter patterns that match everywhere.)
 */
export function foldedKeys(entries: AliasEntry[]): string[] {
  return [...new Set(entries.map((e) => e.alias.toLowerCase().trim()).filter((k) => k !== ''))];
}

type Ctor<T> = new (...args: never[]) => T;

export const IMPLS: Record<string, Impl> = {
  gloss: {
    name: 'Gloss EntityMatcher',
    lowerText: false,
    build(entries) {
      const m = EntityMatcher.build(entries);
      const bytes = m.serialize();
      // Load is timed over several runs: it is short, and the first includes JIT warm-up.
      const loads: number[] = [];
      let loaded = EntityMatcher.load(bytes);
      for (let r = 0; r < 5; r++) {
        const t = performance.now();
        loaded = EntityMatcher.load(bytes);
        loads.push(performance.now() - t);
      }
      loads.sort((a, b) => a - b);
      return {
        scan: (text) => loaded.match(text).length,
        extra: {
          serializedBytes: bytes.length,
          loadMs: loads[2]!,
          arrayBytes: m.byteSize,
          nodes: m.nodeCount,
        },
        // What the extension keeps: the loaded matcher, i.e. the serialised bytes it views (the built one is dropped).
        hold: loaded,
      };
    },
  },
  '@monyone/aho-corasick': {
    name: '@monyone/aho-corasick',
    lowerText: true,
    build(entries) {
      const { AhoCorasick } = require('@monyone/aho-corasick') as { AhoCorasick: Ctor<{ matchInText(t: string): unknown[] }> };
      const ac = new (AhoCorasick as unknown as new (k: string[]) => { matchInText(t: string): unknown[] })(foldedKeys(entries));
      return { scan: (text) => ac.matchInText(text).length, hold: ac };
    },
  },
  'modern-ahocorasick': {
    name: 'modern-ahocorasick (leftmost-longest)',
    lowerText: true,
    build(entries) {
      const mod = require('modern-ahocorasick') as { default?: unknown };
      const AC = (mod.default ?? mod) as new (k: string[]) => { search(t: string, o: object): unknown[] };
      const ac = new AC(foldedKeys(entries));
      return { scan: (text) => ac.search(text, { strategy: 'leftmost-longest' }).length, hold: ac };
    },
  },
  ahocorasick: {
    name: 'ahocorasick',
    lowerText: true,
    build(entries) {
      const AC = require('ahocorasick') as new (k: string[]) => { search(t: string): unknown[] };
      const ac = new AC(foldedKeys(entries));
      return { scan: (text) => ac.search(text).length, hold: ac };
    },
  },
  'aho-corasick2': {
    name: 'aho-corasick2',
    lowerText: true,
    build(entries) {
      const mod = require('aho-corasick2') as { default?: unknown };
      const AC = (mod.default ?? mod) as new () => {
        add(w: string, d: unknown): void;
        build_fail(): void;
        search(t: string): { count: Record<string, number> };
      };
      const ac = new AC();
      for (const k of foldedKeys(entries)) ac.add(k, k);
      ac.build_fail();
      return {
        scan: (text) => Object.values(ac.search(text).count).reduce((a, b) => a + b, 0),
        hold: ac,
      };
    },
  },
  regexp: {
    name: 'RegExp alternation',
    lowerText: true,
    build(entries) {
      // Longest first so the alternation prefers the longest alias at a position.
      const keys = foldedKeys(entries).sort((a, b) => b.length - a.length);
      const re = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
      re.test('warm up: compile the expression now, inside the timed build');
      return {
        scan: (text) => {
          re.lastIndex = 0;
          let n = 0;
          while (re.exec(text) !== null) n++;
          return n;
        },
        hold: re,
      };
    },
  },
};
