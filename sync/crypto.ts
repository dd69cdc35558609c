/**
 * End-to-end encryption of notes for a sync server, with WebCrypto only
 * (globalThis.crypto.subtle: the extension, Node 20 and the CLI alike).
 *
 * - Key: PBKDF2-SHA-256 over the reader's passphrase, 600,000 iterations (the
 *   OWASP 2023 figure), with a random salt kept in the database's key-check
 *   document so every device derives the same key.
 * - Each write: AES-256-GCM with a fresh random 96-bit nonce.
 * - Associated data: the document id and Gloss's own revision counter, so the
 *   server cannot swap one note's ciphertext into another document or replay an
 *   old one under a newer counter. (CouchDB's `_rev` cannot be used: the new
 *   revision is made by the server on PUT, after the ciphertext was sealed.)
 * - The key-check document holds a known text sealed with the key: a wrong
 *   passphrase fails to open it before anything is written.
 *
 * Pure: no browser APIs beyond WebCrypto.
 */
import type { Note } from '../notes/types';
import { checkSyncedNote } from './validate';

export const PBKDF2_ITERATIONS = 600_000;
/** Never accept a key-check document asking for fewer (a server could weaken the key). */
export const MIN_ITERATIONS = 600_000;
const MAX_ITERATIONS = 10_000_000;
export const KEYCHECK_ID = 'gloss-keycheck';
const KEYCHECK_TEXT = 'gloss notes key check v1';
const MAX_CIPHERTEXT = 400_000;

export class WrongPassphraseError extends Error {
  constructor() {
    super('This passphrase does not open the notes on this server. Check it, or ask whoever set up sync for the right one.');
    this.name = 'WrongPassphraseError';
  }
}

export class BadEnvelopeError extends Error {
  constructor(docId: string, why: string) {
    super(`The server's copy of note ${docId} could not be read (${why}); it was left alone.`);
    this.name = 'BadEnvelopeError';
  }
}

const subtle = (): SubtleCrypto => {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('This browser has no WebCrypto; sync cannot encrypt notes here.');
  return s;
};

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);
const random = (n: number): Uint8Array<ArrayBuffer> => globalThis.crypto.getRandomValues(new Uint8Array(n));

export async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** An encrypted payload as stored in a document. */
export interface Sealed {
  /** Nonce, base64. */
  iv: string;
  /** Ciphertext with the GCM tag, base64. */
  ct: string;
}

async function seal(key: CryptoKey, plaintext: string, ad: string): Promise<Sealed> {
  const iv = random(12);
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: utf8(ad), tagLength: 128 }, key, utf8(plaintext)));
  return { iv: toBase64(iv), ct: toBase64(ct) };
}

async function open(key: CryptoKey, sealed: Sealed, ad: string): Promise<string> {
  const pt = await subtle().decrypt({ name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: utf8(ad), tagLength: 128 }, key, fromBase64(sealed.ct));
  return new TextDecoder().decode(pt);
}

/** The key-check document's body (without _id/_rev). */
export interface KeyCheck extends Sealed {
  v: 1;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
}

export async function newKeyCheck(passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<{ doc: KeyCheck; key: CryptoKey }> {
  if (!passphrase) throw new Error('Choose a passphrase to encrypt your notes.');
  const salt = random(16);
  const key = await deriveKey(passphrase, salt, iterations);
  const sealed = await seal(key, KEYCHECK_TEXT, KEYCHECK_ID);
  return { doc: { v: 1, kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) }, ...sealed }, key };
}

/** The key, if the passphrase opens this key-check document; WrongPassphraseError otherwise. */
export async function openKeyCheck(doc: unknown, passphrase: string, minIterations = MIN_ITERATIONS, cache?: Map<string, CryptoKey>): Promise<CryptoKey> {
  const d = doc as Partial<KeyCheck> | null;
  const it = d?.kdf?.iterations;
  if (!d || d.v !== 1 || d.kdf?.name !== 'PBKDF2' || d.kdf.hash !== 'SHA-256' || typeof d.kdf.salt !== 'string' || typeof d.iv !== 'string' || typeof d.ct !== 'string' || typeof it !== 'number') {
    throw new Error('The server holds a key-check document Gloss does not understand; sync was stopped so nothing is overwritten.');
  }
  if (!Number.isInteger(it) || it < minIterations || it > MAX_ITERATIONS) throw new Error(`The server asks for ${it} key iterations; Gloss accepts ${minIterations} to ${MAX_ITERATIONS}.`);
  // Deriving takes a good fraction of a second on purpose; a cache (keyed by salt, iterations and passphrase) spares repeats.
  const cacheKey = `${d.kdf.salt}\n${it}\n${passphrase}`;
  const key = cache?.get(cacheKey) ?? (await deriveKey(passphrase, fromBase64(d.kdf.salt), it));
  cache?.set(cacheKey, key);
  try {
    if ((await open(key, { iv: d.iv, ct: d.ct }, KEYCHECK_ID)) === KEYCHECK_TEXT) return key;
  } catch {
    // falls through: GCM refused the tag
  }
  throw new WrongPassphraseError();
}

/** A note document's body (without _id/_rev). `n` is Gloss's own revision counter. */
export interface NoteEnvelope extends Sealed {
  v: 1;
  n: number;
}

const noteAd = (docId: string, counter: number) => `gloss-note-v1\n${docId}\n${counter}`;

export async function sealNote(key: CryptoKey, docId: string, counter: number, note: Note): Promise<NoteEnvelope> {
  return { v: 1, n: counter, ...(await seal(key, JSON.stringify(note), noteAd(docId, counter))) };
}

/** Decrypt and check a note document; `expectedId`, when known, must be the note's id. */
export async function openNote(key: CryptoKey, docId: string, doc: unknown, expectedId?: string): Promise<Note> {
  const d = doc as Partial<NoteEnvelope> | null;
  if (!d || d.v !== 1 || !Number.isInteger(d.n) || typeof d.iv !== 'string' || typeof d.ct !== 'string') throw new BadEnvelopeError(docId, 'not a Gloss note');
  if (d.ct.length > MAX_CIPHERTEXT) throw new BadEnvelopeError(docId, 'too large');
  let text: string;
  try {
    text = await open(key, { iv: d.iv, ct: d.ct }, noteAd(docId, d.n!));
  } catch {
    throw new BadEnvelopeError(docId, 'it does not decrypt with this passphrase, or was changed on the server');
  }
  let note: Note;
  try {
    note = checkSyncedNote(JSON.parse(text));
  } catch (e) {
    throw new BadEnvelopeError(docId, (e as Error).message);
  }
  if (expectedId !== undefined && note.id !== expectedId) throw new BadEnvelopeError(docId, 'it holds another note');
  return note;
}
