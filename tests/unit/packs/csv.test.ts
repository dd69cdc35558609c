import { describe, expect, it } from 'vitest';
import { fromCsv, importSource, parseCsv } from '../../../packs/index.ts';

describe('parseCsv (RFC 4180)', () => {
  it('handles quotes, doubled quotes, commas and line breaks in fields, CRLF and BOM', () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\nlast,,\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 5, fields: ['last', '', ''] },
    ]);
  });

  it('names the line of malformed quoting', () => {
    expect(() => parseCsv('a,b\n"open,x\n')).toThrow(/line 2: quoted field is not closed/);
    expect(() => parseCsv('a,b\nx"y,z\n')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow(/line 2: unexpected text after a closing quote/);
  });
});

describe('fromCsv', () => {
  const csv = 'name,aliases,type,description\nNew York City Police Department,NYPD|New York Police,organization,"The police force of New York City, founded 1845."\nU.S. Immigration and Customs Enforcement,ICE|Immigration and Customs Enforcement,organisation,\nNew York City,NYC,place,\nSão Paulo,,,\n';

  it('builds entities with slug ids, | aliases and types', () => {
    const r = importSource(csv, { filename: 'nyc.csv' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pack.id).toBe('nyc');
    expect(r.pack.entities).toEqual([
      { id: 'new-york-city-police-department', type: 'organization', name: 'New York City Police Department', aliases: ['NYPD', 'New York Police'], description: 'The police force of New York City, founded 1845.', facts: [] },
      { id: 'u-s-immigration-and-customs-enforcement', type: 'organization', name: 'U.S. Immigration and Customs Enforcement', aliases: ['ICE', 'Immigration and Customs Enforcement'], description: '', facts: [] },
      { id: 'new-york-city', type: 'place', name: 'New York City', aliases: ['NYC'], description: '', facts: [] },
      { id: 'sao-paulo', type: 'other', name: 'São Paulo', aliases: [], description: '', facts: [] },
    ]);
  });

  it('is detected by its header without a filename', () => {
    const r = importSource(csv, { sourceName: 'pasted' });
    expect(r.ok && r.pack.entities.length).toBe(4);
  });

  it('reports every bad row by line and keeps nothing', () => {
    const bad = 'name,aliases,type,description\nAnn,,animal,\n,,person,\nBob,x,person\nCy,,person,"<script>ok as text</script>"\nCy,,place,\n';
    const r = fromCsv(bad, { filename: 'bad.csv' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.message)).toEqual([
      "Source 'bad.csv': line 2: type: must be one of person, organization, place, other (got 'animal')",
      "Source 'bad.csv': line 3: id: must not be empty",
      "Source 'bad.csv': line 3: name: must not be empty",
      "Source 'bad.csv': line 4: has 3 fields, the header has 4",
      "Source 'bad.csv': line 6: duplicate id 'cy' (also line 5); give one of them an id column value",
    ]);
  });

  it('accepts an id column and columns in any order', () => {
    const r = fromCsv('type,name,id\nperson,Zohran Mamdani,mamdani\n', { sourceName: 'x' });
    expect(r.ok && r.pack.entities[0]).toMatchObject({ id: 'mamdani', name: 'Zohran Mamdani', type: 'person' });
  });

  it('requires a name column', () => {
    const r = fromCsv('title,type\nA,person\n', { sourceName: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/line 1: header must have a "name" column/);
  });
});
