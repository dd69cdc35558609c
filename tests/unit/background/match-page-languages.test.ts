/**
 * Claims in several languages: a Portuguese ClaimReview feed (real FACTCK.BR
 * records, tests/fixtures/claimreview) flags the Portuguese sentence that
 * restates one of its claims; an English page is not matched against it; and
 * a pack's `lang` reaches the matcher.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatcherService } from '../../../background/matchers';
import { matchPage } from '../../../background/match-page';
import type { Pack } from '../../../model/types';
import { fromClaimReview } from '../../../packs/claimreview';
import { GlossDB } from '../../../storage/db';
import { installPack } from '../../../storage/knowledge-base';

const feed = fromClaimReview(readFileSync('tests/fixtures/claimreview/factckbr-sample.jsonl', 'utf8'), { filename: 'factckbr-sample.jsonl' });
if (!feed.ok) throw new Error('the FACTCK.BR fixture no longer imports');
const lula = feed.pack.claims.find((c) => c.text.startsWith('Imprensa internacional desmascara LULA'))!;

// Written for this test: the second sentence restates the FACTCK.BR claim about Lula in other words.
const PAGE_PT =
  'Correntes falsas voltam a circular antes da eleição. Uma mensagem compartilhada no WhatsApp afirma que a imprensa ' +
  'internacional divulgou uma poupança de 108 milhões de dólares do ex-presidente Lula em Luxemburgo. O Ministério da ' +
  'Saúde informou que a distribuição de vacinas segue normal em todos os estados.';
const PAGE_EN =
  'A message shared on WhatsApp claims that the international press revealed savings of 108 million dollars belonging ' +
  'to former president Lula in Luxembourg. Officials said the vaccine rollout continues as normal in every state.';

let db: GlossDB;
beforeAll(async () => {
  db = new GlossDB('test-match-page-languages');
  await installPack(db, feed.pack, { kind: 'url', url: 'https://example.org/factckbr.jsonl' });
});
afterAll(() => db.delete());

describe('claims in the language of the page', () => {
  it('imports the feed with its inLanguage', () => {
    expect(lula.lang).toBe('pt-BR');
  });

  it('flags the Portuguese sentence that restates a Portuguese claim, and only that one', async () => {
    const reply = await matchPage(db, await new MatcherService(db).ready(), PAGE_PT, { allMentions: false });
    expect(reply.claims).toHaveLength(1);
    const hit = reply.claims[0]!;
    expect(PAGE_PT.slice(hit.start, hit.end)).toMatch(/^Uma mensagem compartilhada.*Luxemburgo\.$/);
    expect(hit.keys[0]).toBe(`${feed.pack.id}:${lula.id}`);
    expect(hit.sharedTerms).toEqual(expect.arrayContaining(['poupança', 'Luxemburgo']));
    expect(reply.claimCards[hit.keys[0]!]?.reviewer).toBe('Aos Fatos');
  });

  it('uses the language the page declares, which a short added paragraph cannot show by itself', async () => {
    const added = 'Imprensa internacional divulgou poupança de Lula em Luxemburgo: 108 milhões.';
    const declared = await matchPage(db, await new MatcherService(db).ready(), added, { allMentions: false, lang: 'pt-BR' });
    expect(declared.claims.map((c) => c.keys[0])).toEqual([`${feed.pack.id}:${lula.id}`]);
    const declaredEnglish = await matchPage(db, await new MatcherService(db).ready(), added, { allMentions: false, lang: 'en' });
    expect(declaredEnglish.claims).toEqual([]);
  });

  it('does not match an English page against Portuguese claims', async () => {
    const reply = await matchPage(db, await new MatcherService(db).ready(), PAGE_EN, { allMentions: false });
    expect(reply.claims).toEqual([]);
  });

  it('takes a claim\'s language from its pack when the claim has none', async () => {
    const pack: Pack = {
      ...feed.pack,
      id: 'pt-pack',
      lang: 'pt',
      claims: [{ ...lula, id: 'lula-sem-lang', lang: undefined }],
    };
    delete pack.claims[0]!.lang;
    await installPack(db, pack, { kind: 'file' });
    const row = await db.claims.get('pt-pack:lula-sem-lang');
    expect(row?.lang).toBe('pt');
    const reply = await matchPage(db, await new MatcherService(db).ready(), PAGE_PT, { allMentions: false });
    expect(reply.claims[0]!.keys).toEqual(expect.arrayContaining(['pt-pack:lula-sem-lang']));
  });
});
