/** A CouchDB-protocol server to sync with, checked before any request is made. */

export type ServerAuth = { kind: 'none' } | { kind: 'basic'; user: string; password: string } | { kind: 'bearer'; token: string };

export interface ServerTarget {
  /** Server base URL, e.g. https://couch.example.org or http://127.0.0.1:5984 */
  url: string;
  db: string;
  auth: ServerAuth;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// CouchDB database names: lower-case letter first, then a-z 0-9 _ $ ( ) + - /
const DB_RE = /^[a-z][a-z0-9_$()+/-]{0,237}$/;

/** The server's base URL, normalised; throws with a reader-facing reason. */
export function checkServerUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new Error('The server address is not a web address (it should start with https://).');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('The server address must start with https://.');
  if (u.protocol === 'http:' && !LOCAL_HOSTS.has(u.hostname) && !u.hostname.startsWith('127.')) {
    throw new Error('Plain http:// is only allowed for a server on this computer (localhost); use https://.');
  }
  if (u.username || u.password) throw new Error('Put the user name and password in their own fields, not in the address.');
  if (u.search || u.hash) throw new Error('The server address should not have ? or # parts.');
  return u.origin + u.pathname.replace(/\/+$/, '');
}

export function checkDbName(db: string): string {
  if (!DB_RE.test(db)) throw new Error('The database name must start with a lower-case letter and use only a-z, 0-9 and _$()+-/.');
  return db;
}

function utf8Base64(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function authHeader(auth: ServerAuth): string | undefined {
  if (auth.kind === 'basic') return `Basic ${utf8Base64(`${auth.user}:${auth.password}`)}`;
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  return undefined;
}
