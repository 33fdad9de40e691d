import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { RouteProps } from '../activity/route-map';
import { openTiledMap } from './tiled-map';

/**
 * The route on a map (Leaflet), its images from main: the line, its start and end, the charts' cursor as a marker,
 * a scale in the chosen units, and the map's credit on the map itself (the tile server's usage policy).
 */
export default function TileMap({
  points,
  marker,
  name,
  units,
  server,
  onFailure,
}: RouteProps & { server: string; onFailure: (message: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const cursor = useRef<L.CircleMarker | null>(null);
  // The latest, without drawing the map again when only the callback's identity changed.
  const failed = useRef(onFailure);
  useEffect(() => {
    failed.current = onFailure;
  }, [onFailure]);

  useEffect(() => {
    const m = openTiledMap(box.current!, server, (message) => failed.current(message));
    const line = L.polyline(points.map(at), { className: 'map-route-line', interactive: false });
    line.addTo(m);
    L.circleMarker(at(points[0]!), {
      radius: 5,
      className: 'map-route-start',
      interactive: false,
    }).addTo(m);
    L.circleMarker(at(points[points.length - 1]!), {
      radius: 5,
      className: 'map-route-end',
      interactive: false,
    }).addTo(m);
    L.control.scale({ metric: units === 'metric', imperial: units === 'imperial' }).addTo(m);
    m.fitBounds(line.getBounds(), { padding: [16, 16], maxZoom: 17 });
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      cursor.current = null;
    };
  }, [points, server, units]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!marker) {
      cursor.current?.remove();
      cursor.current = null;
    } else if (cursor.current) cursor.current.setLatLng(at(marker));
    else
      cursor.current = L.circleMarker(at(marker), {
        radius: 6,
        className: 'map-route-marker',
        interactive: false,
      }).addTo(m);
  }, [marker, points, server, units]);

  return <div ref={box} className="tile-map" role="region" aria-label={`Map of the route of ${name}`} />;
}

const at = ([lat, lng]: readonly [number, number]) => L.latLng(lat, lng);
