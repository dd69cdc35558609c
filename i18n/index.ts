/**
 * Gloss's one way to show text to readers: `t()` and `tn()` over `browser.i18n`
 * (the messages in public/_locales/<lang>/messages.json, WXT's convention), and
 * dates and numbers through `Intl` in the reader's locale.
 *
 * Why not @wxt-dev/i18n: its plurals pick a form by count (0, 1, n), which is
 * wrong for French or Portuguese (0 is singular) and cannot express Slavic
 * forms; here plural forms are CLDR categories chosen by `Intl.PluralRules`
 * (keys `name_one`, `name_other`, ...), and messages stay plain `messages.json`
 * that both browsers and translators read directly.
 *
 * Outside the extension (unit tests, the CLI) `browser.i18n` is missing: the
 * English messages bundled here are used, with the same `$1` substitution.
 */
import en from '../public/_locales/en/messages.json';

type Messages = typeof en;
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type AnyKey = Extract<keyof Messages, string>;
/** A message without plural forms. */
export type MessageKey = Exclude<AnyKey, `${string}_${PluralCategory}`>;
/** A message with plural forms (`<base>_one`, `<base>_other`, ...). */
export type PluralKey = AnyKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

export const PLURAL_CATEGORIES: readonly PluralCategory[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

type Sub = string | number;

interface I18nApi {
  getMessage(name: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}

function api(): I18nApi | undefined {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  const i18n = g.browser?.i18n ?? g.chrome?.i18n;
  return typeof i18n?.getMessage === 'function' ? i18n : undefined;
}

/** `$1`..`$9` as browser.i18n substitutes them; `$$` is a literal dollar sign. */
export function substitute(message: string, subs: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}

/** The message in the reader's language (the browser falls back to English), or undefined if there is none. */
function lookup(key: string, subs: readonly Sub[]): string | undefined {
  const strings = subs.map((s) => (typeof s === 'number' ? formatNumber(s) : s));
  try {
    const m = api()?.getMessage(key, strings);
    if (m) return m;
  } catch {
    /* an extension context that is gone: fall back to English below */
  }
  const entry = (en as Record<string, { message: string } | undefined>)[key];
  return entry ? substitute(entry.message, strings) : undefined;
}

/**
 * The reader's language: the browser's UI language, unless the translation the browser
 * picked is another one (Chromium on Linux can take --lang for messages but not for
 * getUILanguage); then the translation's, so dates and numbers match the words.
 */
export function uiLocale(): string {
  let ui = '';
  let bundle = '';
  try {
    ui = api()?.getUILanguage().replace('_', '-') ?? '';
    bundle = api()?.getMessage('localeCode') ?? '';
  } catch {
    /* fall through */
  }
  if (bundle && bundle !== 'en' && ui.split('-')[0] !== bundle) return bundle;
  return ui || ((globalThis.navigator?.language as string | undefined) ?? 'en');
}

/** A message in the reader's language; numbers among `subs` are formatted for it. */
export function t(key: MessageKey, ...subs: Sub[]): string {
  return lookup(key, subs) ?? key;
}

/**
 * A message with plural forms, the form chosen for `count` by the reader's language's
 * rules (Intl.PluralRules); `$1` is the formatted count, further `subs` are `$2`...
 */
export function tn(key: PluralKey, count: number, ...subs: Sub[]): string {
  const category = new Intl.PluralRules(uiLocale()).select(count);
  return lookup(`${key}_${category}`, [count, ...subs]) ?? lookup(`${key}_other`, [count, ...subs]) ?? key;
}

export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(uiLocale(), options).format(n);
}

/**
 * A date from a pack or a note ("2024", "2024-09", "2024-09-05", or a full ISO time)
 * at the precision it was given, in the reader's language: "Sept. 5, 2024" becomes
 * "Sep 5, 2024", "5. Sept. 2024", "5 sept 2024"...
 */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = mo ? Number(mo) : undefined;
  if (!month || month < 1 || month > 12) return y ?? iso;
  // Noon UTC, formatted in UTC: the calendar date stays the one written, whatever the reader's time zone.
  const date = new Date(Date.UTC(Number(y), month - 1, d ? Number(d) : 1, 12));
  const options: Intl.DateTimeFormatOptions = d ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' } : { year: 'numeric', month: 'long', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(uiLocale(), options).format(date);
}

/** A moment (note created, last sync) with its time, in the reader's language and time zone. */
export function formatDateTime(iso: string | number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(uiLocale(), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** "3 minutes ago", "in 6 hours", "just now": `ts` relative to `now`, in the reader's language. */
export function formatRelative(ts: number, now: number): string {
  const diff = ts - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' });
  if (abs < 5_000) return rtf.format(0, 'second');
  if (abs < 90_000) return rtf.format(Math.round(diff / 1000), 'second');
  if (abs < 5_400_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 172_800_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}

/** A list joined the reader's way ("a, b and c"). */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(uiLocale(), { type: 'conjunction' }).format(items);
}

/**
 * A message with elements inside (a name in <strong>): the translated text split
 * around `$1`, `$2`..., each replaced by the matching part, so word order stays the
 * translator's.
 */
export function tParts<T>(key: MessageKey, ...parts: T[]): (string | T)[] {
  const markers = parts.map((_, i) => `\u{E000}${i}\u{E001}`);
  const text = lookup(key, markers) ?? key;
  return text
    .split(/\u{E000}(\d)\u{E001}/u)
    .map((s, i) => (i % 2 ? (parts[Number(s)] as T) : s))
    .filter((x) => x !== '');
}
