/**
 * A faithful fake of storage.sync for tests: each device has its own area that
 * enforces Chrome's quotas exactly as Chrome reports them (per item, total,
 * item count, writes per minute and hour; a refused write changes nothing), and
 * a cloud that carries changes to the other devices later, last writer wins per
 * key, firing onChanged there.
 */
import { SYNC_QUOTA, itemBytes, type SyncArea } from '../../../sync/browser-sync';

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;

export class FakeCloud {
  readonly areas: FakeSyncArea[] = [];
  private queue: { from: FakeSyncArea; set: Record<string, unknown>; remove: string[] }[] = [];
  device(now: () => number): FakeSyncArea {
    const a = new FakeSyncArea(this, now);
    this.areas.push(a);
    return a;
  }
  send(from: FakeSyncArea, set: Record<string, unknown>, remove: string[]): void {
    this.queue.push({ from, set: structuredClone(set), remove: [...remove] });
  }
  /** Deliver queued changes (the first `n`, or all) to the other devices. */
  deliver(n = Infinity): void {
    const batch = this.queue.splice(0, n);
    for (const c of batch) for (const a of this.areas) if (a !== c.from) a.receive(c.set, c.remove);
  }
  get pending(): number {
    return this.queue.length;
  }
}

export class FakeSyncArea implements SyncArea {
  data: Record<string, unknown> = {};
  private writes: number[] = [];
  readonly listeners: ((changes: Changes) => void)[] = [];
  constructor(
    private readonly cloud: FakeCloud,
    private readonly now: () => number,
  ) {}

  async get(): Promise<Record<string, unknown>> {
    return structuredClone(this.data);
  }

  private bytes(d: Record<string, unknown>): number {
    return Object.entries(d).reduce((t, [k, v]) => t + itemBytes(k, v), 0);
  }

  private countWrite(): void {
    const t = this.now();
    this.writes = this.writes.filter((w) => w > t - 3_600_000);
    if (this.writes.filter((w) => w > t - 60_000).length >= SYNC_QUOTA.writesPerMinute) throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    if (this.writes.length >= SYNC_QUOTA.writesPerHour) throw new Error('MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded');
    this.writes.push(t);
  }

  async set(items: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(items)) if (itemBytes(k, v) > SYNC_QUOTA.bytesPerItem) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    const next = { ...this.data, ...structuredClone(items) };
    if (this.bytes(next) > SYNC_QUOTA.bytes) throw new Error('QUOTA_BYTES quota exceeded');
    if (Object.keys(next).length > SYNC_QUOTA.maxItems) throw new Error('MAX_ITEMS quota exceeded');
    this.countWrite();
    this.data = next;
    this.cloud.send(this, items, []);
  }

  async remove(keys: string[]): Promise<void> {
    this.countWrite();
    for (const k of keys) delete this.data[k];
    this.cloud.send(this, {}, keys);
  }

  receive(set: Record<string, unknown>, remove: string[]): void {
    const changes: Changes = {};
    for (const [k, v] of Object.entries(set)) {
      changes[k] = { oldValue: this.data[k], newValue: v };
      this.data[k] = structuredClone(v);
    }
    for (const k of remove) {
      if (k in this.data) changes[k] = { oldValue: this.data[k] };
      delete this.data[k];
    }
    for (const l of this.listeners) l(changes);
  }
}
