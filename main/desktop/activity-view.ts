import type { ActivityView } from '../../preload/payloads';
import type { DetailedActivity, SummaryActivity } from '../strava/schemas';
import { toRow } from '../store/activity-query';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** Longer names are cut: a device or a distance is named in a few words, and a garbled record's may be any length. */
const NAME_CHARS = 80;
const shortName = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, NAME_CHARS) : null;
/** Strava names about fifteen standard distances; more than this is not a run's best efforts. */
const MAX_BEST_EFFORTS = 50;

/** One of the detail's best efforts, or none when it has no distance or time to show. */
function bestEffort(e: unknown) {
  const o = rec(e);
  const distance = num(o.distance);
  const elapsedTime = num(o.elapsed_time);
  if (distance === null || distance <= 0 || elapsedTime === null || elapsedTime <= 0) return [];
  return [{ name: shortName(o.name), distance, elapsedTime }];
}

/** One activity as the window shows it: the summary's numbers and route, and the detail once it is fetched. */
export function activityView(
  athleteId: number,
  summary: SummaryActivity,
  detail: DetailedActivity | null,
  unavailable: boolean,
): ActivityView {
  const lap = (l: unknown) => {
    const o = rec(l);
    return {
      name: str(o.name) ?? (typeof o.split === 'number' ? `Split ${o.split}` : null),
      distance: num(o.distance),
      movingTime: num(o.moving_time),
      elapsedTime: num(o.elapsed_time),
      averageSpeed: num(o.average_speed),
      averageHeartrate: num(o.average_heartrate),
      elevationGain: num(o.total_elevation_gain ?? o.elevation_difference),
    };
  };
  const d = detail ? rec(detail) : null;
  return {
    row: toRow(athleteId, summary, detail !== null),
    elapsedTime: num(summary.elapsed_time),
    timezone: str(summary.timezone),
    summaryPolyline: str(summary.map?.summary_polyline),
    stravaUrl: `https://www.strava.com/activities/${summary.id}`,
    // Waiting: the backfill fetches it when the budget allows; unavailable: Strava answered 404 for it.
    detailState: detail ? 'fetched' : unavailable ? 'unavailable' : 'waiting',
    detail: d
      ? {
          description: str(d.description),
          calories: num(d.calories),
          gear: str(rec(d.gear).name),
          polyline: str(rec(d.map).polyline),
          laps: Array.isArray(d.laps) ? d.laps.slice(0, 500).map(lap) : [],
          splits: Array.isArray(d.splits_metric) ? d.splits_metric.slice(0, 500).map(lap) : [],
          splitsStandard: Array.isArray(d.splits_standard) ? d.splits_standard.slice(0, 500).map(lap) : [],
          device: shortName(d.device_name),
          bestEfforts: Array.isArray(d.best_efforts)
            ? d.best_efforts.slice(0, MAX_BEST_EFFORTS).flatMap(bestEffort)
            : [],
        }
      : null,
  };
}
