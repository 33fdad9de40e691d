import type { RoutesQuery, RoutesView } from '../../common/route-heatmap';
import type { SplitsStore } from './splits-store';

/**
 * Every stored route outline of the athletes in scope, for the window's heatmap: the encoded polylines as Strava sent
 * them (about five bytes a point, the smallest form to carry 20,000 routes over IPC), decoded and drawn by the window.
 */
export async function activityRoutes(store: SplitsStore, query: RoutesQuery): Promise<RoutesView> {
  const routes: string[] = [];
  let withoutRoute = 0;
  for (const athleteId of await store.athleteIds()) {
    if (query.athleteId !== undefined && athleteId !== query.athleteId) continue;
    for (const activity of (await store.activities(athleteId)).all()) {
      const encoded = activity.map?.summary_polyline;
      if (typeof encoded === 'string' && encoded.length > 0) routes.push(encoded);
      else withoutRoute++;
    }
  }
  return { routes, withoutRoute };
}
