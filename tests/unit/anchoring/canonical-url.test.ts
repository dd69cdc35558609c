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
