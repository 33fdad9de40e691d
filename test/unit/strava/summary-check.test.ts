// The compiled check of a listed activity (main/strava/summary-check.generated.ts) must give zod's verdict on every
// record: it lets records through without asking zod, so a record it passes and zod refuses would be stored though
// the rule refuses it. Held here against zod on hand-picked edge cases and on many generated records, and the file
// held to what its generator writes now (a schema changed without `npm run gen:summary-check` fails here).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseActivityPage } from '../../../main/strava/activity-page';
import { summaryActivityCheck } from '../../../main/strava/schemas';
import { validate } from '../../../main/strava/summary-check.generated';
import { SUMMARY_CHECK_FILE, summaryCheckSource } from '../../../scripts/summary-check-source';

const compiled = validate as (record: unknown) => boolean;
const zodSays = (record: unknown) => summaryActivityCheck.safeParse(record).success;

const good = { id: 17_000_000_001, name: 'Morning Run', start_date: '2026-11-02T07:15:00Z' };

describe('the compiled check of a listed activity', () => {
  it('is the file its generator writes from the schema now', () => {
    const onDisk = readFileSync(new URL(`../../../${SUMMARY_CHECK_FILE}`, import.meta.url), 'utf8');
    // The schema, zod or ajv changed since the file was written.
    expect(onDisk, `${SUMMARY_CHECK_FILE} is out of date: run npm run gen:summary-check`).toBe(summaryCheckSource());
  });

  it.each<[string, unknown]>([
    ['a good record', good],
    [
      'every field Splits reads',
      {
        ...good,
        sport_type: 'Run',
        type: 'Run',
        start_date_local: '2026-11-02T08:15:00Z',
        timezone: null,
        distance: 5012.3,
        moving_time: 1500,
        elapsed_time: 1600,
        total_elevation_gain: null,
        average_speed: 3.3,
        average_heartrate: 150,
        private: false,
        visibility: 'everyone',
        athlete: { id: 1001, resource_state: 1 },
        map: { id: 'a1', summary_polyline: null },
      },
    ],
    ['fields Splits does not read', { ...good, kudos_count: 3, gear_id: 'b1', whatever: { deep: [1, 2] } }],
    ['an id of 0', { ...good, id: 0 }],
    ['a negative id', { ...good, id: -5 }],
    ['an id with a fraction', { ...good, id: 1.5 }],
    ['an id past 2^53', { ...good, id: 2 ** 53 }],
    ['an id as a string', { ...good, id: '17000000001' }],
    ['no name', { id: 1, start_date: good.start_date }],
    ['a name of null', { ...good, name: null }],
    ['no start date', { id: 1, name: 'x' }],
    ['a start date with an offset', { ...good, start_date: '2026-11-02T07:15:00+01:00' }],
    ['a start date without its zone', { ...good, start_date: '2026-11-02T07:15:00' }],
    ['a start date of a day alone', { ...good, start_date: '2026-11-02' }],
    ['a start date with milliseconds', { ...good, start_date: '2026-11-02T07:15:00.123Z' }],
    ['29 February of a leap year', { ...good, start_date: '2024-02-29T07:15:00Z' }],
    ['29 February of another year', { ...good, start_date: '2023-02-29T07:15:00Z' }],
    ['a start date of hour 24', { ...good, start_date: '2026-11-02T24:00:00Z' }],
    ['a start date that is a number', { ...good, start_date: 1_762_000_000 }],
    ['a distance as a string', { ...good, distance: '5012' }],
    ['a distance of null', { ...good, distance: null }],
    [
      'a distance past the largest number (JSON.parse reads 1e999 as Infinity)',
      JSON.parse('{"id":1,"name":"x","start_date":"2026-11-02T07:15:00Z","distance":1e999}'),
    ],
    ['a heart rate of minus infinity', { ...good, average_heartrate: -Infinity }],
    ['a moving time that is not a number', { ...good, moving_time: NaN }],
    ['private as a string', { ...good, private: 'false' }],
    ['a timezone of null', { ...good, timezone: null }],
    ['a timezone as a number', { ...good, timezone: 1 }],
    ['an athlete without an id', { ...good, athlete: {} }],
    ['an athlete id with a fraction', { ...good, athlete: { id: 1.5 } }],
    ['an athlete of null', { ...good, athlete: null }],
    ['a map of null', { ...good, map: null }],
    ['a map that is a string', { ...good, map: 'x' }],
    ['a polyline as a number', { ...good, map: { summary_polyline: 5 } }],
    ['an array', [good]],
    ['null', null],
    ['a string', 'activity'],
  ])('gives zod’s verdict on %s', (_what, record) => {
    expect(compiled(record)).toBe(zodSays(record));
  });

  it('gives zod’s verdict on generated records, good and bad', () => {
    const anything = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.maxSafeNat(),
      fc.constantFrom(2 ** 53, -(2 ** 53), 0, -0, 1e21),
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('', 'Run', '2026-11-02T07:15:00Z'),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+00:00')),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(
        fc.constantFrom('id', 'summary_polyline', 'x'),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
      ),
    );
    const field = (usual: fc.Arbitrary<unknown>) =>
      fc.oneof({ weight: 3, arbitrary: usual }, { weight: 1, arbitrary: anything });
    const record = fc.record(
      {
        id: field(fc.integer({ min: 1 })),
        name: field(fc.string()),
        sport_type: field(fc.constantFrom('Run', 'Ride')),
        type: field(fc.constantFrom('Run', 'Ride')),
        start_date: field(
          fc
            .date({ min: new Date(0), max: new Date(Date.UTC(2100, 0)), noInvalidDate: true })
            .map((d) => d.toISOString()),
        ),
        start_date_local: field(fc.string()),
        timezone: field(fc.oneof(fc.string(), fc.constant(null))),
        distance: field(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null))),
        moving_time: field(fc.integer()),
        elapsed_time: field(fc.integer()),
        total_elevation_gain: field(fc.double({ noNaN: true, noDefaultInfinity: true })),
        average_speed: field(fc.double({ noNaN: true, noDefaultInfinity: true })),
        average_heartrate: field(fc.double({ noNaN: true, noDefaultInfinity: true })),
        private: field(fc.boolean()),
        visibility: field(fc.constantFrom('everyone', 'only_me')),
        athlete: field(fc.record({ id: field(fc.integer()) }, { requiredKeys: [] })),
        map: field(
          fc.oneof(
            fc.constant(null),
            fc.record({ summary_polyline: field(fc.oneof(fc.string(), fc.constant(null))) }, { requiredKeys: [] }),
          ),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(record, (r) => compiled(r) === zodSays(r)),
      { numRuns: 5_000 },
    );
  });

  it('a page keeps the records zod keeps, and sets aside the others with zod’s reason', () => {
    const page = parseActivityPage([good, { ...good, id: 2, start_date: '2026-11-02' }, { ...good, id: 3 }]);
    expect(page?.activities.map((a) => a.id)).toEqual([good.id, 3]);
    expect(page?.rejected).toEqual([{ id: 2, reason: expect.stringMatching(/^start_date: /) }]);
  });
});
