// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatcherService } from '../../../background/matchers';
import { matchPage } from '../../../background/match-page';
import type { Pack } from '../../../model/types';
import { collectText } from '../../../page-text/collect';
import { GlossDB } from '../../../storage/db';
import { ensureBundledPack, installPack, removeSource, setSourceEnabled } from '../../../storage/knowledge-base';

const starter = JSON.parse(readFileSync('assets/packs/starter.json', 'utf8')) as Pack;
const html = readFileSync('tests/fixtures/sample/mamdani-nypd-ice.html', 'utf8');
document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');
const text = collectText(document.body, { isVisible: () => true }).text;

let db: GlossDB;
beforeAll(async () => {
  db = new GlossDB('test-match-page');
  await ensureBundledPack(db, starter);
});
afterAll(() => db.delete());

describe('matching the sample article against the starter pack', () => {
  it('finds every starter entity, with every mention there to hover', async () => {
    const reply = await matchPage(db, await new MatcherService(db).ready(), text, { allMentions: false });
    const keys = new Set(reply.entities.map((e) => e.keys[0]));
    for (const id of ['zohran-mamdani', 'nypd', 'ice', 'jessica-tisch', 'new-york-city']) expect(keys).toContain(`gloss-starter:${id}`);
    expect(reply.entities.length).toBeGreaterThan(keys.size);
    expect(reply.allMentions).toBe(false);
    expect(reply.entityCards['gloss-starter:zohran-mamdani']).toMatchObject({ sourceName: 'Gloss starter pack', sourceKind: 'bundled' });
  });

  it('does not take "Ice" in "Ice skating" for ICE, and matches "Mamdani\'s"', async () => {
    const reply = await matchPage(db, await new MatcherService(db).ready(), text, { allMentions: true });
    const texts = reply.entities.map((e) => text.slice(e.start, e.end));
    expect(texts).not.toContain('Ice');
    const possessive = text.indexOf("Mamdani's");
    expect(reply.entities.some((e) => e.start === possessive && text.slice(e.start, e.end) === 'Mamdani')).toBe(true);
  });

  it('finds the three claims the article repeats', async () => {
    const reply = await matchPage(db, await new MatcherService(db).ready(), text, { allMentions: false });
    expect(reply.claims.map((c) => c.keys[0]).sort()).toEqual(
      ['gloss-starter:ice-recruitment-post', 'gloss-starter:largest-deportation-force', 'gloss-starter:youngest-since-1917'].sort(),
    );
    expect(reply.claimCards['gloss-starter:youngest-since-1917']?.verdict).toBe('mostly-accurate');
  });

  it('a disabled source stops matching, and a restarted background loads the stored matcher', async () => {
    const service = new MatcherService(db);
    const first = await service.ready();
    const reloaded = await new MatcherService(db).ready();
    expect(reloaded.entity.match(text)).toEqual(first.entity.match(text));
    await setSourceEnabled(db, 'gloss-starter', false);
    const reply = await matchPage(db, await service.ready(), text, { allMentions: false });
    expect(reply.entities).toEqual([]);
    await setSourceEnabled(db, 'gloss-starter', true);
  });
});

describe('provenance on cards', () => {
  it('names the host a downloaded pack came from, whatever the pack calls itself', async () => {
    const impostor: Pack = { ...starter, id: 'lookalike', name: 'Gloss starter pack' };
    await setSourceEnabled(db, 'gloss-starter', false);
    await installPack(db, impostor, { kind: 'url', sourceId: 'url-x', url: 'https://packs.evil.example/p.json' });
    const reply = await matchPage(db, await new MatcherService(db).ready(), text, { allMentions: false });
    expect(reply.entityCards['url-x:zohran-mamdani']).toMatchObject({ sourceName: 'Gloss starter pack', sourceKind: 'url', sourceHost: 'packs.evil.example' });
    await removeSource(db, 'url-x');
    await setSourceEnabled(db, 'gloss-starter', true);
  });
});

describe('stored matchers', () => {
  it('are rebuilt, not trusted, when the stored bytes cannot be loaded', async () => {
    const service = new MatcherService(db);
    const built = await service.ready();
    await db.matchers.update('entity', { bytes: new Uint8Array([1, 2, 3, 4]) });
    const rebuilt = await new MatcherService(db).ready();
    expect(rebuilt.entity.match(text)).toEqual(built.entity.match(text));
    expect((await db.matchers.get('entity'))!.bytes.length).toBeGreaterThan(4);
  });
});
