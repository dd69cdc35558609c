/**
 * Ambiguity: when an alias names several entities ("Paris" the city, the
 * Texas town, the person), put first the candidates related to other entities
 * the page mentions. A candidate's score is how many of its related ids are on
 * the page; ties keep the given order (Array.prototype.sort is stable).
 */
export function rankCandidates(
  candidateIds: string[],
  pageEntityIds: Set<string>,
  related: (id: string) => Iterable<string>,
): string[] {
  const scored = candidateIds.map((id, order) => {
    let score = 0;
    const seen = new Set<string>();
    for (const r of related(id)) {
      // A candidate does not vouch for itself, and a relation counts once.
      if (r === id || seen.has(r)) continue;
      seen.add(r);
      if (pageEntityIds.has(r)) score++;
    }
    return { id, score, order };
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.map((s) => s.id);
}
