// The window's one style for dates, numbers and units, under two locales given explicitly (never this computer's).
import { describe, expect, it } from 'vitest';
import { sportName } from '../../../common/sport-names';
import {
  activityZone,
  datesIn,
  formatDateTime,
  formatMoment,
  formatRelative,
  localDateTime,
} from '../../../renderer/src/format/dates';
import { progressCounts, when } from '../../../renderer/src/features/status/sync-text';
import { decimal, integer } from '../../../renderer/src/format/numbers';
import { activityDistance, distance, elevation, paceOrSpeed } from '../../../renderer/src/format/units';

const MILE = 1609.344;

describe('numbers', () => {
  it("have thousands separators and decimals in the locale's style", () => {
    expect(integer(12_345.4, 'en-US')).toBe('12,345');
    expect(integer(12_345.6, 'de-DE')).toBe('12.346');
    expect(decimal(1234.5, 2, 'en-US')).toBe('1,234.50');
    expect(decimal(1234.5, 2, 'de-DE')).toBe('1.234,50');
  });

  it("measure distances, elevations and speeds in the locale's style and the person's units", () => {
    expect(distance(1_234_567, 'metric', 'en-US')).toBe('1,234.6 km');
    expect(distance(1_234_567, 'metric', 'de-DE')).toBe('1.234,6 km');
    expect(distance(5 * MILE, 'imperial', 'de-DE')).toBe('5,00 mi');
    expect(elevation(2_345, 'metric', 'en-US')).toBe('2,345 m');
    expect(elevation(2_345, 'imperial', 'de-DE')).toBe('7.694 ft');
    expect(paceOrSpeed('Ride', 10, 'metric', 'de-DE')).toBe('36,0 km/h');
    expect(paceOrSpeed('Ride', 10, 'imperial', 'en-US')).toBe('22.4 mph');
  });

  it('measure a swim in whole metres or yards, as Strava does, and any other activity in km or mi', () => {
    expect(activityDistance('Swim', 1500, 'metric', 'en-US')).toBe('1,500 m');
    expect(activityDistance('Swim', 1500, 'imperial', 'en-US')).toBe('1,640 yd');
    expect(activityDistance('Swim', 1500, 'metric', 'de-DE')).toBe('1.500 m');
    expect(activityDistance('Swim', null, 'metric', 'en-US')).toBe('–');
    expect(activityDistance('Run', 10_000, 'metric', 'en-US')).toBe(distance(10_000, 'metric', 'en-US'));
    expect(activityDistance('Ride', 10_000, 'imperial', 'en-US')).toBe('6.21 mi');
  });

  it('say "–" for an activity without a distance, not 0.00 km', () => {
    expect(distance(0, 'metric', 'en-US')).toBe('–');
    expect(distance(null, 'imperial', 'en-US')).toBe('–');
    expect(distance(1, 'metric', 'en-US')).toBe('0.00 km');
  });
});

describe('dates', () => {
  it("show an activity's own wall clock, not this computer's, in the locale's style", () => {
    // Strava's start_date_local: the Auckland clock, written with a Z.
    expect(localDateTime('2025-01-15T07:05:00Z', '2025-01-14T18:05:00Z', 'en-US')).toBe('Jan 15, 2025, 7:05 AM');
    expect(localDateTime('2025-01-15T07:05:00Z', '2025-01-14T18:05:00Z', 'de-DE')).toBe('15.01.2025, 07:05');
  });

  it("name the activity's time zone with the offset that held that day", () => {
    // Strava writes the standard offset (+12); in January Auckland is on +13.
    expect(activityZone('(GMT+12:00) Pacific/Auckland', '2025-01-15T07:05:00Z', '2025-01-14T18:05:00Z')).toBe(
      'Pacific/Auckland (GMT+13:00)',
    );
    expect(activityZone('(GMT-08:00) America/Los_Angeles', '2025-07-01T06:00:00Z', '2025-07-01T13:00:00Z')).toBe(
      'America/Los Angeles (GMT−07:00)',
    );
    expect(activityZone('(GMT+05:30) Asia/Kolkata', '2025-03-01T06:30:00Z', '2025-03-01T01:00:00Z')).toBe(
      'Asia/Kolkata (GMT+05:30)',
    );
    expect(activityZone(null, '2025-03-01T06:30:00Z', '2025-03-01T01:00:00Z')).toBeNull();
  });

  it("say how long ago, in the locale's words", () => {
    const now = Date.UTC(2026, 10, 2, 8, 0, 0);
    expect(formatRelative(now - 5 * 60_000, now, 'en-US')).toBe('5 minutes ago');
    expect(formatRelative(now - 5 * 60_000, now, 'de-DE')).toBe('vor 5 Minuten');
    expect(formatRelative(now - 90_000, now, 'en-US')).toBe('1 minute ago');
    expect(formatRelative(now - 20_000, now, 'en-US')).toBe('20 seconds ago');
    expect(formatRelative(now - 3 * 3600_000, now, 'en-US')).toBe('3 hours ago');
    expect(formatRelative(now - 30 * 3600_000, now, 'de-DE')).toBe('gestern');
    expect(formatRelative(now + 200, now, 'en-US')).toBe('now');
  });

  it("write the moments in main's messages in the locale's style instead of ISO 8601", () => {
    const message =
      "Strava's daily read limit is reached; nothing more was sent. Splits continues after 2026-11-03T00:00:00Z (the next reset).";
    const exact = formatDateTime(Date.UTC(2026, 10, 3), 'de-DE');
    expect(exact).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    expect(datesIn(message, 'de-DE')).toBe(
      `Strava's daily read limit is reached; nothing more was sent. Splits continues after ${exact} (the next reset).`,
    );
    expect(datesIn('A detail starts on 2025-03-01, in another year.', 'en-US')).toBe(
      'A detail starts on Mar 1, 2025, in another year.',
    );
    expect(datesIn('A detail starts on 2025-03-01, in another year.', 'de-DE')).toBe(
      'A detail starts on 01.03.2025, in another year.',
    );
    // Not a day: left as written.
    expect(datesIn('Route 2025-13-45', 'en-US')).toBe('Route 2025-13-45');
    expect(datesIn('Nothing to say', 'en-US')).toBe('Nothing to say');
  });

  it("are the status bar's too: its moments and its counts in the same style", () => {
    const now = Date.UTC(2026, 10, 2, 12, 0);
    // 30 hours on: another day on the calendar in every time zone (20 hours stayed on one day from UTC−9 and UTC+12).
    const tomorrow = now + 30 * 3600_000;
    expect(when(tomorrow, now)).toBe(formatMoment(tomorrow, now));
    expect(when(tomorrow, now)).toBe(formatDateTime(tomorrow));
    const progress = {
      athleteId: 1001,
      phase: 'scanning',
      page: 1_200,
      received: 240_000,
      newCount: 12_345,
      updatedCount: 0,
      deletedCount: 0,
      detailsFetched: 0,
      detailsLeft: null,
      requestsLeft: null,
      secondsLeft: null,
    };
    const counts = progressCounts(progress as Parameters<typeof progressCounts>[0]);
    expect(counts).toBe(
      `page ${integer(1_200)} · ${integer(240_000)} received · ${integer(12_345)} new · 0 updated · 0 deleted`,
    );
    expect(counts).not.toMatch(/12345/);
  });

  it('say a moment of today by its time alone, and with its date otherwise', () => {
    const now = Date.now();
    expect(formatMoment(now, now, 'en-US')).not.toMatch(/\d{4}/);
    expect(formatMoment(now - 400 * 86_400_000, now, 'en-US')).toMatch(/\d{4}/);
  });
});

describe('sport names', () => {
  it('are words', () => {
    expect(sportName('WeightTraining')).toBe('Weight Training');
    expect(sportName('EBikeRide')).toBe('E-Bike Ride');
    expect(sportName('EMountainBikeRide')).toBe('E-Mountain Bike Ride');
    expect(sportName('MountainBikeRide')).toBe('Mountain Bike Ride');
    expect(sportName('HighIntensityIntervalTraining')).toBe('HIIT');
    expect(sportName('Run')).toBe('Run');
    // An imported archive's name is already words.
    expect(sportName('Weight Training')).toBe('Weight Training');
  });
});
