import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseRating } from '../../../packs/index.ts';
import { CORPUS } from './helpers.ts';

describe('normaliseRating', () => {
  it.each([
    // Portuguese (every label in FACTCK.BR)
    ['falso', 'inaccurate'],
    ['Falso', 'inaccurate'],
    ['Verdadeiro', 'accurate'],
    ['verdadeiro', 'accurate'],
    ['Verdadeiro, mas', 'mostly-accurate'],
    ['impreciso', 'mostly-accurate'],
    ['Exagerado', 'mixed'],
    ['Subestimado', 'mixed'],
    ['Discutível', 'mixed'],
    ['Sem contexto', 'needs-context'],
    ['distorcido', 'mostly-inaccurate'],
    ['insustentável', 'mostly-inaccurate'],
    ['enganoso', 'mostly-inaccurate'],
    ['Impossível provar', 'unrated'],
    ['Ainda é cedo para dizer', 'unrated'],
    ['De olho', 'unrated'],
    ['outros', 'unrated'],
    // English
    ['True', 'accurate'],
    ['Mostly True', 'mostly-accurate'],
    ['Half True', 'mixed'],
    ['Missing context', 'needs-context'],
    ['Misleading', 'mostly-inaccurate'],
    ['Mostly False', 'mostly-inaccurate'],
    ['False', 'inaccurate'],
    ['Pants on Fire!', 'inaccurate'],
    ['Not true', 'inaccurate'],
    // Spanish
    ['Verdadero', 'accurate'],
    ['Engañoso', 'mostly-inaccurate'],
    ['Falso', 'inaccurate'],
    ['Sacado de contexto', 'needs-context'],
    ['Verdad a medias', 'mixed'],
    // free text beginning with a known label
    ['Falso: a foto é de 2015', 'inaccurate'],
    ['Mostly accurate, wrong year', 'mostly-accurate'],
    ['Something else entirely', 'unrated'],
  ])('%s → %s', (label, verdict) => {
    expect(normaliseRating({ alternateName: label })).toBe(verdict);
  });

  it('maps numeric ratings linearly, best = accurate, worst = inaccurate', () => {
    const on5 = [1, 2, 3, 4, 5].map((v) => normaliseRating({ ratingValue: v, bestRating: 5, worstRating: 1 }));
    expect(on5).toEqual(['inaccurate', 'mostly-inaccurate', 'mixed', 'mostly-accurate', 'accurate']);
    const on6 = [0, 1, 2, 3, 4, 5].map((v) => normaliseRating({ ratingValue: v, bestRating: 5, worstRating: 0 }));
    expect(on6).toEqual(['inaccurate', 'mostly-inaccurate', 'needs-context', 'mixed', 'mostly-accurate', 'accurate']);
    expect(normaliseRating({ ratingValue: '4', bestRating: '5' })).toBe('mostly-accurate');
    expect(normaliseRating({ ratingValue: 1 })).toBe('inaccurate'); // schema.org defaults 1..5
  });

  it('falls back to unrated for unusable numbers', () => {
    expect(normaliseRating({ ratingValue: 6, bestRating: 5 })).toBe('unrated');
    expect(normaliseRating({ ratingValue: 'x' })).toBe('unrated');
    expect(normaliseRating({ ratingValue: 3, bestRating: 1, worstRating: 5 })).toBe('unrated');
    expect(normaliseRating({})).toBe('unrated');
    expect(normaliseRating(undefined)).toBe('unrated');
  });

  it('lets the label win over an inconsistent number (Truco rates "Falso" 4 of 6)', () => {
    expect(normaliseRating({ alternateName: 'Falso', ratingValue: 4, bestRating: 6 })).toBe('inaccurate');
    expect(normaliseRating({ alternateName: 'Inventado pelo autor', ratingValue: 5, bestRating: 5 })).toBe('accurate');
  });

  const corpus = `${CORPUS}/claimreview/factck-br/factckbr.claimreview.jsonl`;
  it.skipIf(!existsSync(corpus))('recognises every rating label used in FACTCK.BR', () => {
    const labels = new Map<string, string>();
    for (const line of readFileSync(corpus, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { reviewRating: { alternateName?: string } };
      const label = r.reviewRating.alternateName ?? '';
      labels.set(label, normaliseRating(r.reviewRating));
    }
    expect(Object.fromEntries([...labels].sort())).toEqual({
      '': 'unrated',
      'Ainda é cedo para dizer': 'unrated',
      'De olho': 'unrated',
      Discutível: 'mixed',
      Distorcido: 'mostly-inaccurate',
      Exagerado: 'mixed',
      Falso: 'inaccurate',
      'Impossível provar': 'unrated',
      'Sem contexto': 'needs-context',
      Subestimado: 'mixed',
      Verdadeiro: 'accurate',
      'Verdadeiro, mas': 'mostly-accurate',
      distorcido: 'mostly-inaccurate',
      exagerado: 'mixed',
      falso: 'inaccurate',
      impreciso: 'mostly-accurate',
      insustentável: 'mostly-inaccurate',
      outros: 'unrated',
      verdadeiro: 'accurate',
    });
  });
});
