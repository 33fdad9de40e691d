import type { OneTileFailure } from '../../common/map-tiles';
import { SplitsError } from '../errors';

/** A map image asked for while Show maps is off: no tile is fetched until the person allows it in Settings. */
export class MapsOffError extends SplitsError {
  override name = 'MapsOffError';
  readonly ipcCode = 'config';
  constructor() {
    super('Maps are off: no map image is loaded until you turn on Show maps in Settings.');
  }
}

/**
 * A tile that waited for a request slot while the person withdrew its server (turned maps off, or chose another
 * server): consent is checked again when the slot comes, so nothing is asked of a server no longer allowed.
 */
export class TileServerWithdrawnError extends SplitsError {
  override name = 'TileServerWithdrawnError';
  readonly ipcCode = 'config';
  constructor(host: string) {
    super(
      `The map server ${host} is no longer the one allowed in Settings (maps were turned off, or another server was chosen): this map image was not asked for.`,
    );
  }
}

/**
 * The tile server gave no usable image (it failed, refused, was too slow or sent something else): nothing was kept.
 * The words name the server and what it did, never what it sent. The code says what it concerns: the whole server
 * (`unreachable`: not reached, too slow, or asking Splits to wait), after which the window draws the route without a
 * map, or this one tile (common/map-tiles.ts's ONE_TILE_FAILURES), which the window leaves blank.
 */
export class TileServerError extends SplitsError {
  override name = 'TileServerError';

  /** `until`: when the server asked to be left alone (a 429 or 503): no tile is asked of it before then. */
  constructor(
    message: string,
    readonly ipcCode: 'unreachable' | OneTileFailure,
    private readonly until?: number,
  ) {
    super(message);
  }

  override get retryAt(): number | undefined {
    return this.until;
  }
}
