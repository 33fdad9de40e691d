import { pbkdf2 } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AthleteActivities } from '../../../main/store/activity-store';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { generateActivities, toSummary } from '../../strava-sim/activities';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-missing-read-');

/**
 * Occupies every thread of libuv's pool (where fs.promises runs its calls) with work of its own, as a sync's year files
 * and their fsyncs do on a busy disk. Resolves, in order, as each thread is let go.
 */
function occupyThePool(): Array<Promise<void>> {
  const threads = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Array.from(
    { length: threads },
    () =>
      new Promise<void>((resolve, reject) =>
        pbkdf2('splits', 'salt', 300_000, 64, 'sha512', (e) => (e ? reject(e) : resolve())),
      ),
  );
}

describe('a year file that is not there yet (issue 20, item 12)', () => {
  it('is opened empty without waiting behind the disk work in libuv pool, and written as before', async () => {
    const dir = await freshDir();
    const store = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const [activity] = generateActivities(1001, 1, 5_000_000, {
      seed: 3,
      newestBefore: Date.UTC(2026, 10, 2) / 1000,
    }).map((a) => toSummary(a) as SummaryActivity);

    const order: string[] = [];
    const busy = occupyThePool().map((p) => p.then(() => order.push('pool thread free')));
    // A first sync meets a year the store has no file for: the read that finds nothing used to queue behind the pool.
    await store.upsert(activity!).then(() => order.push('upserted'));
    await Promise.all(busy);
    expect(order[0]).toBe('upserted');

    await store.flush();
    const again = await AthleteActivities.open(dir, 1001, () => undefined, null);
    expect(again.get(activity!.id)).toEqual(activity);
  });
});
