/**
 * The canonical form of a page URL, used as the key notes are stored under,
 * so that the same article read via a newsletter, a share link or an AMP-less
 * canonical link finds the same notes.
 */
import { parse } from 'tldts';

/** Query parameters that identify campaigns or referrers, never the article. Compared case-insensitively. */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'igsh',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  '_hsenc',
  '_hsmi',
  '_ga',
  '_gl',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'cmpid',
  'cmp',
  'ocid',
  'icid',
  'ncid',
  's_cid',
  'smid',
  'smtyp',
  'sr_share',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'spm',
  'ito',
  'xtor',
  'wt_mc',
  'wt.mc_id',
  'ns_mchannel',
  'ns_source',
  'ns_campaign',
  'ns_linkname',
  'ns_fee',
  '__twitter_impression',
]);

const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'oly_'];

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * Publishing platforms where each subdomain is a different author, but which the
 * public suffix list does not (yet) list as private suffixes. github.io,
 * blogspot.com, pages.dev, netlify.app and the like are in the list already.
 */
export const PUBLISHING_PLATFORMS: ReadonlySet<string> = new Set([
  'substack.com',
  'wordpress.com',
  'medium.com',
  'tumblr.com',
  'livejournal.com',
  'typepad.com',
  'ghost.io',
  'beehiiv.com',
  'weebly.com',
  'hashnode.dev',
  'neocities.org',
  'write.as',
]);

/**
 * The site a host belongs to: its registrable domain by the public suffix list
 * with private domains (tldts), so alice.github.io and mallory.github.io are two
 * sites while news.bbc.co.uk and www.bbc.co.uk are one; one more label under the
 * PUBLISHING_PLATFORMS. IP addresses, localhost and bare suffixes are their own site.
 */
export function siteOf(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const info = parse(host, { allowPrivateDomains: true });
  if (info.isIp || !info.domain) return host;
  if (PUBLISHING_PLATFORMS.has(info.domain) && info.subdomain) {
    const label = info.subdomain.split('.').pop()!;
    if (label !== 'www') return `${label}.${info.domain}`;
  }
  return info.domain;
}

function isHttp(u: URL): boolean {
  return u.protocol === 'http:' || u.protocol === 'https:';
}

function clean(u: URL): string {
  u.hash = '';
  u.username = '';
  u.password = '';
  const kept: [string, string][] = [];
  for (const [k, v] of u.searchParams) {
    if (!isTrackingParam(k)) kept.push([k, v]);
  }
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const search = new URLSearchParams(kept).toString();
  u.search = search ? `?${search}` : '';
  // URL already lower-cases the host and drops default ports (:80 for http, :443 for https).
  return u.toString();
}

/**
 * The URL notes of a page are filed under: the page's rel=canonical when it is
 * an http(s) URL of the same site, else the page URL; without tracking
 * parameters, fragment, credentials or default port; remaining parameters sorted.
 * Non-http(s) or unparsable URLs come back without their fragment.
 */
export function canonicalUrl(pageUrl: string, canonicalHref?: string | null): string {
  let page: URL;
  try {
    page = new URL(pageUrl.trim());
  } catch {
    return pageUrl.trim().replace(/#.*$/, '');
  }
  if (!isHttp(page)) {
    page.hash = '';
    return page.toString();
  }
  if (canonicalHref && canonicalHref.trim()) {
    try {
      const canon = new URL(canonicalHref.trim(), page);
      if (isHttp(canon) && siteOf(canon.hostname) === siteOf(page.hostname)) {
        return clean(canon);
      }
    } catch {
      // Unparsable canonical link: fall back to the page URL.
    }
  }
  return clean(page);
}
