/** What the popup shows about each sync target (background/notes-sync.ts fills it in). */

export interface ServerSyncStatus {
  configured: boolean;
  /** Off after "Stop syncing" or a refused passphrase; the settings are kept. */
  enabled: boolean;
  url?: string;
  db?: string;
  authKind?: 'none' | 'basic' | 'bearer';
  running: boolean;
  /** ms since epoch of the last run that finished without error. */
  lastSync?: number;
  /** Notes changed on this device and not yet on the server. */
  waiting: number;
  /** Notes with text kept from edits on two devices, for the reader to review. */
  conflicts: number;
  /** The last error, in the reader's words. */
  lastError?: string;
}

export interface BrowserSyncState {
  enabled: boolean;
  running: boolean;
  lastSync?: number;
  synced: number;
  /** Ids of live notes that did not fit in browser sync (kept on this device). */
  notSynced: string[];
  bytesUsed: number;
  bytesQuota: number;
  conflicts: number;
  lastError?: string;
}

export interface SyncStatus {
  server: ServerSyncStatus;
  browser: BrowserSyncState;
}
