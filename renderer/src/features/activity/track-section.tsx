import polyline from '@mapbox/polyline';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { TrackSource } from '../../../../common/track-sources';
import { routeOf } from '../../../../common/track-view';
import type { ActivityView } from '../../../../preload/payloads';
import { splits, unwrap } from '../../bridge/splits';
import { useInvoke } from '../../bridge/use-invoke';
import { integer } from '../../format/numbers';
import type { Units } from '../../format/units';
import { canvasAvailable } from '../charts/theme-colors';
import { LogFolderOffer } from '../log/log-folder';
import { RouteView } from '../maps/route-view';
import { markerAt } from './track-cursor';
import { trackSeries } from './track-series';
import { trackXAxis, xAxisChoices } from './track-x-axis';
import { useXAxisChoice, XAxisControl } from './x-axis-choice';
import './track.css';

const TrackCharts = lazy(() => import('./track-charts'));

/**
 * The route, and the charts of the recorded track when there is one (an imported archive's, or Strava's streams fetched
 * by the backfill): the track's own positions are drawn then (every turn the device saw), otherwise the polyline
 * Strava summarised. The charts share one x-axis, distance or time, and one cursor, which the route shows as a marker.
 */
export function TrackSection({ view, units }: { view: ActivityView; units: Units }) {
  const ref = { athleteId: view.row.athleteId, id: view.row.id };
  const track = useInvoke(() => unwrap(splits().activities.track(ref)), [ref.athleteId, ref.id]);
  const drawable = useMemo(canvasAvailable, []);
  const encoded = view.detail?.polyline ?? view.summaryPolyline;
  const points = useMemo(() => (track.value && routeOf(track.value)) ?? decoded(encoded), [track.value, encoded]);
  const choices = useMemo(() => (track.value ? xAxisChoices(track.value) : []), [track.value]);
  const [xKind, chooseX] = useXAxisChoice(choices);
  const axis = useMemo(
    () => (track.value && xKind ? trackXAxis(track.value, xKind, units) : null),
    [track.value, xKind, units],
  );
  const series = useMemo(
    () => (track.value && axis ? trackSeries(track.value, view.row.sportType, units) : []),
    [track.value, axis, view.row.sportType, units],
  );
  // An index into the track view's points (its t, dist, lat, lng...): the same place on every chart and on the route.
  const [cursor, setCursor] = useState<number | null>(null);
  useEffect(() => setCursor(null), [track.value]); // another activity's track: its points are others
  const shown = cursor !== null && axis && cursor < axis.values.length ? cursor : null;
  return (
    <>
      <RouteView points={points} marker={markerAt(track.value ?? null, shown)} name={view.row.name} units={units} />
      {track.value && (
        <p className="track-source">
          Recorded track from {trackOrigin(track.value.source)}, {integer(track.value.samples)} samples.
        </p>
      )}
      {track.error && (
        <p className="detail-note">
          The recorded track could not be read: {track.error.message}
          <LogFolderOffer error={track.error} />
        </p>
      )}
      {axis &&
        series.length > 0 &&
        (drawable ? (
          <>
            <XAxisControl choices={choices} value={axis.kind} onChange={chooseX} />
            <Suspense fallback={<div className="track-canvas" />}>
              <TrackCharts axis={axis} series={series} cursor={shown} onCursor={setCursor} />
            </Suspense>
          </>
        ) : (
          <ul aria-label="Recorded track">
            {series.map((s) => (
              <li key={s.key}>{s.summary}</li>
            ))}
          </ul>
        ))}
    </>
  );
}

/** Where a track came from, in words: Strava's API (its streams), or the original file of an imported archive. */
function trackOrigin(source: TrackSource): string {
  return source === 'api' ? 'Strava' : `the archive's ${source.toUpperCase()} file`;
}

function decoded(encoded: string | null): Array<[number, number]> {
  if (!encoded) return [];
  try {
    return polyline.decode(encoded);
  } catch {
    return []; // a polyline Strava garbled: no route rather than a broken view
  }
}
