import type { Units } from '../../format/units';
import { pathOf, routeProjection } from './route-projection';
import { scaleBar } from './route-scale';
import './route-map.css';

const WIDTH = 320;
const HEIGHT = 220;
const MARGIN = 10;
/** The scale bar takes at most a quarter of the box's width: a guide, not a ruler across the route. */
const SCALE_MAX_PX = WIDTH / 4;

export interface RouteProps {
  /** [lat, lng] in degrees, in the order they were recorded. */
  points: ReadonlyArray<readonly [number, number]>;
  /** Where the charts' cursor is on the route; null when there is none. */
  marker: readonly [number, number] | null;
  name: string;
  /** The scale bar's: metres and kilometres, or feet and miles. */
  units: Units;
}

/**
 * The route as a line on a plain box, with a scale bar and the charts' cursor as a marker (no map tiles: this is the
 * route when maps are off), or a word when there is none.
 */
export function RouteMap({ points, marker, name, units }: RouteProps) {
  if (points.length === 0) return <p className="route-none muted">No route: this activity was recorded without GPS.</p>;
  const projection = routeProjection(points, WIDTH, HEIGHT, MARGIN);
  const projected = points.map(([lat, lng]) => projection.project(lat, lng));
  const start = projected[0]!;
  const end = projected[projected.length - 1]!;
  const at = marker && projection.project(marker[0], marker[1]);
  const bar = projection.metresPerPixel === null ? null : scaleBar(projection.metresPerPixel, units, SCALE_MAX_PX);
  const barY = HEIGHT - 6;
  return (
    <svg
      className="route-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Route of ${name}, ${points.length} points`}
    >
      <path className="route-line" d={pathOf(projected)} fill="none" />
      <circle className="route-start" cx={start[0]} cy={start[1]} r={4} />
      <circle className="route-end" cx={end[0]} cy={end[1]} r={4} />
      {at && <circle className="route-marker" cx={at[0]} cy={at[1]} r={5} />}
      {bar && (
        <g className="route-scale">
          <path d={`M${MARGIN} ${barY - 4} V${barY} H${MARGIN + bar.px} V${barY - 4}`} fill="none" />
          <text x={MARGIN} y={barY - 7}>
            {bar.label}
          </text>
        </g>
      )}
    </svg>
  );
}
