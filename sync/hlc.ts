/**
 * Hybrid logical clock stamps (Kulkarni et al., 2014): wall time + counter +
 * device id, as one string whose plain string order is the clock order.
 *
 * Why not wall time alone: a device whose clock runs behind would lose every
 * merge, and one that runs ahead would win every merge. With an HLC a device
 * that has seen a stamp always stamps its next change later than it, whatever
 * its own clock says, so "later edit wins" follows what the devices saw.
 *
 * Format: `wwwwwwwwww-cccc-device`, wall ms and counter in fixed-width base 36.
 * Pure: no browser APIs.
 */

export type Stamp = string;

const WALL_WIDTH = 10;
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
const DEVICE_RE = /^[a-z0-9_]{1,32}$/;
const STAMP_RE = /^([0-9a-z]{10})-([0-9a-z]{4})-([a-z0-9_]{1,32})$/;

export interface StampParts {
  wall: number;
  counter: number;
  device: string;
}

export function isDeviceId(s: unknown): s is string {
  return typeof s === 'string' && DEVICE_RE.test(s);
}

export function makeStamp(wall: number, counter: number, device: string): Stamp {
  if (!Number.isInteger(wall) || wall < 0 || wall >= 36 ** WALL_WIDTH) throw new RangeError(`stamp wall time out of range: ${wall}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) throw new RangeError(`stamp counter out of range: ${counter}`);
  if (!isDeviceId(device)) throw new RangeError(`bad device id: ${device}`);
  return `${wall.toString(36).padStart(WALL_WIDTH, '0')}-${counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${device}`;
}

export function isStamp(s: unknown): s is Stamp {
  return typeof s === 'string' && STAMP_RE.test(s);
}

export function parseStamp(s: Stamp): StampParts {
  const m = STAMP_RE.exec(s);
  if (!m) throw new RangeError(`not a clock stamp: ${s}`);
  return { wall: parseInt(m[1]!, 36), counter: parseInt(m[2]!, 36), device: m[3]! };
}

export function deviceOf(s: Stamp): string {
  return s.slice(WALL_WIDTH + COUNTER_WIDTH + 2);
}

/** The stamp's wall time as an ISO date (for display and the legacy fieldUpdated times). */
export function stampIso(s: Stamp): string {
  return new Date(parseStamp(s).wall).toISOString();
}

/** A stamp for an ISO time, counter 0: how notes made before sync are migrated. */
export function stampFromIso(iso: string, device: string): Stamp {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`invalid date: ${iso}`);
  return makeStamp(Math.max(0, t), 0, device);
}

export const maxStamp = (a: Stamp, b: Stamp): Stamp => (a > b ? a : b);

/** A random device id (12 base-36 characters). */
export function newDeviceId(random: () => Uint8Array = () => globalThis.crypto.getRandomValues(new Uint8Array(12))): string {
  return Array.from(random().slice(0, 12), (b) => (b % 36).toString(36)).join('');
}

/** The clock's persisted state: the last stamp it gave out or saw. */
export interface HlcState {
  device: string;
  last: Stamp | null;
}

/**
 * One device's clock. `now` returns the device's wall time in ms (possibly wrong).
 * `tick()` stamps a local change; `observe(stamp)` folds in a stamp seen in
 * merged data so the next tick is later than it.
 */
export class Hlc {
  private wall = 0;
  private counter = -1;
  constructor(
    readonly device: string,
    private readonly now: () => number = Date.now,
    last: Stamp | null = null,
  ) {
    if (!isDeviceId(device)) throw new RangeError(`bad device id: ${device}`);
    if (last) this.observe(last);
  }

  tick(): Stamp {
    const now = Math.floor(this.now());
    if (now > this.wall) {
      this.wall = now;
      this.counter = 0;
    } else if (this.counter < MAX_COUNTER) {
      this.counter++;
    } else {
      // Counter exhausted within one millisecond: borrow the next millisecond.
      this.wall++;
      this.counter = 0;
    }
    return makeStamp(this.wall, this.counter, this.device);
  }

  observe(stamp: Stamp): void {
    const { wall, counter } = parseStamp(stamp);
    if (wall > this.wall || (wall === this.wall && counter > this.counter)) {
      this.wall = wall;
      this.counter = counter;
    }
  }

  state(): HlcState {
    return { device: this.device, last: this.counter < 0 ? null : makeStamp(this.wall, this.counter, this.device) };
  }
}

/** Version vector: for each device, its latest stamp that a version includes. */
export type VersionVector = Record<string, Stamp>;

export function vvJoin(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [d, s] of Object.entries(b)) out[d] = out[d] === undefined ? s : maxStamp(out[d], s);
  return sortKeys(out);
}

/** Whether `a` includes every change that `b` includes. */
export function vvCovers(a: VersionVector, b: VersionVector): boolean {
  for (const [d, s] of Object.entries(b)) {
    const mine = a[d];
    if (mine === undefined || mine < s) return false;
  }
  return true;
}

/** Whether the version `a` includes the single change `stamp`. */
export function vvHas(a: VersionVector, stamp: Stamp): boolean {
  const mine = a[deviceOf(stamp)];
  return mine !== undefined && mine >= stamp;
}

export function vvAdd(a: VersionVector, stamp: Stamp): VersionVector {
  return vvJoin(a, { [deviceOf(stamp)]: stamp });
}

function sortKeys(v: VersionVector): VersionVector {
  return Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
