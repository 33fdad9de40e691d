import {
  activityDistance,
  duration,
  elevation,
  localDateTime,
  paceOrSpeed,
  sportName,
  type Units,
} from '../../format/units';
import { activityZone } from '../../format/dates';
import type { ActivityRow, SortKey } from './activity-query';

export interface ActivityColumn {
  id: string;
  label: string;
  /** The key main sorts by, or null: main does not sort sport or pace, so those headers do not offer it. */
  sort: SortKey | null;
  /** The way a new sort on this column starts: newest, longest, highest first; names A to Z. */
  firstDirection: 'asc' | 'desc';
  numeric: boolean;
  cell: (row: ActivityRow, units: Units) => string;
  /** What a hover on a cell says, when more than its text (the cell's text otherwise, where it may be cut). */
  hover?: (row: ActivityRow, units: Units) => string;
  /** What the header says on hover and to a screen reader, beyond its label. */
  description?: string;
}

export const ACTIVITY_COLUMNS: ActivityColumn[] = [
  {
    id: 'date',
    label: 'Date',
    sort: 'start_date',
    firstDirection: 'desc',
    numeric: false,
    cell: (r) => localDateTime(r.startDateLocal, r.startDate),
    // Sorted by the instant each began, shown in the time where each was: an Auckland morning may sit below a Paris
    // evening of the same day. The zone on hover says why.
    hover: (r) =>
      `${localDateTime(r.startDateLocal, r.startDate)}, ${activityZone(r.timezone, r.startDateLocal, r.startDate) ?? 'local time'}`,
    description: "Each activity's own local time, where it took place; sorted by when each began",
  },
  { id: 'name', label: 'Name', sort: 'name', firstDirection: 'asc', numeric: false, cell: (r) => r.name },
  {
    id: 'sport',
    label: 'Sport',
    sort: null,
    firstDirection: 'asc',
    numeric: false,
    cell: (r) => sportName(r.sportType),
  },
  {
    id: 'distance',
    label: 'Distance',
    sort: 'distance',
    firstDirection: 'desc',
    numeric: true,
    cell: (r, u) => activityDistance(r.sportType, r.distance, u),
  },
  {
    id: 'moving',
    label: 'Moving time',
    sort: 'moving_time',
    firstDirection: 'desc',
    numeric: true,
    cell: (r) => duration(r.movingTime),
  },
  {
    id: 'elevation',
    label: 'Elevation',
    sort: 'elevation',
    firstDirection: 'desc',
    numeric: true,
    cell: (r, u) => elevation(r.elevationGain, u),
  },
  {
    id: 'pace',
    label: 'Pace or speed',
    sort: null,
    firstDirection: 'asc',
    numeric: true,
    cell: (r, u) => paceOrSpeed(r.sportType, r.averageSpeed, u),
  },
];

/**
 * The columns for rows of several athletes together (all athletes shown): an Athlete column after the date says whose
 * each row is. Main does not sort by athlete. Without `athleteName` (one athlete shown), the usual columns.
 */
export function activityColumns(athleteName: ((athleteId: number) => string) | null): ActivityColumn[] {
  if (!athleteName) return ACTIVITY_COLUMNS;
  const [date, ...rest] = ACTIVITY_COLUMNS;
  return [
    date!,
    {
      id: 'athlete',
      label: 'Athlete',
      sort: null,
      firstDirection: 'asc',
      numeric: false,
      cell: (r) => athleteName(r.athleteId),
    },
    ...rest,
  ];
}
