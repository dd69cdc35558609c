// @vitest-environment happy-dom
/** One vocabulary: every type and verdict has the reader's word, the card uses it, counts agree in number. */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { EntityBody } from '../../../components/Card';
import { tn } from '../../../i18n';
import { ENTITY_TYPES, VERDICTS } from '../../../model/types';
import { ENTITY_TYPE_MESSAGE, entityTypeLabel, reviewerLabelBeside, VERDICT_MESSAGE, verdictLabel } from '../../../model/vocabulary';
import { ENTITY_TYPES as PACK_TYPES, VERDICTS as PACK_VERDICTS } from '../../../packs/schema';

describe('one vocabulary', () => {
  it('names every entity type and verdict the pack format allows', () => {
    expect(PACK_TYPES).toBe(ENTITY_TYPES);
    expect(PACK_VERDICTS).toBe(VERDICTS);
    for (const t of ENTITY_TYPES) expect(entityTypeLabel(t)).not.toBe(ENTITY_TYPE_MESSAGE[t]);
    for (const v of VERDICTS) expect(verdictLabel(v)).not.toBe(VERDICT_MESSAGE[v]);
    expect(entityTypeLabel('organization')).toBe('Organisation');
  });

  it('the entity card reads the type from it', () => {
    const root = document.createElement('div');
    render(<EntityBody entity={{ key: 's:x', id: 'x', type: 'organization', name: 'Bayside Transit', aliases: [], description: 'Runs ferries.', facts: [], sourceName: 'Test' }} others={[]} onPick={() => undefined} />, root);
    expect(root.querySelector('.badge')!.textContent).toBe('Organisation');
  });

  it('shows the reviewer\'s label only when it says something else', () => {
    expect(reviewerLabelBeside('mostly-accurate', 'Mostly accurate')).toBeUndefined();
    expect(reviewerLabelBeside('inaccurate', 'Pants on fire')).toBe('Pants on fire');
  });

  it('counts things in the right number', () => {
    expect(tn('claimCount', 1)).toBe('1 claim');
    expect(tn('claimCount', 0)).toBe('0 claims');
    expect(tn('entityCount', 1)).toBe('1 entity');
    expect(tn('entityCount', 4002)).toBe('4,002 entities');
  });
});
