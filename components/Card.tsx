/**
 * The context card. Everything from a pack is rendered as text; links are http(s) only.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClaimCard, EntityCard } from '../messaging/protocol';
import type { Verdict } from '../model/types';
import { formatDate, formatList, formatNumber, t, tn, type MessageKey } from '../i18n';
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

/** When a fact was true: "as of Nov. 19, 2025", "since 1845", or plainly undated. */
export function factDate(f: { asOf?: string; since?: string }): string {
  if (f.asOf) return t('cardAsOf', formatDate(f.asOf));
  if (f.since) return t('cardSince', formatDate(f.since));
  return t('cardUndated');
}

/** Facts shown before "More": the card reads at a glance, like a page preview. */
const FACTS_SHOWN = 2;

const ROLE = /\b(since|mayor|president|prime minister|chancellor|minister|commissioner|governor|senator|representative|member of|chair|chief|director|leader|head of|secretary|position held|capital)\b/i;

/**
 * The facts in the order a reader needs them: a current role first (a dated fact naming
 * an office), then the most recent dated facts, then those that do not change (a birth,
 * a founding), then undated ones. Stable for equal ranks.
 */
export function rankFacts<F extends { text: string; asOf?: string; since?: string }>(facts: readonly F[]): F[] {
  const rank = (f: F) => (f.asOf && ROLE.test(f.text) ? 0 : f.asOf ? 1 : f.since ? 2 : 3);
  return facts
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || (b.f.asOf ?? '').localeCompare(a.f.asOf ?? '') || a.i - b.i)
    .map((x) => x.f);
}

/** A long card says that it scrolls: a hint at the bottom while more is below. */
function ScrollHint() {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const box = ref.current?.closest<HTMLElement>('.card');
    if (!box) return;
    const update = () => setMore(box.scrollHeight - box.clientHeight - box.scrollTop > 4);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    box.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      box.removeEventListener('scroll', update);
    };
  }, []);
  return (
    <div ref={ref} class={more ? 'scroll-hint shown' : 'scroll-hint'} aria-hidden="true">
      {more ? t('cardScrollForMore') : ''}
    </div>
  );
}

/** An optional picture from the pack: https only, fetched when the card opens (it is rendered only then), credited. */
function EntityImage({ url, credit, name }: { url: string; credit: string; name: string }) {
  const href = safeHref(url);
  const [failed, setFailed] = useState(false);
  if (!href || !href.startsWith('https:') || failed) return null;
  return (
    <figure class="picture">
      <img src={href} alt={name} loading="eager" decoding="async" referrerpolicy="no-referrer" onError={() => setFailed(true)} />
      <figcaption class="meta">{credit}</figcaption>
    </figure>
  );
}

/** Where a record came from: a pack names itself, so a downloaded one also shows its host (packs/provenance.ts). */
function provenance(c: { sourceName: string; sourceKind?: 'bundled' | 'url' | 'file'; sourceHost?: string }): string {
  if (c.sourceKind === 'url' && c.sourceHost) return t('cardFromHost', c.sourceName, c.sourceHost);
  if (c.sourceKind === 'bundled') return t('cardFromBuiltIn', c.sourceName);
  if (c.sourceKind === 'file') return t('cardFromFile', c.sourceName);
  return t('cardFrom', c.sourceName);
}

export function EntityBody({ entity, others, onPick }: { entity: EntityCard; others: EntityCard[]; onPick: (key: string) => void }) {
  const [showAll, setShowAll] = useState(false);
  const facts = rankFacts(entity.facts);
  return (
    <>
      <div class="card-head">
        <h2 id="gloss-card-title">{entity.name}</h2>
        <span class="badge">{typeLabel(entity.type)}</span>
      </div>
      {entity.image && <EntityImage url={entity.image.url} credit={entity.image.credit} name={entity.name} />}
      <p class="description" id="gloss-card-desc" title={entity.description}>
        {entity.description}
        {entity.asOf ? <span class="meta"> ({t('cardAsOf', formatDate(entity.asOf))})</span> : null}
      </p>
      {entity.facts.length > 0 && (
        <ul class="facts">
          {(showAll ? facts : facts.slice(0, FACTS_SHOWN)).map((f, i) => (
            <li key={i}>
              <span class="fact">{f.text}</span>{' '}
              <span class="meta">
                <Source url={f.sourceUrl} name={f.sourceName} />
                <span class={f.asOf || f.since ? 'date' : 'date undated'}>{` · ${factDate(f)}`}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {!showAll && entity.facts.length > FACTS_SHOWN && (
        <button type="button" class="more" aria-expanded="false" onClick={() => setShowAll(true)}>
          {tn('cardMoreFacts', entity.facts.length - FACTS_SHOWN)}
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
      <p class="provenance">{provenance(entity)}</p>
      <ScrollHint />
    </>
  );
}

export function ClaimBody({ claims, confidence, sharedTerms }: { claims: ClaimCard[]; confidence?: number; sharedTerms?: string[] }) {
  const [first] = claims;
  if (!first) return null;
  return (
    <>
      <div class="card-head">
        <h2 id="gloss-card-title">{t('cardClaimTitle')}</h2>
        <span class={`verdict verdict-${first.verdict}`}>{verdictLabel(first.verdict)}</span>
      </div>
      {claims.map((c, i) => (
        <section class="claim" key={c.key} id={i === 0 ? 'gloss-card-desc' : undefined}>
          <blockquote>{c.text}</blockquote>
          <p class="verdict-label">
            <strong>{verdictLabel(c.verdict)}</strong>
            {c.verdictLabel && c.verdictLabel !== verdictLabel(c.verdict) ? ` ${t('cardReviewerLabel', c.verdictLabel)}` : ''}
          </p>
          {c.explanation && <p class="explanation">{c.explanation}</p>}
          {c.checkedAgainst?.length ? (
            <p class="meta">
              {t('cardEditorsChecked', c.reviewer, formatList(c.checkedAgainst))}
              {c.reviewDate ? `, ${formatDate(c.reviewDate)}` : ''} · <Source url={c.url} name={t('cardSourceLink')} />
            </p>
          ) : (
            <p class="meta">
              {t('cardReviewedBy', c.reviewer)}
              {c.reviewDate ? `, ${formatDate(c.reviewDate)}` : ''} · <Source url={c.url} name={t('cardReadFactCheck')} />
            </p>
          )}
          <p class="provenance">{provenance(c)}</p>
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
