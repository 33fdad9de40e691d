import { tileUrl, type TileRequest } from '../../common/map-tiles';
import type { Clock } from '../clock';
import { errorDetail, silentLogger, type Logger } from '../log';
import { TileServerError, TileServerWithdrawnError } from './maps-errors';
import { RequestSlots } from './request-slots';
import { ServerPauses } from './server-pause';
import { TileCache, type CachedTile } from './tile-cache';
import { fetchTile } from './tile-fetcher';
import { tileDataUrl } from './tile-image';

export interface MapTilesOptions {
  /** The cache's folder (the app's cache folder; a temp folder in tests). */
  cacheDir: string;
  clock: Clock;
  /** Splits' own User-Agent, sent with every request (./user-agent.ts). */
  userAgent: string;
  /** The most the cache keeps on disk, in bytes. */
  capBytes?: number;
  timeoutMs?: number;
  /** Requests to the server at once: OpenStreetMap's policy allows 2. */
  maxInFlight?: number;
  logger?: Logger;
}

/** 200 MB: about ten thousand tiles, the places a person's routes go, many times over. */
export const TILE_CACHE_CAP_BYTES = 200 * 1024 * 1024;
/** A tile is some tens of KB; a server sending more than this is sending something else. */
const MAX_TILE_BYTES = 1024 * 1024;

/**
 * Map images for the window, following the tile server's usage policy (OpenStreetMap's): from disk while fresh,
 * otherwise from the one server the person chose, with Splits' User-Agent, at most 2 requests at a time, the same
 * tile asked for twice at once fetched once. A tile the server cannot give now is served stale from disk when there
 * is a copy; otherwise the server's failure is the answer, and nothing is kept.
 */
export class MapTiles {
  private readonly cache: TileCache;
  private readonly slots: RequestSlots;
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly pauses: ServerPauses;
  private readonly logger: Logger;

  constructor(private readonly options: MapTilesOptions) {
    this.cache = new TileCache(options.cacheDir, options.capBytes ?? TILE_CACHE_CAP_BYTES, () => options.clock.now());
    this.slots = new RequestSlots(options.maxInFlight ?? 2);
    this.pauses = new ServerPauses(() => options.clock.now());
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * One tile of `server` (a checked URL template) as a data: URL. `allowed` says whether the person still allows
   * `server`: asked again when the tile's request slot comes, since a tile may wait there while maps are turned off.
   */
  tile(server: string, request: TileRequest, allowed: (server: string) => boolean): Promise<string> {
    const key = this.cache.keyOf(server, request);
    const running = this.inFlight.get(key);
    if (running) return running;
    const answer = this.load(server, request, key, allowed).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, answer);
    return answer;
  }

  private async load(
    server: string,
    request: TileRequest,
    key: string,
    allowed: (server: string) => boolean,
  ): Promise<string> {
    const { clock } = this.options;
    const kept = await this.cache.read(key);
    if (kept && kept.expiresAt > clock.now()) return tileDataUrl(kept.bytes, kept.type);
    let fetched: Awaited<ReturnType<typeof fetchTile>>;
    const url = tileUrl(server, request);
    try {
      fetched = await this.slots.run(async () => {
        // Checked when the slot comes, not when the tile was asked: the tiles queued behind a 429, or queued while
        // the person withdrew the server, are not asked.
        if (!allowed(server)) throw new TileServerWithdrawnError(new URL(url).host);
        this.pauses.check(server, new URL(url).host);
        try {
          return await fetchTile(url, {
            userAgent: this.options.userAgent,
            timeoutMs: this.options.timeoutMs ?? 15_000,
            maxBytes: MAX_TILE_BYTES,
            now: clock.now(),
            ...(kept ? { validators: { etag: kept.etag, lastModified: kept.lastModified } } : {}),
          });
        } catch (error) {
          // Kept before the slot passes on, so that the next in line sees it.
          if (error instanceof TileServerError && error.retryAt !== undefined) this.pauses.pause(server, error.retryAt);
          throw error;
        }
      });
    } catch (error) {
      // Offline, or the server failing: the copy on disk is a better map than none. Not once maps are withdrawn.
      if (kept && !(error instanceof TileServerWithdrawnError)) return tileDataUrl(kept.bytes, kept.type);
      throw error;
    }
    const tile: CachedTile =
      'notModified' in fetched
        ? { ...kept!, expiresAt: clock.now() + fetched.lifetimeMs }
        : { ...fetched, expiresAt: clock.now() + fetched.lifetimeMs };
    await this.cache.write(key, tile).catch((error: unknown) =>
      // A full disk keeps the map from being kept, not from being shown.
      this.logger.warn('a map tile could not be kept on disk', { error: errorDetail(error) }),
    );
    return tileDataUrl(tile.bytes, tile.type);
  }
}
