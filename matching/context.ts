/**
 * Short and common aliases need context. "Mamdani" may be the mayor or his father,
 * "Tisch" the commissioner or the Tisch School of the Arts, "ICE" the agency, a German
 * train or a headline's "ICE STORM", "Congress" the US one or the Indian party. Such a
 * *weak* alias names an entity only when the page gives reason to think so:
 *
 * - context: the entity is also named in full on the page (a strong alias, alone), or an
 *   entity it is related to is;
 * - case: a weak name must be written capitalised ("Congress", not "congress"); an
 *   acronym must not sit among other all-capital words (a shouted headline);
 * - the name must not continue: "Mahmood Mamdani", "Tisch School" are other names (a
 *   capitalised word just before, other than a title such as "Mayor", or just after).
 *
 * Weak aliases: those a pack marks (`contextAliases`), a single word of a longer name
 * ("Mamdani" of "Zohran Mamdani"), and bare acronyms of at most three letters ("ICE",
 * "US"). Everything else is strong and matches as before. Pure: no browser API.
 */
import { isAcronym, type EntityMatch } from './entity-matcher.ts';
import { normalizeKey } from './normalize.ts';

export interface ContextEntity {
  name: string;
  aliases: string[];
  contextAliases?: string[];
  type?: string;
  /** The source (pack) it came from: entities of one topic vouch for each other's acronyms. */
  sourceId?: string;
}

/** Words before a surname that keep it the same person ("Mayor Mamdani"). */
const TITLES = new Set(
  'mr mrs ms miss dr prof professor sir dame lady lord mayor president vice commissioner senator sen rep representative gov governor minister prime chancellor secretary judge justice chief police speaker assemblyman assemblywoman assemblymember councilman councilwoman council member officer sgt sergeant detective director leader general gen col colonel captain capt king queen prince princess pope rev reverend father brother sister deputy acting former then new the a an by of for and said says told with to on in at from as but when after before while'.split(' '),
);

const key = (s: string) => normalizeKey(s, true);

/** Is `alias` weak for this entity (named only with context)? */
export function isWeakAlias(alias: string, entity: ContextEntity): boolean {
  const k = key(alias);
  if (entity.contextAliases?.some((a) => key(a) === k)) return true;
  if (isAcronym(alias)) return !/[.]/.test(alias) && (alias.match(/\p{L}/gu)?.length ?? 0) <= 3;
  if (/\s/.test(alias.trim())) return false;
  // "China" of "People's Republic of China" is the place; "Mamdani" of "Zohran Mamdani" may be anyone.
  if (entity.type === 'place') return false;
  const nameWords = entity.name.split(/\s+/);
  return nameWords.length > 1 && nameWords.some((w) => key(w) === k);
}

/** The word (letters, digits, apostrophes, dots) ending just before `i`, and what separates it. */
function wordBefore(text: string, i: number): { word: string; sep: string } | undefined {
  const m = /([\p{L}\p{N}'’.-]+)([ \t\u00a0]+)$/u.exec(text.slice(Math.max(0, i - 60), i));
  return m ? { word: m[1]!, sep: m[2]! } : undefined;
}

function wordAfter(text: string, i: number): string | undefined {
  const m = /^[ \t\u00a0]+([\p{L}\p{N}'’-]+)/u.exec(text.slice(i, i + 60));
  return m ? m[1] : undefined;
}

const capitalised = (w: string) => /^\p{Lu}/u.test(w);
/** Words after a name that make it the name of something else ("Tisch School of the Arts"). */
const NAME_GOES_ON = new Set(
  'school schools center centre institute foundation university college hall building prize award awards family group company corp corporation inc ltd party street avenue road park square museum library hospital trust fund bridge tower station stadium arena theater theatre gallery lab laboratory law act report house club league cup'.split(' '),
);
/** "Mayor-elect Mamdani" is still the mayor. */
const isTitle = (w: string) => TITLES.has(w.toLowerCase().replace(/[.]$/, '').replace(/-elect$/, ''));
/** "Latin America", "North Korea": a direction before a one-word place name makes another place. */
const DIRECTIONS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'latin', 'new', 'upper', 'lower', 'greater']);
const shouted = (w: string | undefined) => !!w && /\p{L}{2}/u.test(w) && !/\p{Ll}/u.test(w);

/** Does the surface of this weak mention fit the entity? */
function surfaceFits(text: string, m: EntityMatch, alias: string): boolean {
  const before = wordBefore(text, m.start);
  const after = wordAfter(text, m.end);
  // "US$1,000" is a currency.
  if (isAcronym(alias)) return !shouted(before?.word.replace(/[.]$/, '')) && !shouted(after) && text[m.end] !== '$';
  if (!capitalised(m.text)) return false;
  // A capitalised word right before (not after a sentence end, not a title): another name.
  if (before && capitalised(before.word) && !/[.!?:]$/.test(before.word) && !isTitle(before.word)) return false;
  // "Tisch School", "Congress Party": the name goes on (a title-case headline's verb does not).
  if (after && NAME_GOES_ON.has(after.toLowerCase().replace(/['’]s$/, '')) && capitalised(after)) return false;
  return true;
}

/**
 * Keeps each mention's candidates that the page supports, dropping mentions left with
 * none. `entity(id)` gives a candidate's names; `related(id)` the ids of entities it is
 * related to (from its description and facts).
 */
export function resolveMentions(
  text: string,
  matches: EntityMatch[],
  entity: (id: string) => ContextEntity | undefined,
  related: (id: string) => Iterable<string>,
): EntityMatch[] {
  const weak = (m: EntityMatch, id: string): boolean => {
    const e = entity(id);
    if (!e) return false;
    const k = key(m.text);
    const alias = [e.name, ...e.aliases, ...(e.contextAliases ?? [])].find((a) => key(a) === k) ?? m.text;
    return isWeakAlias(alias, e);
  };
  // Entities named in full, and unambiguously, somewhere on the page.
  const named = new Set<string>();
  for (const m of matches) if (m.entityIds.length === 1 && !weak(m, m.entityIds[0]!)) named.add(m.entityIds[0]!);
  const namedPerSource = new Map<string, number>();
  for (const id of named) {
    const src = entity(id)?.sourceId;
    if (src !== undefined) namedPerSource.set(src, (namedPerSource.get(src) ?? 0) + 1);
  }
  const supported = (id: string, acronym: boolean) => {
    if (named.has(id) || [...related(id)].some((r) => r !== id && named.has(r))) return true;
    // An acronym ("US", "UK") on a page naming two other entities of its topic in full.
    const src = entity(id)?.sourceId;
    return acronym && src !== undefined && (namedPerSource.get(src) ?? 0) >= 2;
  };

  const out: EntityMatch[] = [];
  for (const m of matches) {
    const keep = m.entityIds.filter((id) => {
      const e = entity(id);
      if (!weak(m, id)) {
        const before = wordBefore(text, m.start)?.word ?? '';
        return !(e?.type === 'place' && !/\s/.test(m.text) && capitalised(before) && DIRECTIONS.has(before.toLowerCase()));
      }
      const k = key(m.text);
      const alias = [e!.name, ...e!.aliases, ...(e!.contextAliases ?? [])].find((a) => key(a) === k) ?? m.text;
      return surfaceFits(text, m, alias) && supported(id, isAcronym(alias));
    });
    if (keep.length) out.push(keep.length === m.entityIds.length ? m : { ...m, entityIds: keep });
  }
  return out;
}

/**
 * Entities whose description or facts name another entity (by its name, or an alias of
 * four or more characters such as "NYPD") are related to it.
 */
export function relatedByText(
  entity: { description: string; facts: { text: string }[] } | undefined,
  others: Iterable<{ key: string; name: string; aliases?: string[] }>,
): string[] {
  if (!entity) return [];
  const haystack = [entity.description, ...entity.facts.map((f) => f.text)].join(' ').toLowerCase();
  const out: string[] = [];
  for (const other of others) {
    if ([other.name, ...(other.aliases ?? []).filter((a) => a.length >= 4)].some((n) => haystack.includes(n.toLowerCase()))) out.push(other.key);
  }
  return out;
}
