// @vitest-environment happy-dom
/**
 * The context card at a glance: name, type, description with its as-of date, the two
 * most relevant facts (a current role before a birth date), "More" for the rest, dates
 * as "as of", "since" or "undated", an optional credited picture, and claims checked by
 * a pack's editors said to be so.
 */
import { render } from 'preact';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClaimBody, EntityBody, rankFacts } from '../../../components/Card';
import type { ClaimCard, EntityCard } from '../../../messaging/protocol';
import type { Pack } from '../../../model/types';

const starter = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'assets', 'packs', 'starter.json'), 'utf8')) as Pack;
const card = (id: string): EntityCard => ({ ...starter.entities.find((e) => e.id === id)!, key: `gloss-starter:${id}`, sourceName: 'Gloss starter pack' });

function show(node: preact.VNode): HTMLElement {
  const root = document.createElement('div');
  root.className = 'card';
  document.body.replaceChildren(root);
  render(node, root);
  return root;
}

describe('entity card', () => {
  it('shows name, type, description with its as-of date, two facts (current role first), then More', async () => {
    const el = show(<EntityBody entity={card('jessica-tisch')} others={[]} onPick={() => {}} />);
    expect(el.querySelector('h2')!.textContent).toBe('Jessica Tisch');
    expect(el.querySelector('.badge')!.textContent).toBe('Person');
    expect(el.querySelector('.description')!.textContent).toMatch(/Police Commissioner.*\(as of Nov\.? 19, 2025\)/);
    const facts = [...el.querySelectorAll('.facts li')].map((li) => li.textContent!);
    expect(facts).toHaveLength(2);
    expect(facts[0]).toMatch(/continue as police commissioner.*as of Nov\.? 19, 2025/);
    const more = el.querySelector<HTMLButtonElement>('button.more')!;
    expect(more.textContent).toBe('More (2 more facts)');
    more.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(el.querySelectorAll('.facts li')).toHaveLength(4);
  });

  it('puts a birth date after the current role, and shows a not-changing fact as "since"', async () => {
    const el = show(<EntityBody entity={card('zohran-mamdani')} others={[]} onPick={() => {}} />);
    const first = el.querySelector('.facts li')!.textContent!;
    expect(first).not.toMatch(/Born/);
    el.querySelector<HTMLButtonElement>('button.more')!.click();
    await new Promise((r) => setTimeout(r, 0));
    const born = [...el.querySelectorAll('.facts li')].find((li) => /Born/.test(li.textContent!))!;
    expect(born.textContent).toMatch(/New York State Assembly · since Oct\.? 18, 1991/);
  });

  it('marks an undated fact as undated', () => {
    const entity: EntityCard = { key: 'p:x', id: 'x', type: 'other', name: 'X', aliases: [], description: 'd', facts: [{ text: 'A fact.', sourceUrl: 'https://example.org', sourceName: 'Example' }], sourceName: 'P' };
    const el = show(<EntityBody entity={entity} others={[]} onPick={() => {}} />);
    expect(el.querySelector('.facts li')!.textContent).toMatch(/Example · undated$/);
  });

  it('shows a pack image (https only) with its credit; an http image is not loaded', () => {
    const base: EntityCard = { key: 'p:x', id: 'x', type: 'person', name: 'X', aliases: [], description: 'd', facts: [], sourceName: 'P' };
    const el = show(<EntityBody entity={{ ...base, image: { url: 'https://upload.wikimedia.org/x.jpg', credit: 'Photo: A. B., CC BY-SA 4.0' } }} others={[]} onPick={() => {}} />);
    expect(el.querySelector('img')!.getAttribute('src')).toBe('https://upload.wikimedia.org/x.jpg');
    expect(el.querySelector('img')!.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(el.querySelector('figcaption')!.textContent).toBe('Photo: A. B., CC BY-SA 4.0');
    const plain = show(<EntityBody entity={{ ...base, image: { url: 'http://example.org/x.jpg', credit: 'c' } }} others={[]} onPick={() => {}} />);
    expect(plain.querySelector('img')).toBeNull();
  });

  it('ranks facts: role, recent, not changing, undated', () => {
    const f = (text: string, d: { asOf?: string; since?: string } = {}) => ({ text, ...d });
    expect(rankFacts([f('Born 1970', { since: '1970' }), f('Undated'), f('Population 5', { asOf: '2020' }), f('Mayor since 2026', { asOf: '2026-01' })]).map((x) => x.text)).toEqual([
      'Mayor since 2026',
      'Population 5',
      'Born 1970',
      'Undated',
    ]);
  });
});

describe('claim card', () => {
  it('a claim no fact-checker reviewed says the editors checked it, against what, and links "Source"', () => {
    const c = starter.claims.find((x) => x.id === 'youngest-since-1917')!;
    const el = show(<ClaimBody claims={[{ ...c, key: 'k', sourceName: 'Gloss starter pack' } as ClaimCard]} />);
    expect(el.textContent).toMatch(/Not reviewed by a fact-checker: checked by the pack's editors \(Gloss starter pack editors\) against AP \(via Newser\)/);
    expect([...el.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Source']);
  });

  it('a fact-checker\'s review names the reviewer and links "Read the fact-check"', () => {
    const el = show(<ClaimBody claims={[{ key: 'k', id: 'c', text: 'X', verdict: 'inaccurate', verdictLabel: 'False', reviewer: 'PolitiFact', reviewDate: '2024-01-02', url: 'https://www.politifact.com/x', sourceName: 'Feed' }]} />);
    expect(el.textContent).toMatch(/Reviewed by PolitiFact, Jan\.? 2, 2024/);
    expect([...el.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Read the fact-check']);
  });
});
