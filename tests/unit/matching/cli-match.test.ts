import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../cli/commands/match.ts';
import { htmlToText } from '../../../matching/html-text.ts';

const pack = {
  format: 'gloss-pack',
  version: 1,
  id: 'test',
  name: 'Test pack',
  publisher: 'Gloss tests',
  licence: 'CC0-1.0',
  updated: '2026-01-01',
  entities: [
    { id: 'ice', type: 'organization', name: 'Immigration and Customs Enforcement', aliases: ['ICE'], description: 'US agency.', facts: [] },
    { id: 'paris-fr', type: 'place', name: 'Paris', aliases: [], description: 'City in France.', facts: [] },
    { id: 'paris-tx', type: 'place', name: 'Paris', aliases: [], description: 'City in Texas.', facts: [] },
  ],
  claims: [],
};

describe('htmlToText', () => {
  it('skips script/style/noscript/template, joins inline text, breaks blocks', () => {
    const html =
      '<html><head><title>T</title><style>p{}</style></head><body><script>var ICE=1</script>' +
      '<p>Agents of <b>I</b><i>CE</i> &amp; <a href="#">the&nbsp;NYPD</a></p><noscript>ICE</noscript>' +
      '<template><p>ICE</p></template><div>Second &#8220;block&#x201D;</div><!-- ICE --></body></html>';
    expect(htmlToText(html)).toBe('Agents of ICE & the\u00a0NYPD\nSecond “block”');
  });
});

describe('gloss match', () => {
  const out: string[] = [];
  afterEach(() => {
    out.length = 0;
    vi.restoreAllMocks();
  });

  it('prints one JSON line per match with offsets into the visible text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gloss-match-'));
    const packFile = join(dir, 'pack.json');
    writeFileSync(packFile, JSON.stringify(pack));
    const page = join(dir, 'page.html');
    writeFileSync(page, '<p>ICE agents in <b>Paris</b>.</p><script>ICE</script><p>Ice skating. Immigration and Customs Enforcement</p>');
    const txt = join(dir, 'page.txt');
    // "ICE" alone, with nothing on the page to say which ICE: not marked (matching/context.ts).
    writeFileSync(txt, 'Police and ICE');
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    expect(await run(['--pack', packFile, page, txt])).toBe(0);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { file: page, entityId: 'test:ice', text: 'ICE', start: 0, end: 3 },
      { file: page, entityId: 'test:paris-fr', text: 'Paris', start: 14, end: 19, candidates: ['test:paris-fr', 'test:paris-tx'] },
      { file: page, entityId: 'test:ice', text: 'Immigration and Customs Enforcement', start: 34, end: 69 },
    ]);
  });

  it('fails with usage when no pack is given', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['page.html'])).toBe(2);
  });
});
