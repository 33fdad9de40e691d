import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AthleteActivities } from '../../../main/store/activity-store';
import { queryActivities } from '../../../main/store/activity-query';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { generateActivities, toSummary } from '../../strava-sim/activities';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function freshDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'splits-store-'));
  dirs.push(d);
  return d;
}

const summaries = (n: number, seed = 1) =>
  generateActivities(1001, n, 5_000_000, { seed, newestBefore: Date.UTC(2026, 10, 2) / 1000 }).map(
    (a) => toSummary(a) as SummaryActivity,
  );

describe('activity store', () => {
  it('writes only the years a change touches', async () => {
    const dir = await freshDir();
    const store = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const all = summaries(20_000);
    for (const a of all) await store.upsert(a);
    const years = await store.flush();
    expect(years).toBeGreaterThan(20); // 20,000 activities span decades of seeded history

    const yearDir = join(dir, 'activities', '1001');
    const before = new Map(
      await Promise.all(
        (await readdir(yearDir)).map(async (n) => [n, (await stat(join(yearDir, n))).mtimeMs] as const),
      ),
    );
    await new Promise((r) => setTimeout(r, 20));
    // One new activity rewrites one file, not 20,000 activities.
    const one = { ...all[0]!, id: 1, name: 'One more' };
    expect(await store.upsert(one)).toBe('new');
    expect(await store.flush()).toBe(1);
    const after = await Promise.all(
      (await readdir(yearDir)).map(async (n) => [n, (await stat(join(yearDir, n))).mtimeMs] as const),
    );
    expect(after.filter(([n, m]) => before.get(n) !== m).map(([n]) => n)).toEqual([
      `${all[0]!.start_date.slice(0, 4)}.json`,
    ]);
    // Unchanged content is not a change.
    expect(await store.upsert({ ...all[5]! })).toBe('unchanged');
    expect(await store.flush()).toBe(0);
  });

  it('moves an activity between year files when its start changes, and drops a stale detail', async () => {
    const dir = await freshDir();
    const store = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const [a] = summaries(1);
    await store.upsert(a!);
    await store.setDetail({ ...a!, description: 'd' });
    await store.flush();
    expect(store.hasDetail(a!.id)).toBe(true);
    const moved = { ...a!, start_date: '2019-06-01T07:00:00Z' };
    expect(await store.upsert(moved)).toBe('updated');
    await store.flush();
    expect(store.hasDetail(a!.id)).toBe(false);
    const reopened = await AthleteActivities.open(dir, 1001, () => undefined, null);
    expect(reopened.count).toBe(1);
    expect(reopened.get(a!.id)?.start_date).toBe('2019-06-01T07:00:00Z');
  });

  it('queries 20,000 activities: page, sort, filter by sport and date, search by name', async () => {
    const dir = await freshDir();
    const store = await AthleteActivities.open(dir, 1001, () => undefined, null);
    const all = summaries(20_000, 3);
    for (const a of all) await store.upsert(a);

    const first = queryActivities([store], { page: 1, pageSize: 50 });
    expect(first.total).toBe(20_000);
    expect(first.items).toHaveLength(50);
    // Newest first by the instant each started, whatever its zone.
    const instant = (r: { startDate: string }) => Date.parse(r.startDate);
    expect(first.items.map(instant)).toEqual([...first.items.map(instant)].sort((x, y) => y - x));
    expect(first.sportTypes).toEqual(expect.arrayContaining(['Ride', 'Run', 'Swim']));

    const rides = queryActivities([store], { sportTypes: ['Ride'], sort: 'distance', direction: 'desc', pageSize: 10 });
    expect(rides.total).toBe(all.filter((a) => a.sport_type === 'Ride').length);
    expect(rides.items.every((r) => r.sportType === 'Ride')).toBe(true);
    expect(rides.items[0]!.distance).toBe(
      Math.max(...all.filter((a) => a.sport_type === 'Ride').map((a) => a.distance ?? 0)),
    );

    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2025, 11, 31, 23, 59, 59);
    const year = queryActivities([store], { from, to, pageSize: 500 });
    // Wall-clock bounds against the local start: the days the table shows.
    const localStart = (a: SummaryActivity) => Date.parse(a.start_date_local ?? a.start_date);
    expect(year.total).toBe(all.filter((a) => localStart(a) >= from && localStart(a) <= to).length);

    const search = queryActivities([store], { search: 'zwift', pageSize: 500 });
    expect(search.total).toBe(all.filter((a) => a.name.toLowerCase().includes('zwift')).length);
    expect(search.total).toBeGreaterThan(0);

    const last = queryActivities([store], { page: 400, pageSize: 50 });
    expect(last.items).toHaveLength(50);
    expect(() => queryActivities([store], { pageSize: 100_000 })).toThrow();
    expect(queryActivities([store], { athleteId: 2002 }).total).toBe(0);
  });
});
