/**
 * The entity and claim card, and a screen-reader live region, in Gloss's closed
 * shadow root (content/shadow-host.ts). The card is positioned beside the highlighted text and kept in
 * the viewport by Floating UI.
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import { ClaimBody, EntityBody, verdictLabel } from '../components/Card';
import { t, uiLocale } from '../i18n';
import type { Annotation, AnnotationSet } from './annotations';
import type { GlossRoot } from './shadow-host';

export interface CardUi {
  open(a: Annotation, set: AnnotationSet, opts?: { focus?: boolean; pick?: string }): void;
  close(): void;
  readonly openAnnotation: Annotation | undefined;
  /** The card element, for hover tracking. */
  readonly element: HTMLElement | null;
  host: HTMLElement;
}

export function createCardUi(root: GlossRoot, onPointer: (inside: boolean) => void): CardUi {
  const container = root.cardLayer;

  let current: Annotation | undefined;
  let stopAutoUpdate: (() => void) | undefined;
  let announcement = '';

  const draw = (a: Annotation | undefined, set: AnnotationSet | undefined, pick?: string) => {
    let body = null;
    if (a && set) {
      if (a.kind === 'entity') {
        const keys = pick ? [pick, ...a.keys.filter((k) => k !== pick)] : a.keys;
        const cards = keys.map((k) => set.entityCards.get(k)).filter((c) => c !== undefined);
        const [entity, ...others] = cards;
        if (entity) {
          announcement = `${entity.name}: ${entity.description}`;
          body = <EntityBody key={entity.key} entity={entity} others={others} onPick={(k) => draw(a, set, k)} />;
        }
      } else {
        const claims = a.keys.map((k) => set.claimCards.get(k)).filter((c) => c !== undefined);
        if (claims[0]) announcement = t('cardAnnounceClaim', claims[0].verdictLabel || verdictLabel(claims[0].verdict), claims[0].text);
        body = <ClaimBody claims={claims} confidence={a.confidence} sharedTerms={a.sharedTerms} />;
      }
    }
    render(
      <>
        {body && (
          <div
            class="card"
            lang={uiLocale()}
            role="dialog"
            aria-modal="false"
            aria-labelledby="gloss-card-title"
            aria-describedby="gloss-card-desc"
            tabIndex={-1}
            onMouseEnter={() => onPointer(true)}
            onMouseLeave={() => onPointer(false)}
          >
            {body}
          </div>
        )}
        <div class="sr-only" role="status" aria-live="polite">
          {body ? announcement : ''}
        </div>
      </>,
      container,
    );
  };

  const cardEl = () => container.querySelector<HTMLElement>('.card');

  return {
    host: root.host,
    get openAnnotation() {
      return current;
    },
    get element() {
      return cardEl();
    },
    open(a, set, opts = {}) {
      stopAutoUpdate?.();
      current = a;
      draw(a, set, opts.pick);
      const el = cardEl();
      if (!el) return;
      const reference = {
        getBoundingClientRect: () => a.range.getBoundingClientRect(),
        getClientRects: () => a.range.getClientRects(),
      };
      const place = () =>
        void computePosition(reference, el, {
          strategy: 'fixed',
          placement: 'bottom-start',
          middleware: [offset(6), flip(), shift({ padding: 8 }), size({ padding: 8, apply: ({ availableHeight }) => {
                el.style.maxHeight = `${Math.max(120, Math.min(440, availableHeight))}px`;
              } })],
        }).then(({ x, y }) => Object.assign(el.style, { left: `${x}px`, top: `${y}px` }));
      stopAutoUpdate = autoUpdate(reference, el, place);
      if (opts.focus) el.focus({ preventScroll: true });
    },
    close() {
      stopAutoUpdate?.();
      stopAutoUpdate = undefined;
      current = undefined;
      draw(undefined, undefined);
    },
  };
}
