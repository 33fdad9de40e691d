// A tile server that said "slow down" (429 Too Many Requests, 503 Service Unavailable) is left alone for as long as it
// asked: OpenStreetMap's servers answer 429 to a client that asks too much, and a client that keeps asking, tile after
// tile, is the one they block. Without this, every tile waiting in the queue (a map's screenful, 20 or more) was still
// asked after the first 429.
import { TileServerError } from './maps-errors';

/** A pause without a Retry-After the server gave (or one that cannot be read). */
export const DEFAULT_PAUSE_MS = 60_000;
/** The longest pause: a server's "come back tomorrow" is heard as an hour, so a map can come back the same day. */
export const MAX_PAUSE_MS = 60 * 60_000;

/** How long the answer's Retry-After asks for (seconds, or a date on the server's own clock), in ms. */
export function retryAfterMs(headers: { get(name: string): string | null }, now: number): number {
  const value = (headers.get('retry-after') ?? '').trim();
  let ms: number | null = null;
  if (/^\d{1,9}$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    const date = Date.parse(headers.get('date') ?? '');
    if (!Number.isNaN(at)) ms = at - (Number.isNaN(date) ? now : date);
  }
  return Math.min(MAX_PAUSE_MS, Math.max(0, ms ?? DEFAULT_PAUSE_MS));
}

/** The servers asked to wait, and until when (epoch ms on the injected clock). */
export class ServerPauses {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** Leaves `server` alone until `at` (a later pause already there stands). */
  pause(server: string, at: number): void {
    this.until.set(server, Math.max(at, this.until.get(server) ?? 0));
  }

  /** Throws, without asking the server, while it asked to be left alone. */
  check(server: string, host: string): void {
    const at = this.until.get(server);
    if (at === undefined) return;
    const now = this.now();
    if (at <= now) {
      this.until.delete(server);
      return;
    }
    const seconds = Math.ceil((at - now) / 1000);
    throw new TileServerError(
      `The map server ${host} asked Splits to wait (${seconds} s more): the route is drawn without the map for now.`,
      'unreachable',
      at,
    );
  }
}
