import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { MAX_TILE_ZOOM, tileAttribution } from '../../../../common/map-tiles';
import { SplitsTileLayer } from './splits-tile-layer';

const OSM_COPYRIGHT = 'https://www.openstreetmap.org/copyright';

/**
 * A Leaflet map in `element` with the images of the tile server the person chose, asked of main (splits-tile-layer.ts),
 * and the server's credit on the map itself (its usage policy). The first image main cannot give is told to
 * `onFailure`. Every map of the window starts here: the route's and the heatmap's.
 */
export function openTiledMap(element: HTMLElement, server: string, onFailure: (message: string) => void): L.Map {
  const map = L.map(element, { maxZoom: MAX_TILE_ZOOM, attributionControl: false });
  L.control.attribution({ prefix: false }).addTo(map);
  new SplitsTileLayer({ maxZoom: MAX_TILE_ZOOM, attribution: tileCredit(server) }, onFailure).addTo(map);
  return map;
}

/** The credit Leaflet writes into the map as HTML: OpenStreetMap's copyright page, and the server's name as text. */
function tileCredit(server: string): string {
  const words = tileAttribution(server).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return words.replace(
    'OpenStreetMap contributors',
    `<a href="${OSM_COPYRIGHT}" target="_blank" rel="noreferrer">OpenStreetMap</a> contributors`,
  );
}
