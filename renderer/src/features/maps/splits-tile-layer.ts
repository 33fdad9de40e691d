import L from 'leaflet';
import { splits } from '../../bridge/splits';

/**
 * Leaflet's grid of map images, each asked of main (`maps:tile`) instead of a server: the window reaches no network
 * (its CSP has no host), main fetches from the one server the person chose and keeps the tiles (main/maps/). The
 * first tile main cannot give is told to `onFailure`, once.
 */
export class SplitsTileLayer extends L.GridLayer {
  private failed = false;

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
    const fail = (message: string) => {
      done(new Error(message), img);
      if (!this.failed) this.onFailure(message);
      this.failed = true;
    };
    splits()
      .maps.tile({ z: coords.z, x: ((coords.x % n) + n) % n, y: coords.y })
      .then(
        (answer) => {
          if (!answer.ok) return fail(answer.error.message);
          img.onload = () => done(undefined, img);
          img.onerror = () => fail('A map image from the tile server could not be drawn.');
          img.src = answer.value;
        },
        (error: unknown) => fail(error instanceof Error ? error.message : String(error)),
      );
    return img;
  }
}
