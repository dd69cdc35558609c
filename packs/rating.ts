/**
 * Maps a reviewer's rating (schema.org Rating) onto Gloss's verdict scale.
 *
 * The reviewer's text label wins over the numbers: real feeds use numeric
 * scales inconsistently (in FACTCK.BR, Truco rates both "Falso" and
 * "Verdadeiro" 4 of 6, and Lupa's 8-point scale is not ordered by truth), so
 * numbers are only used when the label is missing or unknown.
 */
import type { Verdict } from '../model/types.ts';
import { VERDICTS } from './schema.ts';

export interface RatingInput {
  alternateName?: unknown;
  ratingValue?: unknown;
  bestRating?: unknown;
  worstRating?: unknown;
}

/** Verdicts from most to least accurate; a numeric rating maps linearly onto this order. */
export const VERDICT_SCALE: readonly Verdict[] = VERDICTS.filter((v) => v !== 'unrated');

function key(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[“”"'‘’«»!¡?¿]/g, '')
    .replace(/[,.;:…]/g, ' ')
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

const LABELS: Record<Verdict, string[]> = {
  accurate: [
    'true', 'accurate', 'correct', 'verified', 'fact', 'confirmed',
    'verdadeiro', 'verdadeira', 'verdade', 'correto', 'correta', 'confirmado',
    'verdadero', 'verdadera', 'cierto', 'cierta', 'correcto',
    'vrai', 'richtig', 'wahr', 'geppetto checkmark', 'tick',
  ],
  'mostly-accurate': [
    'mostly true', 'mostly accurate', 'mostly correct', 'largely true', 'largely accurate', 'partly true but',
    'verdadeiro mas', 'verdadeira mas', 'quase verdadeiro', 'praticamente verdadeiro', 'impreciso', 'imprecisa',
    'em grande parte verdadeiro', 'maioritariamente verdadeiro',
    'mayormente cierto', 'mayormente verdadero', 'casi verdadero', 'verdadero pero', 'cierto pero', 'impreciso pero',
    'one pinocchio', 'imprecise', 'inaccurate but',
  ],
  mixed: [
    'half true', 'mixture', 'mixed', 'partly true', 'partly false', 'partially true', 'partially false', 'half truth',
    'exaggerated', 'exaggeration', 'overstated', 'understated', 'two pinocchios', 'contradictory', 'debatable', 'disputed',
    'meia verdade', 'parcialmente verdadeiro', 'parcialmente falso', 'parcialmente verdadeira', 'parcialmente falsa',
    'exagerado', 'exagerada', 'subestimado', 'subestimada', 'discutivel', 'contraditorio', 'contraditoria', 'controverso',
    'media verdad', 'verdad a medias', 'medio cierto', 'parcialmente cierto', 'discutible',
  ],
  'needs-context': [
    'missing context', 'needs context', 'lacks context', 'out of context', 'no context', 'cherry picks', 'cherry picking',
    'sem contexto', 'fora de contexto', 'falta contexto', 'falta de contexto', 'descontextualizado', 'descontextualizada',
    'precisa de contexto', 'contexto', 'sacado de contexto', 'fuera de contexto', 'sin contexto', 'necesita contexto',
    'enganoso sem contexto',
  ],
  'mostly-inaccurate': [
    'mostly false', 'mostly inaccurate', 'largely false', 'misleading', 'distorted', 'distortion', 'unsupported',
    'unsustainable', 'three pinocchios', 'spins the facts', 'not the whole story',
    'enganoso', 'enganosa', 'distorcido', 'distorcida', 'insustentavel', 'em grande parte falso', 'maioritariamente falso',
    'quase falso', 'praticamente falso',
    'engañoso', 'mayormente falso', 'casi falso', 'distorsionado', 'insostenible', 'ciertamente falso',
  ],
  inaccurate: [
    'false', 'fake', 'incorrect', 'inaccurate', 'wrong', 'pants on fire', 'pants on fire!', 'four pinocchios',
    'fabricated', 'hoax', 'scam', 'not true', 'untrue', 'baseless', 'false claim', 'totally false', 'completely false',
    'falso', 'falsa', 'falsas', 'falsos', 'mentira', 'boato', 'nao e verdade', 'e falso', 'golpe', 'fraude',
    'totalmente falso', 'completamente falso', 'inventado', 'montagem',
    'no es verdad', 'bulo', 'estafa', 'es falso', 'faux', 'falsch',
  ],
  unrated: [
    'unproven', 'unverifiable', 'unverified', 'research in progress', 'too early to say', 'satire', 'opinion', 'other',
    'impossivel provar', 'nao e possivel provar', 'ainda e cedo para dizer', 'de olho', 'outros', 'satira', 'sem evidencias',
    'inconclusivo', 'nao verificavel', 'sin evidencia', 'inverificable', 'no verificable',
  ],
};

const TABLE = new Map<string, Verdict>();
for (const verdict of Object.keys(LABELS) as Verdict[]) {
  for (const label of LABELS[verdict]) {
    const k = key(label);
    if (!TABLE.has(k)) TABLE.set(k, verdict);
  }
}

/** Ordered keyword rules for labels not in the table ("Falso: a foto é de 2015"). Most specific first. */
const RULES: [RegExp, Verdict][] = [
  [/\b(not|nao|no) (true|verdade|verdad|e verdade|es verdad)\b/, 'inaccurate'],
  [/\b(missing|needs|lacks|out of|sem|fora de|falta|sin|fuera de|sacado de) contexto?\b|\bcontext\b/, 'needs-context'],
  [/\b(mostly|largely|em grande parte|maioritariamente|mayormente|quase|casi) (false|falso|falsa)\b/, 'mostly-inaccurate'],
  [/\b(misleading|enganos[oa]|engañoso|distorted|distorcid[oa]|insustentavel)\b/, 'mostly-inaccurate'],
  [/\b(mostly|largely|em grande parte|maioritariamente|mayormente|quase|casi) (true|accurate|verdadeir[oa]|verdader[oa]|cierto)\b/, 'mostly-accurate'],
  [/\b(half|partly|partially|parcialmente|meia|media)\b/, 'mixed'],
  [/\b(exaggerat\w*|exagerad[oa])\b/, 'mixed'],
  [/\b(false|falso|falsa|fake|pants on fire|hoax|boato|bulo)\b/, 'inaccurate'],
  [/\b(true|verdadeir[oa]|verdader[oa]|correct|correto|correcto)\b/, 'accurate'],
];

function num(x: unknown): number | undefined {
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))) return Number(x);
  return undefined;
}

/** The verdict for a text label alone, or undefined when the label is not recognised. */
export function verdictFromLabel(label: string): Verdict | undefined {
  const k = key(label);
  if (!k) return undefined;
  const exact = TABLE.get(k);
  if (exact) return exact;
  // "Falso: a foto é de 2015", "Mostly true (wrong year)": try the leading phrase.
  const head = key(label.split(/[.:;,(—–]| - /)[0] ?? '');
  if (head && head !== k) {
    const h = TABLE.get(head);
    if (h) return h;
  }
  for (const [re, verdict] of RULES) if (re.test(k)) return verdict;
  return undefined;
}

/**
 * schema.org Rating → Verdict. A known label decides; otherwise a numeric
 * ratingValue within [worstRating (default 1), bestRating (default 5)] maps
 * linearly onto the six-point scale (best = accurate, worst = inaccurate);
 * otherwise 'unrated'.
 */
export function normaliseRating(rating: RatingInput | undefined | null): Verdict {
  if (!rating || typeof rating !== 'object') return 'unrated';
  const label = typeof rating.alternateName === 'string' ? rating.alternateName : '';
  const fromLabel = label ? verdictFromLabel(label) : undefined;
  if (fromLabel) return fromLabel;
  const value = num(rating.ratingValue);
  const best = num(rating.bestRating) ?? 5;
  const worst = num(rating.worstRating) ?? 1;
  if (value === undefined || !(best > worst) || value < worst || value > best) return 'unrated';
  const fraction = (value - worst) / (best - worst);
  // Ties round towards the more accurate verdict, so the midpoint of a 1–5
  // scale (3) is 'mixed', not 'needs-context'.
  const index = Math.ceil((1 - fraction) * (VERDICT_SCALE.length - 1) - 0.5);
  return VERDICT_SCALE[index] ?? 'unrated';
}

/** The reviewer's own label for display: their text, else "2/5", else "Unrated". */
export function ratingLabel(rating: RatingInput | undefined | null): string {
  if (!rating || typeof rating !== 'object') return 'Unrated';
  if (typeof rating.alternateName === 'string' && rating.alternateName.trim()) return rating.alternateName.trim();
  const value = num(rating.ratingValue);
  if (value !== undefined) {
    const best = num(rating.bestRating) ?? 5;
    return `${value}/${best}`;
  }
  return 'Unrated';
}
