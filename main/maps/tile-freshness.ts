// How long a tile is served from disk before the server is asked again. OpenStreetMap's tile usage policy asks for
// its HTTP expiry headers to be honoured, and for at least 7 days without them: a tile is kept for the longer of the
// two, never less than a week (a server asking for no caching at all gets a week too; it is the policy Splits follows).

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The least a tile is kept. */
export const MIN_TILE_LIFETIME_MS = 7 * DAY_MS;
/** The most: a server's "for ever" is a year, so a tile is checked again some day. */
export const MAX_TILE_LIFETIME_MS = 365 * DAY_MS;

/** How long the server's headers say the tile stays fresh (Cache-Control max-age first, else Expires), in ms. */
export function tileLifetimeMs(headers: { get(name: string): string | null }, now: number): number {
  return Math.min(MAX_TILE_LIFETIME_MS, Math.max(MIN_TILE_LIFETIME_MS, headerLifetimeMs(headers, now) ?? 0));
}

function headerLifetimeMs(headers: { get(name: string): string | null }, now: number): number | null {
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(headers.get('cache-control') ?? '');
  if (maxAge) return Number(maxAge[1]) * 1000;
  const expires = Date.parse(headers.get('expires') ?? '');
  if (Number.isNaN(expires)) return null;
  // The server's Date, when it sends one, is the clock Expires is on (this computer's may be off).
  const date = Date.parse(headers.get('date') ?? '');
  return expires - (Number.isNaN(date) ? now : date);
}
