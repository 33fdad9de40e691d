import L from 'leaflet';
import { ONE_TILE_FAILURES } from '../../../../common/map-tiles';
import type { IpcErrorCode } from '../../../../common/error-codes';
import { splits } from '../../bridge/splits';

/**
 * Tiles that may fail one by one before the map is given up: a server missing a tile or two (at the edge of what it
 * covers) still draws a map, but one failing tile after tile (a wrong address, a broken server) draws nothing useful.
 */
const TILE_FAILURES_BEFORE_GIVING_UP = 3;

/**
 * Leaflet's grid of map images, each asked of main (`maps:tile`) instead of a server: the window reaches no network
 * (its CSP has no host), main fetches from the one server the person chose and keeps the tiles (main/maps/). A tile
 * main cannot give is left blank when the failure is that tile's alone (common/map-tiles.ts's ONE_TILE_FAILURES);
 * a failure of the whole server (not reached, pausing Splits, maps off), or tiles failing more than they load, is
 * told to `onFailure`, once.
 */
export class SplitsTileLayer extends L.GridLayer {
  private failed = false;
  private drawn = 0;
  private tileFailures = 0;

  constructor(
    options: L.GridLayerOptions,
    private readonly onFailure: (message: string) => void,
  ) {
    super(options);
  }

  // Two parameters: Leaflet waits for `done` (an image that arrives later) rather than the return.
  override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const img = document.createElement('img');
    img.alt = '';
    const n = 2 ** coords.z;
    // North and south of the world there is nothing to draw; east and west it repeats.
    if (coords.y < 0 || coords.y >= n) {
      queueMicrotask(() => done(undefined, img));
      return img;
    }
    const fail = (message: string, code: IpcErrorCode | 'not-drawn') => {
      // The tile stays an image without a source: blank, over which the route is drawn all the same.
      img.classList.add('map-tile-missing');
      done(new Error(message), img);
      if (this.failed) return;
      const oneTile = code === 'not-drawn' || (ONE_TILE_FAILURES as readonly string[]).includes(code);
      if (oneTile) this.tileFailures++;
      if (oneTile && (this.tileFailures < TILE_FAILURES_BEFORE_GIVING_UP || this.tileFailures <= this.drawn)) return;
      this.failed = true;
      this.onFailure(message);
    };
    splits()
      .maps.tile({ z: coords.z, x: ((coords.x % n) + n) % n, y: coords.y })
      .then(
        (answer) => {
          if (!answer.ok) return fail(answer.error.message, answer.error.code);
          img.onload = () => {
            this.drawn++;
            done(undefined, img);
          };
          img.onerror = () => fail('A map image from the tile server could not be drawn.', 'not-drawn');
          img.src = answer.value;
        },
        (error: unknown) => fail(error instanceof Error ? error.message : String(error), 'internal'),
      );
    return img;
  }
}
