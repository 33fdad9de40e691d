import { basename } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AthleteActivities } from '../../../main/store/activity-store';
import { AtomicJsonFile } from '../../../main/store/atomic-json-file';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { generateActivities, toSummary } from '../../strava-sim/activities';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-year-writes-');

describe('a flush of many year files (issue 20, item 12)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('starts the next file when any one is on disk, never more than four at once, and writes them all', async () => {
    const dir = await freshDir();
    const store = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const activities = generateActivities(1001, 7, 5_000_000, {
      seed: 5,
      newestBefore: Date.UTC(2026, 10, 2) / 1000,
    }).map((a) => toSummary(a) as SummaryActivity);
    // One activity a year: seven year files to write.
    activities.forEach((a, i) => (a.start_date = new Date(Date.UTC(2026 - i, 5, 1)).toISOString().replace('.000', '')));
    for (const a of activities) await store.upsert(a);

    // The first file's write is held (as a slow fsync would hold it) until the fifth has begun; code that waits for a
    // whole round of four lets it go by a timer instead, and the fifth then begins after it ended. Only the order is
    // asserted, never a duration.
    const original = AtomicJsonFile.prototype.write;
    const order: string[] = [];
    let inFlight = 0;
    let most = 0;
    let fifthBegun: () => void = () => undefined;
    const fifth = new Promise<void>((resolve) => (fifthBegun = resolve));
    let started = 0;
    vi.spyOn(AtomicJsonFile.prototype, 'write').mockImplementation(async function (
      this: AtomicJsonFile<unknown>,
      data: unknown,
      options?: { syncFolder?: boolean },
    ) {
      const n = ++started;
      const file = basename(this.path);
      order.push(`start ${n}`);
      most = Math.max(most, ++inFlight);
      if (n === 5) fifthBegun();
      try {
        if (n === 1) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([fifth, new Promise((resolve) => (timer = setTimeout(resolve, 3_000)))]);
          clearTimeout(timer);
        }
        await original.call(this, data, options);
      } finally {
        inFlight--;
        order.push(`end ${n} ${file}`);
      }
    });

    await store.flush();

    expect(started).toBe(7);
    expect(most).toBeLessThanOrEqual(4);
    const firstEnd = order.findIndex((e) => e.startsWith('end 1 '));
    expect(order.indexOf('start 5')).toBeLessThan(firstEnd);
    vi.restoreAllMocks();
    const again = await AthleteActivities.open(dir, 1001, () => undefined, null);
    expect(again.count).toBe(7);
    for (const a of activities) expect(again.get(a.id)).toEqual(a);
  });
});
