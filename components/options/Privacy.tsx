/** PRIVACY.md, bundled with the extension and shown as text (headings, paragraphs, lists). */
import { t, uiLocale } from '../../i18n';
import { Markdown } from '../Markdown';
import policy from '../../PRIVACY.md?raw';

export function PrivacyPolicy() {
  const blocks = policy.split(/\n{2,}/).map((b) => b.trim()).filter(Boolean);
  return (
    <div class="policy" lang="en" data-testid="privacy-policy">
      {blocks.map((b, i) => {
        const heading = /^#{1,6}\s+(.*)$/.exec(b);
        // The policy's own title is the section's; its subsections become h3.
        if (heading) return i === 0 ? null : <h3 key={i}>{heading[1]}</h3>;
        return <Markdown key={i} source={b.replace(/\n(?!- )/g, ' ')} />;
      })}
    </div>
  );
}

export function Privacy() {
  return (
    <details>
      <summary>{t('optPrivacyShow')}</summary>
      {!uiLocale().startsWith('en') && <p class="muted">{t('optPrivacyEnglish')}</p>}
      <PrivacyPolicy />
    </details>
  );
}
