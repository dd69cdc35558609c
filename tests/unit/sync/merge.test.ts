import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Note } from '../../../notes';
import { canonicalJson, conflictCopies, deletionOverridden, mergeNote } from '../../../sync/merge';
import { Device } from './sim';

const DAY = 86_400_000;
const eq = (a: Note, b: Note) => expect(canonicalJson(a)).toBe(canonicalJson(b));

function pair(skewA = 0, skewB = 0) {
  const world = { t: 0 };
  const a = new Device('laptop', skewA, world);
  const b = new Device('phone', skewB, world);
  a.create('n1', 'first draft');
  b.receive(a.note);
  return { a, b };
}

describe('merging two devices’ versions of a note', () => {
  it('keeps concurrent edits to different fields', () => {
    const { a, b } = pair();
    a.edit({ body: 'laptop body' });
    b.edit({ tags: ['phone-tag'] });
    const m = mergeNote(a.note!, b.note!);
    expect(m.body).toBe('laptop body');
    expect(m.tags).toEqual(['phone-tag']);
    expect(conflictCopies(m)).toEqual([]);
  });

  it('keeps the losing text of concurrent body edits as a conflict copy, on both sides', () => {
    const { a, b } = pair();
    a.edit({ body: 'laptop words' });
    b.edit({ body: 'phone words' });
    const ab = mergeNote(a.note!, b.note!);
    eq(ab, mergeNote(b.note!, a.note!));
    expect(ab.body).toBe('phone words'); // the later stamp shows
    expect(conflictCopies(ab).map((c) => c.body)).toEqual(['laptop words']);
  });

  it('keeps the conflict copy after the reader edits the body, until dismissed', () => {
    const { a, b } = pair();
    a.edit({ body: 'laptop words' });
    b.edit({ body: 'phone words' });
    a.receive(b.note);
    a.edit({ body: 'phone words, tidied' });
    expect(conflictCopies(a.note!).map((c) => c.body)).toEqual(['laptop words']);
    b.receive(a.note);
    expect(b.note!.body).toBe('phone words, tidied');
    expect(conflictCopies(b.note!).map((c) => c.body)).toEqual(['laptop words']);
    const copy = conflictCopies(b.note!)[0]!;
    b.edit({ dismissConflicts: [copy.stamp] });
    a.receive(b.note);
    expect(conflictCopies(a.note!)).toEqual([]);
    expect(a.note!.body).toBe('phone words, tidied');
  });

  it('a later edit wins whatever the clocks say: a device a day slow edits after seeing one a day fast', () => {
    const { a, b } = pair(-DAY, +DAY);
    b.edit({ body: 'from the fast clock' });
    a.receive(b.note);
    a.edit({ body: 'from the slow clock, later' });
    b.receive(a.note);
    expect(b.note!.body).toBe('from the slow clock, later');
    expect(conflictCopies(b.note!)).toEqual([]);
  });

  it('a delete concurrent with an edit keeps the edit and says so', () => {
    const { a, b } = pair();
    a.edit({ deleted: true });
    b.edit({ body: 'still useful' });
    const m = mergeNote(a.note!, b.note!);
    expect(m.deleted).toBeUndefined();
    expect(m.body).toBe('still useful');
    expect(deletionOverridden(m)).toBe(true);
    // Deleting again, having seen the edit, deletes.
    a.receive(b.note);
    a.edit({ deleted: true });
    b.receive(a.note);
    expect(b.note!.deleted).toBe(true);
    expect(deletionOverridden(b.note!)).toBe(false);
  });

  it('a delete that saw the edit deletes, even from a device whose clock is behind', () => {
    const { a, b } = pair(-DAY, 0);
    b.edit({ body: 'edited' });
    a.receive(b.note);
    a.edit({ deleted: true });
    expect(mergeNote(b.note!, a.note!).deleted).toBe(true);
  });
});

type Op = { kind: 'edit'; dev: number; body: string } | { kind: 'tag'; dev: number; tag: string } | { kind: 'del'; dev: number; on: boolean } | { kind: 'send'; from: number; to: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), dev: fc.nat(2), body: fc.constantFrom('a', 'b', 'c', 'longer text', '') }),
  fc.record({ kind: fc.constant('tag' as const), dev: fc.nat(2), tag: fc.constantFrom('x', 'y', 'z') }),
  fc.record({ kind: fc.constant('del' as const), dev: fc.nat(2), on: fc.boolean() }),
  fc.record({ kind: fc.constant('send' as const), from: fc.nat(2), to: fc.nat(2) }),
);

/** Run a random history of three devices with skewed clocks; return every version each device held. */
function history(skews: number[], ops: Op[]): Note[] {
  const world = { t: 0 };
  const devs = skews.map((s, i) => new Device(`d${i}`, s, world));
  devs[0]!.create('n1', 'start');
  for (const d of devs.slice(1)) d.receive(devs[0]!.note);
  const seen: Note[] = [devs[0]!.note!];
  for (const o of ops) {
    if (o.kind === 'edit') seen.push(devs[o.dev]!.edit({ body: o.body }));
    else if (o.kind === 'tag') seen.push(devs[o.dev]!.edit({ tags: [o.tag] }));
    else if (o.kind === 'del') seen.push(devs[o.dev]!.edit({ deleted: o.on }));
    else {
      devs[o.to]!.receive(devs[o.from]!.note);
      seen.push(devs[o.to]!.note!);
    }
  }
  return seen;
}

const skews = fc.array(fc.integer({ min: -3 * DAY, max: 3 * DAY }), { minLength: 3, maxLength: 3 });
const scenario = fc.record({ skews, ops: fc.array(op, { maxLength: 25 }), picks: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }) });

function pick(seen: Note[], picks: number[]): [Note, Note, Note] {
  return picks.map((p) => seen[p % seen.length]!) as [Note, Note, Note];
}

describe('merge laws (property tests, clocks up to three days off)', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(scenario, ({ skews: s, ops, picks }) => {
        const [a, b] = pick(history(s, ops), picks);
        return canonicalJson(mergeNote(a, b)) === canonicalJson(mergeNote(b, a));
      }),
      { numRuns: 300 },
    );
  });
  it('is associative', () => {
    fc.assert(
      fc.property(scenario, ({ skews: s, ops, picks }) => {
        const [a, b, c] = pick(history(s, ops), picks);
        return canonicalJson(mergeNote(mergeNote(a, b), c)) === canonicalJson(mergeNote(a, mergeNote(b, c)));
      }),
      { numRuns: 300 },
    );
  });
  it('is idempotent, and merging in an older version changes nothing', () => {
    fc.assert(
      fc.property(scenario, ({ skews: s, ops, picks }) => {
        const [a, b] = pick(history(s, ops), picks);
        const ab = mergeNote(a, b);
        return canonicalJson(mergeNote(a, a)) === canonicalJson(a) && canonicalJson(mergeNote(ab, a)) === canonicalJson(ab);
      }),
      { numRuns: 300 },
    );
  });
  it('never loses a body: every text ever written is the body, a conflict copy, or was replaced by an edit that saw it', () => {
    fc.assert(
      fc.property(skews, fc.array(op, { maxLength: 25 }), (s, ops) => {
        const seen = history(s, ops);
        const all = seen.reduce((x, y) => mergeNote(x, y));
        const kept = new Set([all.body, ...(all.sync?.others ?? []).map((o) => o.body), ...(all.sync?.conflicts ?? []).map((c) => c.body)]);
        for (const v of seen) {
          const st = v.sync!.stamps.body;
          const dev = st.slice(st.lastIndexOf('-') + 1);
          const heads = [{ stamp: all.sync!.stamps.body, vv: all.sync!.bodyVV }, ...(all.sync!.others ?? [])];
          const superseded = heads.some((h) => h.stamp !== st && (h.vv[dev] ?? '') >= st);
          if (!kept.has(v.body) && !superseded) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
