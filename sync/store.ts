/**
 * What the replicator needs from the device's note storage. The extension's is
 * Dexie-backed (background/notes-sync-store.ts); the fault test and the CLI use
 * MemoryStore (sync/memory-store.ts). Pure types and helpers.
 */
import type { Note } from '../notes/types';
import { canonicalJson } from './merge';

/** What a target last knew of one note. */
export interface TargetState {
  rev?: string;
  counter?: number;
  /** sigOf the note as the target holds it. */
  sig: string;
}

export interface RemoteVersion {
  note: Note;
  rev: string;
  counter: number;
}

export interface SyncStore {
  /** Local notes (tombstones included) whose signature differs from what the target holds. */
  pending(target: string): Promise<{ note: Note; state: TargetState | undefined }[]>;
  states(target: string, ids: readonly string[]): Promise<(TargetState | undefined)[]>;
  /**
   * Merge versions read from the target into the local notes, in one
   * transaction, and remember them as what the target holds.
   */
  absorb(target: string, versions: readonly RemoteVersion[]): Promise<void>;
  /** The target now holds exactly these versions (just written). */
  recorded(target: string, versions: readonly RemoteVersion[]): Promise<void>;
  /** Forget what the target held of these notes (their documents were deleted there): they are pushed afresh. */
  forget(target: string, ids: readonly string[]): Promise<void>;
}

/** Notes are replaced, never changed in place, so a note object's signature can be kept. */
const sigCache = new WeakMap<Note, string>();

/** A 64-bit signature of a note's canonical JSON (two 32-bit FNV-1a hashes with different offsets). */
export function sigOf(note: Note): string {
  let sig = sigCache.get(note);
  if (!sig) {
    sig = computeSig(note);
    sigCache.set(note, sig);
  }
  return sig;
}

function computeSig(note: Note): string {
  const s = canonicalJson(note);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}.${s.length}`;
}
