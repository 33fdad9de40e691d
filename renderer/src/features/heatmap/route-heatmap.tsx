import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useLive } from '../../bridge/live';
import { splits, unwrap } from '../../bridge/splits';
import { integer } from '../../format/numbers';
import { useScopedInvoke } from '../athlete/athlete-scope';
import { canvasAvailable } from '../charts/theme-colors';
import { ReadFailure } from '../log/read-failure';
import { MapFailureNote } from '../maps/map-failure-note';
import { decodeRoutes, type RouteLines } from './route-lines';
import { RoutesCanvas } from './routes-canvas';
import '../maps/maps.css';
import './heatmap.css';

const RoutesMap = lazy(() => import('./routes-map'));

/**
 * The heatmap of every route (issue 19): each stored route outline drawn lightly on one picture, so the roads taken
 * often show solid. On a map once the person allowed maps (Settings), otherwise on a plain canvas that asks no server;
 * a tile server that fails leaves the plain canvas with a short note. Of `athleteId`, or of the header's Athlete
 * control when left out.
 */
export function RouteHeatmap({ athleteId }: { athleteId?: number }) {
  const { settings, dataVersion } = useLive();
  const answer = useScopedInvoke(
    (scoped) => {
      const whose = athleteId ?? scoped;
      return unwrap(splits().activities.routes(whose === undefined ? {} : { athleteId: whose }));
    },
    [athleteId, dataVersion],
  );
  const [routes, setRoutes] = useState<RouteLines | null>(null);
  const [failure, setFailure] = useState<{ server: string; message: string } | null>(null);
  const drawable = useMemo(canvasAvailable, []);

  // Decoded a slice at a time (20,000 routes at once would freeze the window); a newer answer stops an older decoding.
  const encoded = answer.value?.routes ?? null;
  useEffect(() => {
    if (encoded === null) return;
    const stop = { stopped: false };
    void decodeRoutes(encoded, stop).then((decoded) => decoded && setRoutes(decoded));
    return () => {
      stop.stopped = true;
    };
  }, [encoded]);

  if (answer.error)
    return (
      <ReadFailure
        what="The routes could not be read"
        error={answer.error}
        onRetry={answer.reload}
        className="charts-error"
      />
    );
  if (routes === null || answer.value === null) return <p className="muted">Drawing the routes…</p>;
  const words = routesSentence(routes, answer.value.withoutRoute);
  if (routes.lines.length === 0) return <p className="muted">{words}</p>;
  const label = `Heatmap of ${words}`;
  const server = settings?.showMaps ? settings.tileServer : null;
  const plain = drawable ? <RoutesCanvas routes={routes} label={label} /> : null;
  return (
    <div className="route-heatmap">
      {server === null || !drawable ? (
        plain
      ) : failure?.server === server ? (
        <>
          {plain}
          <MapFailureNote message={failure.message} onRetry={() => setFailure(null)} />
        </>
      ) : (
        <Suspense fallback={plain}>
          <RoutesMap
            routes={routes}
            label={label}
            server={server}
            onFailure={(message) => setFailure({ server, message })}
          />
        </Suspense>
      )}
      <p className="route-heatmap-summary">{words[0]!.toUpperCase() + words.slice(1)}.</p>
    </div>
  );
}

/** How many routes are drawn, how many lie far from the rest (outside the frame), and how many activities have none. */
function routesSentence(routes: RouteLines, without: number): string {
  const drawn = routes.lines.length;
  const parts = [`${integer(drawn)} ${drawn === 1 ? 'route' : 'routes'}`];
  if (routes.elsewhere > 0) parts.push(`${integer(routes.elsewhere)} far from the others, outside the frame`);
  if (without > 0) parts.push(`${integer(without)} ${without === 1 ? 'activity has' : 'activities have'} no route`);
  return parts.join('; ');
}
