import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCouch, type TestCouch } from '../../../scripts/couch-test-server';
import { lostBecause, runSoak } from '../../../sync/soak';
import { createNote, updateNote } from '../../../notes';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch.close();
});

// The full 1,000 schedules: `gloss sync soak` (README, docs/sync.md). Here a few, to stay quick.
describe('seeded fault test through express-pouchdb', () => {
  for (const devices of [2, 3] as const) {
    it(`${devices} devices with 500s, timeouts, lost answers, 409 storms and stops mid-sync: all converge, no acknowledged edit lost`, async () => {
      const s = await runSoak({ url: couch.url, db: `soak${devices}`, auth: { kind: 'none' }, schedules: 6, seed: 7, devices, faults: true, fetch, iterations: 1000 });
      expect(s.problems).toEqual([]);
      expect(s.lost).toBe(0);
      expect(s.converged).toBe(6);
      expect(s.acknowledged).toBeGreaterThan(20);
      expect(s.faults).toBeGreaterThan(5);
    }, 120_000);
  }

  it('the loss check notices a body edit that vanished', () => {
    const stamp = (ms: number, d: string) => `${ms.toString(36).padStart(10, '0')}-0000-${d}`;
    const n = createNote({ id: 'x', pageUrl: 'https://e.com/', target: { kind: 'page' }, body: 'one' }, { now: new Date(1000), stamp: stamp(1000, 'a') });
    const edited = updateNote(n, { body: 'two' }, { now: new Date(2000), stamp: stamp(2000, 'b') });
    expect(lostBecause(edited, { note: 'x', field: 'body', stamp: stamp(2000, 'b'), value: 'two' })).toBeUndefined();
    // Superseded: b's edit saw a's.
    expect(lostBecause(edited, { note: 'x', field: 'body', stamp: stamp(1000, 'a'), value: 'one' })).toBeUndefined();
    // An edit nobody saw, not in the note: lost.
    expect(lostBecause(edited, { note: 'x', field: 'body', stamp: stamp(1500, 'c'), value: 'three' })).toMatch(/gone/);
    expect(lostBecause(undefined, { note: 'x', field: 'add', stamp: stamp(1, 'a'), value: '' })).toMatch(/missing/);
  });
});
