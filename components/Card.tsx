/**
 * The context card. Everything from a pack is rendered as text; links are http(s) only.
 */
import { useState } from 'preact/hooks';
import type { ClaimCard, EntityCard } from '../messaging/protocol';
import type { Verdict } from '../model/types';
import { formatDate, formatNumber, t, tn, type MessageKey } from '../i18n';
import { safeHref } from './links';
import { EntityNotes } from './NoteCard';

const TYPE_LABEL: Record<EntityCard['type'], MessageKey> = {
  person: 'typePerson',
  organization: 'typeOrganization',
  place: 'typePlace',
  other: 'typeOther',
};

/** An entity type in the reader's language. */
export const typeLabel = (type: EntityCard['type']): string => t(TYPE_LABEL[type] ?? 'typeOther');

const VERDICT_LABEL: Record<Verdict, MessageKey> = {
  accurate: 'verdictAccurate',
  'mostly-accurate': 'verdictMostlyAccurate',
  mixed: 'verdictMixed',
  'needs-context': 'verdictNeedsContext',
  'mostly-inaccurate': 'verdictMostlyInaccurate',
  inaccurate: 'verdictInaccurate',
  unrated: 'verdictUnrated',
};

/** Gloss's verdict scale in the reader's language. */
export const verdictLabel = (v: Verdict): string => t(VERDICT_LABEL[v] ?? 'verdictUnrated');

function Source({ url, name }: { url: string; name: string }) {
  const href = safeHref(url);
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {name}
    </a>
  ) : (
    <span>{name}</span>
  );
}

/** Facts shown before "Show all": the card stays short enough to read at a glance. */
const FACTS_SHOWN = 4;

/** Where a record came from: a pack names itself, so a downloaded one also shows its host (packs/provenance.ts). */
function provenance(c: { sourceName: string; sourceKind?: 'bundled' | 'url' | 'file'; sourceHost?: string }): string {
  if (c.sourceKind === 'url' && c.sourceHost) return t('cardFromHost', c.sourceName, c.sourceHost);
  if (c.sourceKind === 'bundled') return t('cardFromBuiltIn', c.sourceName);
  if (c.sourceKind === 'file') return t('cardFromFile', c.sourceName);
  return t('cardFrom', c.sourceName);
}

export function EntityBody({ entity, others, onPick }: { entity: EntityCard; others: EntityCard[]; onPick: (key: string) => void }) {
  const [showAll, setShowAll] = useState(false);
  return (
    <>
      <header>
        <h2 id="gloss-card-title">{entity.name}</h2>
        <span class="badge">{typeLabel(entity.type)}</span>
      </header>
      <p class="description" id="gloss-card-desc">{entity.description}</p>
      {entity.facts.length > 0 && (
        <ul class="facts">
          {(showAll ? entity.facts : entity.facts.slice(0, FACTS_SHOWN)).map((f, i) => (
            <li key={i}>
              <span class="fact">{f.text}</span>{' '}
              <span class="meta">
                <Source url={f.sourceUrl} name={f.sourceName} />
                {f.asOf ? ` · ${t('cardAsOf', formatDate(f.asOf))}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {!showAll && entity.facts.length > FACTS_SHOWN && (
        <button type="button" class="more" onClick={() => setShowAll(true)}>
          {tn('cardShowAllFacts', entity.facts.length)}
        </button>
      )}
      {others.length > 0 && (
        <div class="candidates">
          <span>{t('cardOrDidThisMean')}</span>
          <ul>
            {others.map((o) => (
              <li key={o.key}>
                <button type="button" onClick={() => onPick(o.key)}>
                  {o.name}
                </button>{' '}
                <span class="meta">{o.description}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {entity.notes && entity.notes.length > 0 && <EntityNotes notes={entity.notes} />}
      <footer class="provenance">{provenance(entity)}</footer>
    </>
  );
}

export function ClaimBody({ claims, confidence, sharedTerms }: { claims: ClaimCard[]; confidence?: number; sharedTerms?: string[] }) {
  const [first] = claims;
  if (!first) return null;
  return (
    <>
      <header>
        <h2 id="gloss-card-title">{t('cardClaimTitle')}</h2>
        <span class={`verdict verdict-${first.verdict}`}>{verdictLabel(first.verdict)}</span>
      </header>
      {claims.map((c, i) => (
        <section class="claim" key={c.key} id={i === 0 ? 'gloss-card-desc' : undefined}>
          <blockquote>{c.text}</blockquote>
          <p class="verdict-label">
            <strong>{verdictLabel(c.verdict)}</strong>
            {c.verdictLabel && c.verdictLabel !== verdictLabel(c.verdict) ? ` ${t('cardReviewerLabel', c.verdictLabel)}` : ''}
          </p>
          {c.explanation && <p class="explanation">{c.explanation}</p>}
          <p class="meta">
            {c.reviewer}
            {c.reviewDate ? `, ${formatDate(c.reviewDate)}` : ''} · <Source url={c.url} name={t('cardReadFactCheck')} />
          </p>
          <footer class="provenance">{provenance(c)}</footer>
        </section>
      ))}
      {confidence !== undefined && confidence < 1 && (
        <p class="match-why">
          {t('cardMatchConfidence', formatNumber(confidence, { style: 'percent' }))}
          {sharedTerms?.length ? `; ${t('cardSharedTerms', sharedTerms.join(', '))}` : ''}
        </p>
      )}
    </>
  );
}
