/**
 * Counted things in the reader's words ("1 claim", "2 claims"), with the plural form
 * chosen by Intl.PluralRules (languages have more forms than one/other) and the
 * number formatted for the language. The English forms live here together, ready to
 * move into the message catalogue (_locales) with the i18n helper.
 */
const FORMS = {
  entity: { one: '# entity', other: '# entities' },
  claim: { one: '# claim', other: '# claims' },
  record: { one: '# record', other: '# records' },
  fact: { one: '# fact', other: '# facts' },
  note: { one: '# note', other: '# notes' },
  problem: { one: '# more problem', other: '# more problems' },
} as const;

export type Counted = keyof typeof FORMS;

const LANG = 'en';
const rules = new Intl.PluralRules(LANG);
const numbers = new Intl.NumberFormat(LANG);

/** "1 entity", "4,002 entities". */
export function count(n: number, what: Counted): string {
  const forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string } = FORMS[what];
  return (forms[rules.select(n)] ?? forms.other).replace('#', numbers.format(n));
}

/** A number as the reader's language writes it. */
export function formatNumber(n: number): string {
  return numbers.format(n);
}
