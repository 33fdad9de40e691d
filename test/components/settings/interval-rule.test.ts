import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYNC_INTERVAL_MINUTES, syncIntervalMinutesSchema } from '../../../common/sync-interval';
import { settingsSchema } from '../../../preload/payloads';
import { parseInterval } from '../../../renderer/src/features/settings/interval-rule';

// The settings view checks the interval as typed by the one rule main's settings take (common/sync-interval.ts). These
// hold the rule itself (whole minutes, a quarter hour to a day) and the words each refusal gets in the view.
describe('the background sync interval rule', () => {
  const problem = (text: string) => {
    const parsed = parseInterval(text);
    return 'problem' in parsed ? parsed.problem : null;
  };

  it("is the settings schema's", () => {
    expect(settingsSchema.shape.syncIntervalMinutes).toBe(syncIntervalMinutesSchema);
    expect(SYNC_INTERVAL_MINUTES).toEqual({ min: 15, max: 1440, default: 60 });
  });

  it('takes whole minutes from a quarter hour to a day, and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 3000 }), (n) => {
        const inBounds = n >= 15 && n <= 1440;
        expect(parseInterval(String(n))).toEqual(inBounds ? { minutes: n } : { problem: expect.any(String) });
        expect(parseInterval(` ${n} `)).toEqual(parseInterval(String(n)));
        expect(settingsSchema.shape.syncIntervalMinutes.safeParse(n).success).toBe(inBounds);
      }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 15, max: 1440, noNaN: true }).filter((x) => !Number.isInteger(x)),
        (x) => {
          expect(problem(String(x))).toBe('Whole minutes only, from 15 to 1440.');
        },
      ),
    );
  });

  it('says what is wrong, in words for each refusal', () => {
    expect(problem('')).toBe('Enter a number of minutes, from 15 to 1440.');
    expect(problem('   ')).toBe('Enter a number of minutes, from 15 to 1440.');
    for (const text of ['14', '0', '-0', '-30'])
      expect(problem(text), text).toBe("At least 15 minutes: Strava's limits are shared with your other apps.");
    for (const text of ['1441', '100000', '1e20']) expect(problem(text), text).toBe('At most 1440 minutes (24 hours).');
    for (const text of ['30.5', '14.5', 'abc', 'Infinity', '1,000', '30 min'])
      expect(problem(text), text).toBe('Whole minutes only, from 15 to 1440.');
  });

  it('reads a number as JavaScript writes one', () => {
    expect(parseInterval('1e2')).toEqual({ minutes: 100 });
    expect(parseInterval('0x20')).toEqual({ minutes: 32 });
    expect(parseInterval('30.0')).toEqual({ minutes: 30 });
    expect(parseInterval('15')).toEqual({ minutes: 15 });
    expect(parseInterval('1440')).toEqual({ minutes: 1440 });
  });
});
