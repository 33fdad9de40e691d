// Loaded lazily (route-heatmap.tsx): Leaflet comes only when the person allowed maps.
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { openTiledMap } from '../maps/tiled-map';
import { useTheme } from '../charts/theme-colors';
import { HEATMAP_HEIGHT } from './routes-canvas';
import { latitudeOf, longitudeOf, type RouteLines } from './route-lines';
import { RoutesOverlay } from './routes-overlay';

/** Every route over the map's images (from main), framed to them all, with the tile server's credit on the map. */
export default function RoutesMap({
  routes,
  label,
  server,
  onFailure,
}: {
  routes: RouteLines;
  label: string;
  server: string;
  onFailure: (message: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const overlay = useRef<RoutesOverlay | null>(null);
  const theme = useTheme();
  // The latest, without drawing the map again when only the callback's identity changed.
  const failed = useRef(onFailure);
  useEffect(() => {
    failed.current = onFailure;
  }, [onFailure]);

  useEffect(() => {
    const bounds = routes.bounds;
    if (!bounds) return;
    const map = openTiledMap(box.current!, server, (message) => failed.current(message));
    map.fitBounds(
      L.latLngBounds(
        [latitudeOf(bounds.maxY), longitudeOf(bounds.minX)],
        [latitudeOf(bounds.minY), longitudeOf(bounds.maxX)],
      ),
      { padding: [16, 16], maxZoom: 15 },
    );
    overlay.current = new RoutesOverlay(routes).addTo(map);
    return () => {
      map.remove();
      overlay.current = null;
    };
  }, [routes, server]);

  // The routes take the theme's colour.
  useEffect(() => overlay.current?.redraw(), [theme]);

  return <div ref={box} className="routes-map" role="img" aria-label={label} style={{ height: HEATMAP_HEIGHT }} />;
}
