import { describe, expect, it } from 'vitest';
import { EntityMatcher, isWeakAlias, relatedByText, resolveMentions, type ContextEntity } from '../../../matching';

type E = ContextEntity & { key: string; description: string; facts: { text: string }[] };
const ENTITIES: E[] = [
  { key: 'mamdani', name: 'Zohran Mamdani', aliases: ['Mamdani'], description: 'Mayor of New York City.', facts: [{ text: 'Kept Jessica Tisch as police commissioner.' }] },
  { key: 'tisch', name: 'Jessica Tisch', aliases: ['Tisch'], description: 'New York City Police Commissioner.', facts: [] },
  { key: 'ice', name: 'U.S. Immigration and Customs Enforcement', aliases: ['ICE'], description: 'US federal agency.', facts: [{ text: 'Recruited NYPD officers.' }] },
  { key: 'nypd', name: 'New York City Police Department', aliases: ['NYPD'], description: 'Police of New York City.', facts: [] },
  { key: 'us-congress', name: 'United States Congress', aliases: ['Congress'], description: 'Legislature of the United States.', facts: [] },
  { key: 'inc', name: 'Indian National Congress', aliases: ['Congress'], description: 'Political party in India.', facts: [{ text: 'Led by Mallikarjun Kharge.' }] },
  { key: 'kharge', name: 'Mallikarjun Kharge', aliases: [], description: 'President of the Indian National Congress.', facts: [] },
  { key: 'us', name: 'United States', aliases: [], contextAliases: ['America'], description: 'Country.', facts: [] },
];
const byKey = new Map(ENTITIES.map((e) => [e.key, e]));
const matcher = EntityMatcher.build(ENTITIES.flatMap((e) => [e.name, ...e.aliases, ...(e.contextAliases ?? [])].map((alias) => ({ alias, entityId: e.key }))));

/** What a reader would see highlighted: "text→entity" for each kept mention. */
function marked(text: string): string[] {
  const raw = matcher.match(text);
  const onPage = [...new Set(raw.flatMap((m) => m.entityIds))].map((k) => byKey.get(k)!);
  return resolveMentions(text, raw, (k) => byKey.get(k), (k) => relatedByText(byKey.get(k), onPage)).map((m) => `${m.text}→${m.entityIds.join('|')}`);
}

describe('weak aliases need context', () => {
  it('knows which aliases are weak', () => {
    expect(isWeakAlias('Mamdani', byKey.get('mamdani')!)).toBe(true);
    expect(isWeakAlias('Zohran Mamdani', byKey.get('mamdani')!)).toBe(false);
    expect(isWeakAlias('ICE', byKey.get('ice')!)).toBe(true);
    expect(isWeakAlias('NYPD', byKey.get('nypd')!)).toBe(false);
    expect(isWeakAlias('America', byKey.get('us')!)).toBe(true);
  });

  it('a surname counts once the full name is on the page, not before and not for another person', () => {
    expect(marked('Mamdani spoke on Tuesday.')).toEqual([]);
    expect(marked('Zohran Mamdani won. Later, Mamdani spoke.')).toEqual(['Zohran Mamdani→mamdani', 'Mamdani→mamdani']);
    // His father, in coverage of the swearing-in: another Mamdani.
    expect(marked('Zohran Mamdani was sworn in; his father, Mahmood Mamdani, watched.')).toEqual(['Zohran Mamdani→mamdani']);
    // A title before the surname keeps it the same person.
    expect(marked('Zohran Mamdani won. Mayor Mamdani spoke.')).toEqual(['Zohran Mamdani→mamdani', 'Mamdani→mamdani']);
  });

  it('"Tisch School of the Arts" is not the commissioner, even on a page about her', () => {
    expect(marked('Jessica Tisch spoke. She studied near the Tisch School of the Arts. Tisch said no.')).toEqual(['Jessica Tisch→tisch', 'Tisch→tisch']);
  });

  it('"ICE" needs the agency or a related entity on the page, and is not a shouted headline', () => {
    expect(marked('ICE trains run from Berlin to Munich.')).toEqual([]);
    expect(marked('ICE recruited officers of the NYPD.')).toEqual(['ICE→ice', 'NYPD→nypd']);
    expect(marked('NYPD on alert. ICE STORM HITS THE CITY')).toEqual(['NYPD→nypd']);
  });

  it('"Congress" goes to the one the page is about, lower-case "congress" to none', () => {
    expect(marked('The United States Congress passed it. Congress then adjourned.')).toEqual(['United States Congress→us-congress', 'Congress→us-congress']);
    expect(marked('Mallikarjun Kharge said Congress would contest every seat.')).toEqual(['Mallikarjun Kharge→kharge', 'Congress→inc']);
    expect(marked('The United States Congress met; a party congress was held.')).toEqual(['United States Congress→us-congress']);
    expect(marked('Congress met on Monday.')).toEqual([]);
  });

  it('a pack-marked context alias needs context too', () => {
    expect(marked('America voted.')).toEqual([]);
    expect(marked('The United States is large. America voted.')).toEqual(['United States→us', 'America→us']);
  });
});
