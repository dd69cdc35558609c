/** An in-memory SyncStore with its own clock: one simulated device (fault test, `gloss sync`, benchmarks). */
import { createNote, updateNote, type NewNote, type Note, type NotePatch } from '../notes';
import { Hlc } from './hlc';
import { latestStamp, mergeNote } from './merge';
import { sigOf, type RemoteVersion, type SyncStore, type TargetState } from './store';

export class MemoryStore implements SyncStore {
  readonly notes = new Map<string, Note>();
  private readonly state = new Map<string, TargetState>();
  readonly hlc: Hlc;
  constructor(
    readonly device: string,
    readonly now: () => number = Date.now,
  ) {
    this.hlc = new Hlc(device, now);
  }

  add(input: NewNote): Note {
    const n = createNote(input, { now: new Date(this.now()), stamp: this.hlc.tick() });
    this.notes.set(n.id, n);
    return n;
  }

  change(id: string, patch: NotePatch): Note {
    const before = this.notes.get(id);
    if (!before) throw new Error(`no note ${id}`);
    const s = latestStamp(before);
    if (s) this.hlc.observe(s);
    const after = updateNote(before, patch, { now: new Date(this.now()), stamp: this.hlc.tick() });
    this.notes.set(id, after);
    return after;
  }

  async pending(target: string) {
    const out: { note: Note; state: TargetState | undefined }[] = [];
    for (const note of this.notes.values()) {
      const state = this.state.get(`${target}\n${note.id}`);
      if (state?.sig !== sigOf(note)) out.push({ note, state });
    }
    return out;
  }

  async states(target: string, ids: readonly string[]) {
    return ids.map((id) => this.state.get(`${target}\n${id}`));
  }

  async absorb(target: string, versions: readonly RemoteVersion[]) {
    for (const v of versions) {
      const local = this.notes.get(v.note.id);
      this.notes.set(v.note.id, local ? mergeNote(local, v.note) : v.note);
      const s = latestStamp(v.note);
      if (s) this.hlc.observe(s);
      this.state.set(`${target}\n${v.note.id}`, { rev: v.rev, counter: v.counter, sig: sigOf(v.note) });
    }
  }

  async forget(target: string, ids: readonly string[]) {
    for (const id of ids) this.state.delete(`${target}\n${id}`);
  }

  async recorded(target: string, versions: readonly RemoteVersion[]) {
    for (const v of versions) this.state.set(`${target}\n${v.note.id}`, { rev: v.rev, counter: v.counter, sig: sigOf(v.note) });
  }
}
