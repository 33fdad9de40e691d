// Eddington numbers worked out the plain way, apart from main/stats/eddington.ts, for the tests that check the window's.

/** The largest n with n days of at least n units, and how many more days of at least n + 1 the next needs. */
export function eddingtonOf(dayMetres: readonly number[], unitM: number): { n: number; more: number } {
  const days = dayMetres.map((m) => m / unitM);
  let n = 0;
  while (days.filter((d) => d >= n + 1).length >= n + 1) n++;
  return { n, more: n + 1 - days.filter((d) => d >= n + 1).length };
}
