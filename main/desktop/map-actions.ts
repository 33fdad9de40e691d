import type { TileRequest } from '../../common/map-tiles';
import type { MapTiles } from '../maps/map-tiles';
import { MapsOffError } from '../maps/maps-errors';
import type { SettingsSource } from './settings-store';

/**
 * The window's map images (`maps:tile`): from the tile server the settings name, and only once the person has allowed
 * maps. Until then nothing is fetched, whatever the window asks. The settings are read at each ask and again when a
 * tile's request slot comes, so turning maps off (or choosing another server) stops the tiles already waiting too.
 */
export class MapActions {
  constructor(private readonly deps: { settings: SettingsSource; tiles: MapTiles }) {}

  tile(request: TileRequest): Promise<string> {
    const { showMaps, tileServer } = this.deps.settings.get();
    if (!showMaps) return Promise.reject(new MapsOffError());
    return this.deps.tiles.tile(tileServer, request, (server) => {
      const now = this.deps.settings.get();
      return now.showMaps && now.tileServer === server;
    });
  }
}
