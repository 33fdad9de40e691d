// Stored activities as Strava sends them, for the statistics' tests: a summary with the fields given, its local start
// at noon unless given, and the detail the tests add.
import type { DetailedActivity, SummaryActivity } from '../../../main/strava/schemas';
import { statActivity, type StatActivity } from '../../../main/stats/stat-activity';

let nextId = 1;

export function summary(
  fields: Partial<SummaryActivity> & { date?: string } & Record<string, unknown>,
): SummaryActivity {
  const { date = '2024-05-01', ...rest } = fields;
  return {
    id: nextId++,
    name: 'An activity',
    sport_type: 'Run',
    start_date: `${date}T10:00:00Z`,
    start_date_local: `${date}T12:00:00Z`,
    distance: 0,
    moving_time: 0,
    total_elevation_gain: 0,
    ...rest,
  } as SummaryActivity;
}

/** The statistics' view of a summary (and detail): each test's activity, through the same reading main does. */
export function activity(fields: Parameters<typeof summary>[0], detail?: Record<string, unknown>): StatActivity {
  const s = summary(fields);
  const read = statActivity(s, detail === undefined ? undefined : ({ ...s, ...detail } as DetailedActivity));
  if (!read) throw new Error('the test built an activity without a date');
  return read;
}
