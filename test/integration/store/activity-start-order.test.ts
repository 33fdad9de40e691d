// The table's date order is the order things happened: by the start instant, whatever zone each activity was in. The
// day filters stay on the days the table shows, each activity's own local day.
import { describe, expect, it } from 'vitest';
import { queryActivities } from '../../../main/store/activity-query';
import { AthleteActivities } from '../../../main/store/activity-store';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { generateActivities, toSummary } from '../../strava-sim/activities';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-start-order-');

/** One simulator activity with its start (UTC) and its place's offset, as Strava lists it. */
function at(
  athleteId: number,
  id: number,
  name: string,
  startUtc: number,
  offsetHours: number,
  timezone: string,
): SummaryActivity {
  const [template] = generateActivities(athleteId, 1, id - 1, { seed: id, newestBefore: startUtc / 1000 });
  return toSummary({
    ...template!,
    id,
    name,
    start: startUtc / 1000,
    utcOffset: offsetHours * 3600,
    timezone,
  }) as SummaryActivity;
}

describe('sorting by start date', () => {
  it('orders by the instant across time zones and athletes: an Auckland morning below a later Paris evening', async () => {
    const dir = await freshDir();
    const grace = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const ada = await AthleteActivities.open(dir, 2002, () => undefined, null);
    // 07:05 on 15 January in Auckland (UTC+13) is 18:05 UTC on the 14th; 20:00 in Paris (UTC+1) on the 14th is 19:00 UTC.
    await grace.upsert(
      at(1001, 11, 'Auckland morning', Date.UTC(2025, 0, 14, 18, 5), 13, '(GMT+12:00) Pacific/Auckland'),
    );
    await ada.upsert(at(2002, 12, 'Paris evening', Date.UTC(2025, 0, 14, 19, 0), 1, '(GMT+01:00) Europe/Paris'));
    // 10:00 in Los Angeles (UTC-8) on the 14th is 18:00 UTC: before both, though its clock is later than Auckland's.
    await ada.upsert(at(2002, 13, 'LA morning', Date.UTC(2025, 0, 14, 18, 0), -8, '(GMT-08:00) America/Los_Angeles'));
    // A fraction of a second after the Paris start: later, though "19:00:00.5Z" sorts before "19:00:00Z" as text.
    await grace.upsert({
      ...at(1001, 14, 'Paris, half a second on', Date.UTC(2025, 0, 14, 19, 0), 1, '(GMT+01:00) Europe/Paris'),
      start_date: '2025-01-14T19:00:00.500Z',
    });
    await grace.flush();
    await ada.flush();

    // Read back from the files, as a new process would.
    const sources = [
      await AthleteActivities.open(dir, 1001, () => undefined, null),
      await AthleteActivities.open(dir, 2002, () => undefined, null),
    ];
    const names = (direction: 'asc' | 'desc') =>
      queryActivities(sources, { sort: 'start_date', direction }).items.map((r) => r.name);
    expect(names('desc')).toEqual(['Paris, half a second on', 'Paris evening', 'Auckland morning', 'LA morning']);
    expect(names('asc')).toEqual(['LA morning', 'Auckland morning', 'Paris evening', 'Paris, half a second on']);

    // The day filters are the local days the table shows: 15 January holds the Auckland morning alone.
    const day = (d: number) => ({ from: Date.UTC(2025, 0, d), to: Date.UTC(2025, 0, d, 23, 59, 59, 999) });
    expect(queryActivities(sources, { ...day(15) }).items.map((r) => r.name)).toEqual(['Auckland morning']);
    expect(queryActivities(sources, { ...day(14) }).items.map((r) => r.name)).toEqual([
      'Paris, half a second on',
      'Paris evening',
      'LA morning',
    ]);
  });
});
