// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectText, toRange } from '../../../page-text/collect';

function page(html: string) {
  document.body.innerHTML = html;
  // happy-dom computes no layout; treat elements styled display:none as hidden.
  return collectText(document.body, { isVisible: (el) => (el as HTMLElement).style?.display !== 'none' });
}

describe('collectText', () => {
  it('joins text across inline elements so names run on', () => {
    const p = page('<p><a href="#">Zohran Mamdani</a> has <em>firmly</em> declared</p>');
    expect(p.text).toBe('Zohran Mamdani has firmly declared');
  });

  it('separates blocks so words never run together', () => {
    const p = page('<h1>Mamdani</h1><p>NYPD</p><ul><li>one</li><li>two</li></ul>');
    expect(p.text).toBe('Mamdani\nNYPD\none\ntwo');
  });

  it('skips scripts, styles, form fields, hidden and contenteditable regions', () => {
    const p = page(
      '<p>seen</p><script>var ICE = 1</script><style>.x{}</style><textarea>typed ICE</textarea><input value="ICE">' +
        '<div hidden>hidden ICE</div><div style="display:none">none ICE</div><div contenteditable="true">editing ICE</div>' +
        '<select><option>ICE</option></select><p>end</p>',
    );
    expect(p.text).toBe('seen\nend');
  });

  it('leaves out excluded elements such as Gloss\'s own host', () => {
    document.body.innerHTML = '<p>article</p><gloss-ui>card text</gloss-ui>';
    const p = collectText(document.body, { exclude: (el) => el.tagName.toLowerCase() === 'gloss-ui', isVisible: () => true });
    expect(p.text).toBe('article');
  });

  it('maps offsets back to DOM ranges across element boundaries', () => {
    const p = page('<p>Mayor-elect <a href="#">Zohran</a> <b>Mamdani</b>\'s plan</p>');
    const start = p.text.indexOf('Zohran');
    const range = toRange(p, start, start + 'Zohran Mamdani'.length)!;
    expect(range.toString()).toBe('Zohran Mamdani');
    expect(range.startContainer.parentElement?.tagName).toBe('A');
    expect(range.endContainer.parentElement?.tagName).toBe('B');
  });

  it('reads the sample article without the page\'s script', () => {
    const html = readFileSync('tests/fixtures/sample/mamdani-nypd-ice.html', 'utf8');
    const body = /<body>([\s\S]*)<\/body>/.exec(html)![1]!;
    const p = page(body);
    expect(p.text).toContain('New York City Mayor-elect Zohran Mamdani has firmly declared');
    expect(p.text).not.toContain('createElement');
  });
});
