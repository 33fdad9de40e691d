import type { ActivityView } from '../../../../preload/payloads';
import { activityZone } from '../../format/dates';
import { integer } from '../../format/numbers';
import {
  activityDistance,
  duration,
  elevation,
  localDateTime,
  paceOrSpeed,
  paceOrSpeedLabel,
  sportName,
  type Units,
} from '../../format/units';

/** The activity's numbers as a description list; the detail's (calories, gear, device) once it is fetched. */
export function ActivityNumbers({ view, units }: { view: ActivityView; units: Units }) {
  const { row, detail } = view;
  const pace = paceOrSpeed(row.sportType, row.averageSpeed, units);
  // The clock where it happened (an Auckland morning stays a morning on a computer in Paris), and that place's zone.
  const zone = activityZone(view.timezone, row.startDateLocal, row.startDate);
  const numbers: Array<[string, string]> = [
    ['Date', localDateTime(row.startDateLocal, row.startDate)],
    ...(zone === null ? [] : [['Time zone', zone] as [string, string]]),
    ['Sport', sportName(row.sportType)],
    ['Distance', activityDistance(row.sportType, row.distance, units)],
    ['Moving time', duration(row.movingTime)],
    ['Elapsed time', duration(view.elapsedTime)],
    ['Elevation', elevation(row.elevationGain, units)],
    // Pace reads as time per distance ("5:02 /km"); speed as distance per hour.
    [paceOrSpeedLabel(row.sportType), pace],
    ['Heart rate', row.averageHeartrate === null ? '–' : `${integer(row.averageHeartrate)} bpm`],
  ];
  if (detail) {
    numbers.push(['Calories', detail.calories === null ? '–' : `${integer(detail.calories)} kcal`]);
    numbers.push(['Gear', detail.gear ?? '–']);
    numbers.push(['Device', detail.device ?? '–']);
  }
  return (
    <dl className="activity-numbers">
      {numbers.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
