/**
 * This device's hybrid logical clock (sync/hlc.ts), kept in the `meta` table so
 * that stamps keep rising across restarts. Call inside a transaction that
 * includes db.meta, so two writers never hand out the same stamp.
 */
import { isoNow, type Clock } from '../notes/model';
import { Hlc, newDeviceId, type HlcState, type Stamp } from '../sync/hlc';
import { CLOCK_KEY, type GlossDB } from './db';

async function clockState(db: GlossDB): Promise<HlcState> {
  const row = await db.meta.get(CLOCK_KEY);
  if (row) return row.value as HlcState;
  const fresh: HlcState = { device: newDeviceId(), last: null };
  await db.meta.put({ key: CLOCK_KEY, value: fresh });
  return fresh;
}

/** This device's id in clock stamps. */
export async function deviceId(db: GlossDB): Promise<string> {
  return db.transaction('rw', db.meta, async () => (await clockState(db)).device);
}

/**
 * Run `fn` with a function that gives out fresh stamps (each later than the
 * stamp it is given), then save the clock.
 * `now` fixes the wall time (tests); `observed` are stamps just merged in, so
 * later local changes come after them.
 */
export type Tick = (after?: Stamp) => Stamp;

export async function withClock<T>(db: GlossDB, now: Clock, fn: (tick: Tick) => T | Promise<T>, observed: readonly Stamp[] = []): Promise<T> {
  const state = await clockState(db);
  const wall = now === undefined ? Date.now : () => Date.parse(isoNow(now));
  const hlc = new Hlc(state.device, wall, state.last);
  for (const s of observed) hlc.observe(s);
  // `after`: the latest stamp on the note being changed, so the change comes after it even if this clock is behind.
  const out = await fn((after) => {
    if (after) hlc.observe(after);
    return hlc.tick();
  });
  const next = hlc.state();
  if (next.last !== state.last) await db.meta.put({ key: CLOCK_KEY, value: next });
  return out;
}
