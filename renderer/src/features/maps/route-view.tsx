import { lazy, Suspense, useState } from 'react';
import { useLive } from '../../bridge/live';
import { RouteMap, type RouteProps } from '../activity/route-map';
import { MapFailureNote } from './map-failure-note';
import './maps.css';

const TileMap = lazy(() => import('./tile-map'));

/**
 * The route: on a map once the person allowed maps (Settings), otherwise the SVG line. A tile server that fails
 * (no network, an error, something else than images) leaves the SVG line with a short note, never a broken map.
 * Leaflet is loaded only when a map is drawn.
 */
export function RouteView(props: RouteProps) {
  const { settings } = useLive();
  const [failure, setFailure] = useState<{ server: string; message: string } | null>(null);
  const server = settings?.tileServer ?? null;
  if (!settings?.showMaps || !server || props.points.length === 0) return <RouteMap {...props} />;
  if (failure?.server === server)
    return (
      <>
        <RouteMap {...props} />
        <MapFailureNote message={failure.message} onRetry={() => setFailure(null)} />
      </>
    );
  return (
    <Suspense fallback={<RouteMap {...props} />}>
      <TileMap {...props} server={server} onFailure={(message) => setFailure({ server, message })} />
    </Suspense>
  );
}
