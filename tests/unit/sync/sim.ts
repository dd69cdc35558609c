/** A tiny simulation of devices editing one note with skewed clocks, for the merge tests. */
import { createNote, updateNote, type Note, type NotePatch } from '../../../notes';
import { Hlc } from '../../../sync/hlc';
import { latestStamp, mergeNote } from '../../../sync/merge';

export const BASE = Date.parse('2026-11-30T12:00:00.000Z');

export class Device {
  readonly hlc: Hlc;
  note: Note | undefined;
  constructor(
    readonly id: string,
    /** How far this device's clock is off, in ms. */
    readonly skew: number,
    private readonly world: { t: number },
  ) {
    this.hlc = new Hlc(id, () => this.wall());
  }
  wall(): number {
    return BASE + this.world.t + this.skew;
  }
  create(id: string, body: string): Note {
    this.world.t += 1000;
    this.note = createNote({ id, pageUrl: 'https://news.example/a', target: { kind: 'page' }, body }, { now: new Date(this.wall()), stamp: this.hlc.tick() });
    return this.note;
  }
  edit(patch: NotePatch): Note {
    if (!this.note) throw new Error('no note');
    this.world.t += 1000;
    this.note = updateNote(this.note, patch, { now: new Date(this.wall()), stamp: this.hlc.tick() });
    return this.note;
  }
  /** Receive another device's version. */
  receive(other: Note | undefined): void {
    if (!other) return;
    this.note = this.note ? mergeNote(this.note, other) : other;
    const s = latestStamp(other);
    if (s) this.hlc.observe(s);
  }
}
