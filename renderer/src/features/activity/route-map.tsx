import { pathOf, projectRoute } from './route-projection';

const WIDTH = 320;
const HEIGHT = 220;

/** The route as a line on a plain box (no map tiles: the window reaches no network), or a word when there is none. */
export function RouteMap({ points, name }: { points: ReadonlyArray<readonly [number, number]>; name: string }) {
  if (points.length === 0) return <p className="route-none muted">No route: this activity was recorded without GPS.</p>;
  const projected = projectRoute(points, WIDTH, HEIGHT, 10);
  const start = projected[0]!;
  const end = projected[projected.length - 1]!;
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
    </svg>
  );
}
