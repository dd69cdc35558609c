/** Settings export/import: what goes out comes back, and a bad file changes nothing. */
import { describe, expect, it } from 'vitest';
import { parseSettingsFile, settingsToFile } from '../../../storage/settings-file';

const settings = { allMentions: true, showBadge: false, pausedSites: ['example.org', 'news.example'], defaultIntervalMinutes: 360 };

describe('settings file', () => {
  it('round-trips every setting', () => {
    expect(parseSettingsFile(settingsToFile(settings))).toEqual({ ok: true, settings });
  });

  it('takes a partial file and tidies the sites', () => {
    const r = parseSettingsFile(JSON.stringify({ format: 'gloss-settings', version: 1, settings: { pausedSites: ['B.example', 'a.example', 'b.example'] } }));
    expect(r).toEqual({ ok: true, settings: { pausedSites: ['a.example', 'b.example'] } });
  });

  it('says what is wrong with a bad file', () => {
    expect(parseSettingsFile('{oops')).toEqual({ ok: false, reason: 'not-json' });
    expect(parseSettingsFile(JSON.stringify({ format: 'gloss-pack' }))).toEqual({ ok: false, reason: 'not-gloss' });
    expect(parseSettingsFile(JSON.stringify({ format: 'gloss-settings', version: 1, settings: { defaultIntervalMinutes: 1 } }))).toEqual({ ok: false, reason: 'bad-value', field: 'defaultIntervalMinutes' });
    expect(parseSettingsFile(JSON.stringify({ format: 'gloss-settings', version: 1, settings: { pausedSites: ['javascript:alert(1)'] } }))).toEqual({ ok: false, reason: 'bad-value', field: 'pausedSites' });
    expect(parseSettingsFile(JSON.stringify({ format: 'gloss-settings', version: 2, settings: {} }))).toMatchObject({ ok: false, field: 'version' });
  });
});
