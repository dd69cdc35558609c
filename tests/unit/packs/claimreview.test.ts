import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromClaimReview, importSource, normaliseRating, parsePack } from '../../../packs/index.ts';
import { htmlToText } from '../../../packs/claimreview.ts';
import { cleanText, hashId } from '../../../packs/sanitize.ts';
import { CORPUS, fixture } from './helpers.ts';

describe('fromClaimReview on fixtures', () => {
  it('maps the fields of a real record', () => {
    const r = importSource(fixture('claimreview', 'factckbr-sample.jsonl'), { filename: 'factckbr-sample.jsonl' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pack.claims).toHaveLength(14);
    const c = r.pack.claims[0]!;
    expect(c).toMatchObject({
      text: 'Espaço dedicado para os eleitores do Bolsonaro explicarem a retirada da INSULINA do SUS.',
      verdict: 'inaccurate',
      verdictLabel: 'falso',
      reviewer: 'Aos Fatos',
      reviewDate: '2019-07-22',
      url: 'https://aosfatos.org/noticias/governo-bolsonaro-nao-suspendeu-distribuicao-de-insulina-no-sus/',
    });
    expect(c.id).toMatch(/^cr-[0-9a-f]{16}$/);
    // reviewBody is long: its first sentence becomes the explanation.
    expect(c.explanation).toBe(
      'Publicações que circulam nas redes sociais veja aqui enganam ao afirmar que o governo encerrou a distribuição de insulina no SUS Sistema nico de Saúde.',
    );
    expect(r.pack.publisher).toBe('Aos Fatos, Truco (Agência Pública), Agência Lupa');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/record 15 \(https:\/\/aosfatos\.org\/.*\): skipped: no claimReviewed/);
  });

  it('keeps the reviewer label and normalises it', () => {
    const r = importSource(fixture('claimreview', 'factckbr-sample.jsonl'), { filename: 's.jsonl' });
    if (!r.ok) throw new Error('import failed');
    const pairs = r.pack.claims.map((c) => [c.verdictLabel, c.verdict]);
    expect(pairs).toEqual([
      ['falso', 'inaccurate'],
      ['distorcido', 'mostly-inaccurate'],
      ['impreciso', 'mostly-accurate'],
      ['insustentável', 'mostly-inaccurate'],
      ['Falso', 'inaccurate'],
      ['Verdadeiro', 'accurate'],
      ['Exagerado', 'mixed'],
      ['Impossível provar', 'unrated'],
      ['Sem contexto', 'needs-context'],
      ['Unrated', 'unrated'],
      ['Falso', 'inaccurate'],
      ['Exagerado', 'mixed'],
      ['Verdadeiro', 'accurate'],
      ['Verdadeiro, mas', 'mostly-accurate'],
    ]);
  });

  it('reads a DataFeed, an @graph and an HTML page', () => {
    const feed = importSource(fixture('claimreview', 'factckbr-datafeed.json'), { filename: 'feed.json' });
    const graph = importSource(fixture('claimreview', 'factckbr-graph.json'), { filename: 'graph.json' });
    const html = importSource(fixture('claimreview', 'factckbr-page.html'), { url: 'https://example.org/check.html', contentType: 'text/html; charset=utf-8' });
    expect(feed.ok && feed.pack.claims.length).toBe(4);
    expect(graph.ok && graph.pack.claims.length).toBe(3);
    expect(html.ok && html.pack.claims.length).toBe(1);
    if (html.ok) {
      expect(html.warnings).toEqual([expect.stringMatching(/JSON-LD block 3 is not valid JSON/)]);
      expect(html.pack.homepage).toBe('https://example.org/check.html');
    }
  });

  it('reads a single object, a plain list, and Google Fact Check Tools responses; takes claimant and publisher', () => {
    const one = {
      '@context': 'https://schema.org',
      '@type': ['ClaimReview'],
      url: 'https://factcheck.example/a',
      claimReviewed: 'The moon is made of cheese',
      datePublished: '2024-02-03T10:00:00+01:00',
      publisher: { '@type': 'Organization', name: 'Example Checks' },
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'A. Person' } },
      reviewRating: { '@type': 'Rating', ratingValue: '1', bestRating: '5', worstRating: '1' },
      description: 'There is no cheese.',
    };
    const asNode = fromClaimReview({ ...one, url: { '@id': 'https://factcheck.example/node' } }, { sourceName: 'node' });
    expect(asNode.ok && asNode.pack.claims[0]!.url).toBe('https://factcheck.example/node');
    const r1 = fromClaimReview(one, { sourceName: 'one' });
    expect(r1.ok).toBe(true);
    if (r1.ok) {
      expect(r1.pack.claims[0]).toMatchObject({ claimant: 'A. Person', reviewer: 'Example Checks', verdict: 'inaccurate', verdictLabel: '1/5', reviewDate: '2024-02-03', explanation: 'There is no cheese.' });
    }
    const r2 = importSource(JSON.stringify([one, { ...one, url: 'javascript:alert(1)' }]), { sourceName: 'list' });
    expect(r2.ok && r2.pack.claims.length).toBe(1);
    if (r2.ok) expect(r2.warnings[0]).toMatch(/record 2 .*skipped: url is not an http\(s\) link/);
    const api = { claims: [{ text: 'Claim', claimant: 'Someone', claimDate: '2024-01-01T00:00:00Z', claimReview: [{ publisher: { name: 'PolitiFact', site: 'politifact.com' }, url: 'https://www.politifact.com/x', title: 't', reviewDate: '2024-01-02T00:00:00Z', textualRating: 'Pants on Fire', languageCode: 'en' }] }] };
    const r3 = importSource(JSON.stringify(api), { sourceName: 'api' });
    expect(r3.ok && r3.pack.claims[0]).toMatchObject({ verdict: 'inaccurate', verdictLabel: 'Pants on Fire', reviewer: 'PolitiFact', claimant: 'Someone', reviewDate: '2024-01-02' });
  });

  it('produces a pack that parsePack accepts unchanged', () => {
    const r = importSource(fixture('claimreview', 'factckbr-sample.jsonl'), { filename: 's.jsonl' });
    if (!r.ok) throw new Error('import failed');
    const again = parsePack(JSON.stringify(r.pack));
    expect(again.ok && again.pack).toEqual(r.pack);
  });
});

const corpusFile = `${CORPUS}/claimreview/factck-br/factckbr.claimreview.jsonl`;
describe.skipIf(!existsSync(corpusFile))('fromClaimReview on all of FACTCK.BR', () => {
  const text = existsSync(corpusFile) ? readFileSync(corpusFile, 'utf8') : '';
  const records = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, any>);

  it('imports every record that has a claim, and says why the others were skipped', () => {
    const r = importSource(text, { filename: 'factckbr.claimreview.jsonl' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const usable = records.filter((x) => typeof x.claimReviewed === 'string' && x.claimReviewed.trim());
    expect(records).toHaveLength(1313);
    expect(usable).toHaveLength(1300);
    expect(r.pack.claims).toHaveLength(1300);
    const skipped = r.warnings.filter((w) => /skipped: no claimReviewed/.test(w));
    expect(skipped).toHaveLength(13);
    expect(new Set(r.pack.claims.map((c) => c.id)).size).toBe(1300);
    for (const c of r.pack.claims) {
      expect(c.url).toMatch(/^https?:\/\//);
      expect(c.reviewDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['Aos Fatos', 'Agência Lupa', 'Truco (Agência Pública)']).toContain(c.reviewer);
      expect(c.text.length).toBeLessThanOrEqual(2000);
      // Aos Fatos encodes apostrophes as &#39; in its ClaimReview text.
      expect(c.text).not.toMatch(/&#\d+;/);
    }
    expect(records.filter((x) => /&#39;/.test(x.claimReviewed ?? '')).length).toBe(8);
  });

  it('keeps each record’s own label and the verdict normaliseRating gives it', () => {
    const r = importSource(text, { filename: 'f.jsonl' });
    if (!r.ok) throw new Error('import failed');
    const byId = new Map(r.pack.claims.map((c) => [c.id, c]));
    let checked = 0;
    for (const rec of records) {
      if (!rec.claimReviewed?.trim()) continue;
      const c = byId.get(`cr-${hashId(`${rec.url.trim()}\n${cleanText(htmlToText(rec.claimReviewed))}`)}`);
      if (!c) throw new Error(`record ${rec.url} not imported`);
      checked++;
      expect(c.verdict).toBe(normaliseRating(rec.reviewRating));
      expect(c.verdictLabel).toBe(rec.reviewRating.alternateName?.trim() || 'Unrated');
    }
    expect(checked).toBe(1300);
    const counts: Record<string, number> = {};
    for (const c of r.pack.claims) counts[c.verdict] = (counts[c.verdict] ?? 0) + 1;
    expect(counts).toEqual({ inaccurate: 933, 'mostly-inaccurate': 58, 'mostly-accurate': 6, mixed: 109, accurate: 119, unrated: 33, 'needs-context': 42 });
  });
});

describe('ClaimReview text clean-up', () => {
  it('drops tags and decodes entities in review texts, keeping the result as plain text', () => {
    const r = fromClaimReview(
      {
        '@type': 'ClaimReview',
        url: 'https://factcheck.example/b',
        claimReviewed: '&quot;Vacinas causam&nbsp;autismo&quot; &#8212; <em>post</em> &amp; v&iacute;deo',
        datePublished: '2021-05-01',
        author: { name: 'Ag&ecirc;ncia Lupa' },
        reviewBody: '<p>N&atilde;o h&aacute; evid&ecirc;ncia.</p><script>alert(1)</script>',
        reviewRating: { alternateName: 'Falso' },
      },
      { sourceName: 'x' },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.pack.claims[0]!;
    expect(c.text).toBe('"Vacinas causam autismo" — post & vídeo');
    expect(c.explanation).toBe('Não há evidência.');
    expect(c.reviewer).toBe('Agência Lupa');
  });
});
