import { describe, expect, it } from 'vitest';
import { createNote, markdownToPlainText, renderMarkdownSafe, safeHref, toMarkdown, updateNote, type MdNode } from '../../../notes';

const text = (t: string) => ({ type: 'text', text: t });

/** Every string in the tree must be plain data: nodes only of the known types. */
function allTypes(nodes: readonly MdNode[]): string[] {
  return nodes.flatMap((n) => [n.type, ...('children' in n ? allTypes(n.children) : [])]);
}

describe('renderMarkdownSafe', () => {
  it('parses paragraphs, line breaks and inline marks', () => {
    expect(renderMarkdownSafe('Hello **bold** and *em* and `x < y`\nnext line\n\nSecond _para_.')).toEqual([
      {
        type: 'p',
        children: [
          text('Hello '),
          { type: 'strong', children: [text('bold')] },
          text(' and '),
          { type: 'em', children: [text('em')] },
          text(' and '),
          { type: 'code', text: 'x < y' },
          { type: 'br' },
          text('next line'),
        ],
      },
      { type: 'p', children: [text('Second '), { type: 'em', children: [text('para')] }, text('.')] },
    ]);
  });

  it('nests marks and parses bullet lists', () => {
    expect(renderMarkdownSafe('**bold *and em***\n\n- one\n* two **b**\n+ three')).toEqual([
      { type: 'p', children: [{ type: 'strong', children: [text('bold '), { type: 'em', children: [text('and em')] }] }] },
      {
        type: 'ul',
        children: [
          { type: 'li', children: [text('one')] },
          { type: 'li', children: [text('two '), { type: 'strong', children: [text('b')] }] },
          { type: 'li', children: [text('three')] },
        ],
      },
    ]);
  });

  it('keeps http(s) links and nothing else', () => {
    expect(renderMarkdownSafe('[the source](https://example.org/a?b=1)')).toEqual([
      { type: 'p', children: [{ type: 'link', href: 'https://example.org/a?b=1', children: [text('the source')] }] },
    ]);
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '/relative', '//evil.example/x', 'http//nope']) {
      const src = `[click](${bad})`;
      const nodes = renderMarkdownSafe(src);
      expect(allTypes(nodes)).not.toContain('link');
      expect(markdownToPlainText(nodes).trim()).toBe(src);
    }
  });

  it('renders HTML and scripts as text', () => {
    const src = '<script>alert(1)</script> <img src=x onerror=alert(1)> <b>bold?</b>';
    const nodes = renderMarkdownSafe(src);
    expect(nodes).toEqual([{ type: 'p', children: [text(src)] }]);
    const md = renderMarkdownSafe('**<script>x</script>**');
    expect(md).toEqual([{ type: 'p', children: [{ type: 'strong', children: [text('<script>x</script>')] }] }]);
  });

  it('leaves unmatched marks, escapes and snake_case alone', () => {
    expect(renderMarkdownSafe('2 * 3 * 4 and snake_case_name and \\*literal\\* and **open')).toEqual([
      { type: 'p', children: [text('2 * 3 * 4 and snake_case_name and *literal* and **open')] },
    ]);
  });

  it('only produces known node types, even on hostile input', () => {
    const hostile = '['.repeat(500) + '*'.repeat(500) + '`'.repeat(3) + '_'.repeat(400) + '](javascript:x)';
    const types = new Set(allTypes(renderMarkdownSafe(hostile)));
    for (const t of types) expect(['p', 'ul', 'li', 'text', 'strong', 'em', 'code', 'link', 'br']).toContain(t);
    const deep = '*'.repeat(50) + 'x' + '*'.repeat(50);
    expect(() => renderMarkdownSafe(deep)).not.toThrow();
  });

  it('handles empty input and CRLF', () => {
    expect(renderMarkdownSafe('')).toEqual([]);
    expect(renderMarkdownSafe('a\r\nb')).toEqual([{ type: 'p', children: [text('a'), { type: 'br' }, text('b')] }]);
  });

  it('checks hrefs', () => {
    expect(safeHref('https://example.org')).toBe('https://example.org/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://')).toBeNull();
  });
});

describe('toMarkdown', () => {
  const T0 = '2026-11-20T10:00:00.000Z';
  const a = createNote(
    {
      pageUrl: 'https://example.com/story',
      pageTitle: 'A [bracketed] title',
      target: { kind: 'text', quote: 'the *quoted* words', selectors: [] },
      body: 'My **comment**.',
      tags: ['policy', 'two words'],
    },
    { now: T0 },
  );
  const b = updateNote(
    createNote({ pageUrl: 'https://example.com/story', target: { kind: 'page' }, body: 'Page-level note.' }, { now: '2026-11-21T10:00:00.000Z' }),
    { body: 'Page-level note, edited.' },
    { now: '2026-11-22T10:00:00.000Z' },
  );
  const c = createNote(
    {
      pageUrl: 'https://other.example/x',
      target: { kind: 'entity', entityId: 'p:1', entityName: 'Jessica Tisch' },
      body: 'Commissioner.',
    },
    { now: '2026-11-19T10:00:00.000Z' },
  );
  const gone = { ...createNote({ pageUrl: 'https://gone.example/', target: { kind: 'page' }, body: 'deleted' }, { now: T0 }), deleted: true };

  it('groups notes by page, most recently updated page first', () => {
    const md = toMarkdown([c, a, b, gone], { exported: '2026-11-27T00:00:00.000Z' });
    expect(md).toBe(
      [
        '# Gloss notes',
        '',
        'Exported 2026-11-27 · 3 notes',
        '',
        '## [A \\[bracketed\\] title](https://example.com/story)',
        '',
        '<https://example.com/story>',
        '',
        '> the \\*quoted\\* words',
        '',
        'My **comment**.',
        '',
        '_#policy #two-words · 2026-11-20_',
        '',
        '---',
        '',
        '*On the whole page*',
        '',
        'Page-level note, edited.',
        '',
        '_2026-11-21, edited 2026-11-22_',
        '',
        '---',
        '',
        '## <https://other.example/x>',
        '',
        '**About Jessica Tisch**',
        '',
        'Commissioner.',
        '',
        '_2026-11-19_',
        '',
      ].join('\n'),
    );
    expect(md).not.toContain('deleted');
  });

  it('renders an empty export', () => {
    expect(toMarkdown([])).toBe('# Gloss notes\n');
  });
});

describe('renderMarkdownSafe on pathological input', () => {
  // Each of these made the parser scan to the end once per opener (20k '[': 362 ms and more).
  const cases: [string, string][] = [
    ['20k [', '['.repeat(20_000)],
    ['20k [ then ]', `${'['.repeat(19_999)}]`],
    ['5k [a](', '[a]('.repeat(5_000)],
    ['20k *', '*'.repeat(20_000)],
    ['**a', '**a'.repeat(6_666)],
    ['_ after spaces', 'a _'.repeat(6_666)],
    ['mixed openers', '[*_`('.repeat(4_000)],
  ];
  it.each(cases)('%s: loses no text, and takes well under a frame of work (linear)', (_name, src) => {
    let best = Infinity;
    let nodes: ReturnType<typeof renderMarkdownSafe> = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      nodes = renderMarkdownSafe(src);
      best = Math.min(best, performance.now() - t);
    }
    // No character is lost: what is not markup comes out as text.
    const strip = (s: string) => s.replace(/[\n*_`[\]()]/g, '');
    expect(strip(markdownToPlainText(nodes))).toBe(strip(src));
    expect(best).toBeLessThan(100);
  });

  it('still parses links, emphasis and code after the memo', () => {
    expect(renderMarkdownSafe('[a](https://x.example/) and [b](https://y.example/) *c* `d` **e**')[0]).toEqual({
      type: 'p',
      children: [
        { type: 'link', href: 'https://x.example/', children: [text('a')] },
        text(' and '),
        { type: 'link', href: 'https://y.example/', children: [text('b')] },
        text(' '),
        { type: 'em', children: [text('c')] },
        text(' '),
        { type: 'code', text: 'd' },
        text(' '),
        { type: 'strong', children: [text('e')] },
      ],
    });
  });
});
