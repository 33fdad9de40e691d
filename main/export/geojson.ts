import type { SummaryActivity } from '../strava/schemas';
import { routeNote } from './gpx';
import type { Route } from './route';

// GeoJSON (RFC 7946): a FeatureCollection of one Feature whose geometry is a LineString of [longitude, latitude] or
// [longitude, latitude, elevation] positions. Per-point values sit in properties.coordinateProperties, aligned with
// the coordinates, under the names @tmcw/togeojson gives them (times, heartRates, cadences, watts), so tools that read
// togeojson's output read these files too.

export interface ActivityFeatureCollection {
  type: 'FeatureCollection';
  features: [
    {
      type: 'Feature';
      properties: Record<string, unknown> & { coordinateProperties?: Record<string, Array<string | number | null>> };
      geometry: { type: 'LineString'; coordinates: number[][] };
    },
  ];
}

export function geojsonOf(activity: SummaryActivity, route: Route): ActivityFeatureCollection {
  const points = route.points;
  const coordinates = points.map((p) => (p.ele !== null ? [p.lng, p.lat, p.ele] : [p.lng, p.lat]));
  const coordinateProperties: Record<string, Array<string | number | null>> = {};
  if (route.source === 'track') {
    const column = (key: 'time' | 'hr' | 'cad' | 'watts') =>
      points.some((p) => p[key] !== null) ? points.map((p) => p[key]) : null;
    const columns = {
      times: column('time'),
      heartRates: column('hr'),
      cadences: column('cad'),
      watts: column('watts'),
    };
    for (const [name, values] of Object.entries(columns)) if (values) coordinateProperties[name] = values;
  }
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {
          id: activity.id,
          name: activity.name,
          sportType: activity.sport_type ?? activity.type ?? 'Workout',
          startDate: activity.start_date,
          startDateLocal: activity.start_date_local ?? null,
          url: `https://www.strava.com/activities/${activity.id}`,
          source: route.source === 'track' ? 'track' : 'polyline',
          hasTimes: route.source === 'track' && route.hasTimes,
          note: routeNote(route),
          ...(Object.keys(coordinateProperties).length > 0 ? { coordinateProperties } : {}),
        },
        geometry: { type: 'LineString', coordinates },
      },
    ],
  };
}
