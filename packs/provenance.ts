/**
 * The names a downloaded or imported pack may not take, and the host the card's
 * "From …" line shows for it (components/Card.tsx). A pack names itself, so
 * a hostile one could call itself "Gloss starter pack"; the card therefore also
 * shows the host a URL source was downloaded from, and such names are refused.
 */

/** Names of the packs built into Gloss. */
export const BUILT_IN_PACK_NAMES: readonly string[] = ['Gloss starter pack'];

/** Letters and digits only, case and width folded: "GLOSS  Starter-Pack" → "glossstarterpack". */
function fold(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Why a pack from a URL or a file may not use this name, or undefined. Refused:
 * a built-in pack's name (however spaced or cased), and any name whose first
 * word is "Gloss", which readers would take for Gloss's own.
 */
export function reservedNameProblem(name: string): string | undefined {
  const folded = fold(name);
  const builtIn = BUILT_IN_PACK_NAMES.find((b) => fold(b) === folded);
  const firstWord = name.normalize('NFKC').trim().split(/[^\p{L}\p{N}]+/u)[0]?.toLocaleLowerCase();
  if (builtIn || firstWord === 'gloss') {
    return `The pack calls itself '${name}', a name reserved for packs built into Gloss. Ask its publisher to rename it.`;
  }
  return undefined;
}

export function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).host : undefined;
  } catch {
    return undefined;
  }
}
