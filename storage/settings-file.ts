/**
 * The reader's settings as a file (options page: export / import). Pure: the file is
 * untrusted input, checked whole before anything is written, so a bad file changes
 * nothing. Notes are not settings: they have their own export.
 */
import * as v from 'valibot';

export const SETTINGS_FORMAT = 'gloss-settings';

export interface ReaderSettings {
  allMentions: boolean;
  showBadge: boolean;
  pausedSites: string[];
  defaultIntervalMinutes: number;
}

/** Intervals a source may refresh at (as the sources schedule clamps them). */
const MIN_INTERVAL = 15;
const MAX_INTERVAL = 60 * 24 * 30;
/** A host name as the popup stores it (no scheme, path or spaces); at most this many. */
const MAX_SITES = 5000;

const Host = v.pipe(v.string(), v.maxLength(253), v.regex(/^[a-z0-9.-]+(?::\d{1,5})?$/i));

const FIELDS = {
  allMentions: v.boolean(),
  showBadge: v.boolean(),
  pausedSites: v.pipe(v.array(Host), v.maxLength(MAX_SITES)),
  defaultIntervalMinutes: v.pipe(v.number(), v.integer(), v.minValue(MIN_INTERVAL), v.maxValue(MAX_INTERVAL)),
};

const File = v.object({
  format: v.literal(SETTINGS_FORMAT),
  version: v.literal(1),
  // Every field optional: an older or partial file sets what it has.
  settings: v.partial(v.object(FIELDS)),
});

export function settingsToFile(s: ReaderSettings): string {
  return `${JSON.stringify({ format: SETTINGS_FORMAT, version: 1, settings: s }, null, 2)}\n`;
}

export type SettingsParse =
  | { ok: true; settings: Partial<ReaderSettings> }
  | { ok: false; reason: 'not-json' | 'not-gloss' } | { ok: false; reason: 'bad-value'; field: string };

export function parseSettingsFile(text: string): SettingsParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== SETTINGS_FORMAT) return { ok: false, reason: 'not-gloss' };
  const parsed = v.safeParse(File, data);
  if (parsed.success) {
    const settings = parsed.output.settings;
    if (settings.pausedSites) settings.pausedSites = [...new Set(settings.pausedSites.map((h) => h.toLowerCase()))].sort();
    return { ok: true, settings };
  }
  const path = parsed.issues[0]?.path?.map((p) => String(p.key)) ?? [];
  const field = path[0] === 'settings' && path[1] ? path[1] : path[0] === 'version' ? 'version' : (path[0] ?? 'format');
  return { ok: false, reason: 'bad-value', field };
}
