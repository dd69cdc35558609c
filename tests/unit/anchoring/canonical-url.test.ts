import { describe, expect, it } from 'vitest';
import { canonicalUrl, isTrackingParam, siteOf } from '../../../anchoring';

describe('canonicalUrl', () => {
  it('removes tracking parameters, fragment and default port, and sorts the rest', () => {
    expect(
      canonicalUrl(
        'https://www.nytimes.com:443/2017/01/13/world/africa/sudan.html?utm_source=twitter&smid=tw-share&b=2&a=1&fbclid=XYZ#story-continues-1',
      ),
    ).toBe('https://www.nytimes.com/2017/01/13/world/africa/sudan.html?a=1&b=2');
    expect(canonicalUrl('http://Example.COM:80/a?gclid=1&mc_cid=2&mc_eid=3&ref=home&cmpid=rss&UTM_Medium=x')).toBe(
      'http://example.com/a',
    );
  });

  it('keeps a non-default port and parameters that identify the article', () => {
    expect(canonicalUrl('https://example.com:8443/story?id=42&page=2')).toBe(
      'https://example.com:8443/story?id=42&page=2',
    );
  });

  it('sorts repeated keys stably by value', () => {
    expect(canonicalUrl('https://example.com/s?tag=b&tag=a&q=x')).toBe('https://example.com/s?q=x&tag=a&tag=b');
  });

  it('uses a same-site http(s) rel=canonical, resolving relative links', () => {
    expect(
      canonicalUrl('https://www.theguardian.com/world/2017/x?CMP=share_btn_tw', 'https://www.theguardian.com/world/2017/x'),
    ).toBe('https://www.theguardian.com/world/2017/x');
    expect(canonicalUrl('https://m.example.co.uk/news/1?utm_campaign=a', 'https://www.example.co.uk/news/1')).toBe(
      'https://www.example.co.uk/news/1',
    );
    expect(canonicalUrl('https://example.com/a/b?x=1', '/canonical/b')).toBe('https://example.com/canonical/b');
    expect(canonicalUrl('https://example.com/a', 'https://example.com/c?utm_source=feed#top')).toBe(
      'https://example.com/c',
    );
  });

  it('ignores a canonical link to another site, a non-http one, or an unparsable one', () => {
    expect(canonicalUrl('https://news.example.com/a', 'https://evil.example.net/a')).toBe('https://news.example.com/a');
    expect(canonicalUrl('https://news.example.com/a', 'javascript:alert(1)')).toBe('https://news.example.com/a');
    expect(canonicalUrl('https://news.example.com/a', 'http://[bad')).toBe('https://news.example.com/a');
    expect(canonicalUrl('https://a.example.co.uk/x', 'https://b.other.co.uk/x')).toBe('https://a.example.co.uk/x');
    expect(canonicalUrl('https://example.com/a', '')).toBe('https://example.com/a');
    expect(canonicalUrl('https://example.com/a', null)).toBe('https://example.com/a');
  });

  it('leaves non-http pages and garbage mostly alone', () => {
    expect(canonicalUrl('file:///home/me/page.html#x')).toBe('file:///home/me/page.html');
    expect(canonicalUrl('not a url#frag')).toBe('not a url');
  });

  it('knows tracking parameters and sites', () => {
    expect(isTrackingParam('utm_content')).toBe(true);
    expect(isTrackingParam('id')).toBe(false);
    expect(siteOf('www.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteOf('edition.cnn.com')).toBe('cnn.com');
    expect(siteOf('localhost')).toBe('localhost');
  });
});

describe('what a site is (public suffix list, private domains included)', () => {
  it('keeps authors on shared hosting apart', () => {
    const apart: [string, string][] = [
      ['alice.github.io', 'mallory.github.io'],
      ['alice.substack.com', 'mallory.substack.com'],
      ['alice.blogspot.com', 'mallory.blogspot.com'],
      ['alice.wordpress.com', 'mallory.wordpress.com'],
      ['alice.medium.com', 'mallory.medium.com'],
      ['alice.pages.dev', 'mallory.pages.dev'],
      ['alice.netlify.app', 'mallory.netlify.app'],
      ['bbc.co.uk', 'evil.co.uk'],
      ['example.com.au', 'other.com.au'],
      ['github.io', 'alice.github.io'],
      ['127.0.0.1', '127.0.0.2'],
    ];
    for (const [a, b] of apart) expect(siteOf(a), `${a} vs ${b}`).not.toBe(siteOf(b));
  });

  it('keeps one publisher’s hosts together', () => {
    const together: [string, string][] = [
      ['www.bbc.co.uk', 'news.bbc.co.uk'],
      ['amp.theguardian.com', 'www.theguardian.com'],
      ['docs.alice.github.io', 'alice.github.io'],
      ['www.medium.com', 'medium.com'],
      ['WWW.Example.COM.', 'example.com'],
    ];
    for (const [a, b] of together) expect(siteOf(a), `${a} vs ${b}`).toBe(siteOf(b));
    expect(siteOf('alice.github.io')).toBe('alice.github.io');
    expect(siteOf('news.bbc.co.uk')).toBe('bbc.co.uk');
  });

  it('takes a canonical link only within the page’s own site', () => {
    expect(canonicalUrl('https://mallory.github.io/post', 'https://alice.github.io/notes')).toBe('https://mallory.github.io/post');
    expect(canonicalUrl('https://mallory.substack.com/p/x', 'https://alice.substack.com/p/x')).toBe('https://mallory.substack.com/p/x');
    expect(canonicalUrl('https://mallory.blogspot.com/p', 'https://alice.blogspot.com/p')).toBe('https://mallory.blogspot.com/p');
    expect(canonicalUrl('https://evil.co.uk/a', 'https://www.bbc.co.uk/a')).toBe('https://evil.co.uk/a');
    expect(canonicalUrl('https://alice.github.io/a?utm_source=x', 'https://alice.github.io/b')).toBe('https://alice.github.io/b');
    expect(canonicalUrl('https://m.bbc.co.uk/news/1', 'https://www.bbc.co.uk/news/1')).toBe('https://www.bbc.co.uk/news/1');
  });
});
