import { STATUS_CODES } from 'node:http';
import { retryAfterMs } from './server-pause';
import { tileLifetimeMs } from './tile-freshness';
import { tileImageType, type TileImageType } from './tile-image';
import { TileServerError } from './maps-errors';

/** What the server's answer lets Splits keep: the image, how long it is fresh, and what to ask it again with. */
export interface FetchedTile {
  bytes: Uint8Array;
  type: TileImageType;
  lifetimeMs: number;
  /** The server's validators, sent back when the tile is stale: a 304 then keeps the tile without its bytes again. */
  etag: string | null;
  lastModified: string | null;
}

export interface TileFetchOptions {
  /** Splits' own (OpenStreetMap's usage policy): never the HTTP library's. */
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  now: number;
  /** The copy on disk, when there is one: asked about instead of fetched whole (If-None-Match, If-Modified-Since). */
  validators?: { etag: string | null; lastModified: string | null };
}

/**
 * One tile from the tile server, or a TileServerError saying what the server did. Nothing but the server named by
 * `url` is reached: a redirect is refused, not followed. Returns 'not-modified' when the server confirms the copy on
 * disk, with the copy's new lifetime.
 */
export async function fetchTile(
  url: string,
  options: TileFetchOptions,
): Promise<FetchedTile | { notModified: true; lifetimeMs: number }> {
  const host = new URL(url).host;
  // `unreachable` concerns the whole server; the other codes this one tile (common/map-tiles.ts's ONE_TILE_FAILURES).
  const fail = (what: string, code: TileServerError['ipcCode'], retryAt?: number) =>
    new TileServerError(`The map server ${host} ${what}: the route is drawn without the map for now.`, code, retryAt);
  const headers: Record<string, string> = {
    'User-Agent': options.userAgent,
    Accept: 'image/png,image/jpeg,image/webp',
  };
  if (options.validators?.etag) headers['If-None-Match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['If-Modified-Since'] = options.validators.lastModified;
  let response: Response;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    response = await fetch(url, { headers, redirect: 'manual', signal });
  } catch (error) {
    throw fail(
      signal.aborted ? `did not answer in ${options.timeoutMs / 1000} s` : `could not be reached (${reason(error)})`,
      'unreachable',
    );
  }
  try {
    if (response.status === 304 && options.validators)
      return { notModified: true, lifetimeMs: tileLifetimeMs(response.headers, options.now) };
    if (response.status >= 300 && response.status < 400)
      throw fail('sent the tile to another address, which Splits does not follow', 'bad-response');
    // The status's standard name, never the server's own reason phrase (its words, which may say anything).
    const status = `${response.status}${STATUS_CODES[response.status] ? ` ${STATUS_CODES[response.status]}` : ''}`;
    if (response.status === 429 || response.status === 503)
      throw fail(`answered ${status}`, 'unreachable', options.now + retryAfterMs(response.headers, options.now));
    if (response.status === 404 || response.status === 410) throw fail(`answered ${status}`, 'not-found');
    if (response.status !== 200) throw fail(`answered ${status}`, 'bad-response');
    const bytes = await readCapped(response, options.maxBytes, () =>
      fail(`sent an image over ${Math.round(options.maxBytes / 1024)} KB`, 'bad-response'),
    );
    const type = tileImageType(bytes);
    if (!type) throw fail('sent something that is not a map image', 'bad-response');
    return {
      bytes,
      type,
      lifetimeMs: tileLifetimeMs(response.headers, options.now),
      etag: validator(response.headers.get('etag')),
      lastModified: validator(response.headers.get('last-modified')),
    };
  } catch (error) {
    await response.body?.cancel().catch(() => undefined);
    if (error instanceof TileServerError) throw error;
    // Too slow is the server's state; an answer broken off is this tile's.
    throw signal.aborted
      ? fail(`did not answer in ${options.timeoutMs / 1000} s`, 'unreachable')
      : fail(`broke off its answer (${reason(error)})`, 'bad-response');
  }
}

/** The body, refused past `maxBytes` without reading the rest. */
async function readCapped(response: Response, maxBytes: number, tooBig: () => Error): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooBig();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw tooBig();
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks, size);
}

/** A validator worth keeping and sending back: short, printable text; anything else is dropped. */
function validator(value: string | null): string | null {
  return value && value.length <= 200 && /^[\x20-\x7e]+$/.test(value) ? value : null;
}

/** Why a request failed, in a word of the system's (ECONNREFUSED) rather than its message, which may quote anything. */
function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = cause && typeof cause.code === 'string' ? cause.code : null;
  return code && /^[A-Z_]{2,40}$/.test(code) ? code : 'network error';
}
