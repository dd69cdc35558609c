/** Only absolute http(s) links are ever rendered as links; anything else is shown as text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const months = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
  const month = mo ? months[Number(mo) - 1] : undefined;
  if (!month) return y ?? iso;
  return d ? `${month} ${Number(d)}, ${y}` : `${month} ${y}`;
}
