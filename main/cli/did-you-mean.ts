// "Did you mean ...?" for a mistyped command or option: the nearest known word, when it is near enough to be a typo.

/** The number of single-letter edits (insert, delete, replace, swap two neighbours) between a and b. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known word closest to `typed`, or null when none is close: at most one edit for a short word, two for a longer
 * one (a guess further off would send the person the wrong way), or the one word that `typed` begins (`--ful`, `hist`).
 */
export function closest(typed: string, known: readonly string[]): string | null {
  const word = typed.toLowerCase();
  // Two words that both begin with what was typed (`st`: status and stats; `--no`: --no-details and --no-tracks):
  // a guess would send the person the wrong way half the time.
  const begun = word.replace(/^-+/, '').length >= 2 ? known.filter((k) => k.startsWith(word)) : [];
  if (begun.length > 1) return null;
  let best: { word: string; distance: number } | null = null;
  for (const candidate of known) {
    const distance = begun.includes(candidate) ? 1 : editDistance(word, candidate);
    if (best === null || distance < best.distance) best = { word: candidate, distance };
  }
  const allowed = word.replace(/^-+/, '').length <= 4 ? 1 : 2;
  return best !== null && best.distance <= allowed ? best.word : null;
}
