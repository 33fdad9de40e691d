import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AthleteActivities } from '../../../main/store/activity-store';
import type { StoreProblem } from '../../../main/store/json-document';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-activities-');

const activity = (id: number, start: string, extra: Partial<SummaryActivity> = {}): SummaryActivity => ({
  id,
  name: `Ride ${id}`,
  sport_type: 'Ride',
  start_date: start,
  distance: 1000,
  kudos_count: 0,
  comment_count: 0,
  ...extra,
});

const open = (dir: string, problems: StoreProblem[] = []) =>
  AthleteActivities.open(dir, 1001, (p) => problems.push(p), null);

describe('a flush that fails', () => {
  it('keeps the failed file to write, rethrows, and a later flush writes it', async () => {
    const dir = await freshDir();
    const store = await open(dir);
    await store.upsert(activity(1, '2020-05-01T07:00:00Z'));
    await store.upsert(activity(2, '2021-05-01T07:00:00Z'));
    // A folder where 2020.json goes: the rename over it really fails (root ignores modes, not this).
    const target = join(dir, 'activities', '1001', '2020.json');
    await mkdir(target, { recursive: true });
    await expect(store.flush()).rejects.toMatchObject({ code: expect.stringMatching(/EISDIR|ENOTEMPTY|EEXIST/) });

    await rmdir(target);
    // Nothing changed since: the store still knows 2020.json is unwritten.
    expect(await store.upsert(activity(1, '2020-05-01T07:00:00Z'))).toBe('unchanged');
    expect(await store.flush()).toBe(1);
    const reopened = await open(dir);
    expect(reopened.ids().sort()).toEqual([1, 2]);
    expect(await store.changedOnDisk()).toBe(false);
  });
});

describe('details and summary changes', () => {
  it('a change of social counters alone keeps the detail; any other change drops it', async () => {
    const dir = await freshDir();
    const store = await open(dir);
    const a = activity(1, '2020-05-01T07:00:00Z');
    await store.upsert(a);
    await store.setDetail({ ...a, description: 'Hills' });
    await store.flush();

    const kudoed = {
      ...a,
      kudos_count: 3,
      comment_count: 1,
      athlete_count: 2,
      photo_count: 1,
      total_photo_count: 1,
      achievement_count: 4,
      pr_count: 1,
      has_kudoed: true,
    };
    expect(await store.upsert(kudoed)).toBe('updated');
    expect(store.hasDetail(1)).toBe(true);
    await store.flush();
    let reopened = await open(dir);
    expect(reopened.get(1)).toEqual(kudoed);
    expect(reopened.hasDetail(1)).toBe(true);
    expect(await reopened.detail(1)).toMatchObject({ description: 'Hills', kudos_count: 0 }); // the detail keeps its counters

    expect(await store.upsert({ ...kudoed, name: 'Renamed' })).toBe('updated');
    expect(store.hasDetail(1)).toBe(false);
    await store.flush();
    reopened = await open(dir);
    expect(reopened.hasDetail(1)).toBe(false);
    expect(JSON.parse(await readFile(join(dir, 'activities', '1001', '2020.details.json'), 'utf8')).details).toEqual(
      {},
    );
  });
});

describe('years outside 1000-9999', () => {
  it('activities started in 0000, 0999 and 9999 are written, read back, and unchanged on re-upsert', async () => {
    const dir = await freshDir();
    const store = await open(dir);
    const odd = [
      activity(1, '0000-01-01T00:00:00Z'),
      activity(2, '0999-12-31T23:59:59Z'),
      activity(3, '9999-12-31T23:59:59.999Z'),
      activity(4, '2024-06-01T06:00:00Z'),
    ];
    for (const a of odd) expect(await store.upsert(a)).toBe('new');
    await store.setDetail({ ...odd[1]!, description: 'Long ago' });
    await store.flush();
    expect((await readdir(join(dir, 'activities', '1001'))).sort()).toEqual([
      '0000.json',
      '0999.details.json',
      '0999.json',
      '2024.json',
      '9999.json',
    ]);

    const problems: StoreProblem[] = [];
    const reopened = await open(dir, problems);
    expect(problems).toEqual([]);
    expect(reopened.count).toBe(4);
    for (const a of odd) expect(await reopened.upsert({ ...a })).toBe('unchanged');
    expect(reopened.hasDetail(2)).toBe(true);
    expect(await reopened.flush()).toBe(0);
  });

  it('newestStart ignores starts after the bound it is given', async () => {
    const dir = await freshDir();
    const store = await open(dir);
    expect(store.newestStart()).toBeNull();
    await store.upsert(activity(1, '2024-06-01T06:00:00Z'));
    await store.upsert(activity(2, '9999-12-31T23:59:59Z'));
    const now = Date.parse('2025-01-01T00:00:00Z') / 1000;
    expect(store.newestStart(now + 86_400)).toBe(Date.parse('2024-06-01T06:00:00Z') / 1000);
    expect(store.newestStart()).toBe(Date.parse('9999-12-31T23:59:59Z') / 1000);
    await store.remove(1);
    expect(store.newestStart(now)).toBeNull();
  });
});

describe('the load-time check of year files', () => {
  const cases: Array<[string, unknown]> = [
    ['an id that is a string', { '7': { ...activity(7, '2020-05-01T07:00:00Z'), id: '7' } }],
    ['an id that is not its key', { '8': activity(7, '2020-05-01T07:00:00Z') }],
    ['a missing start_date', { '7': { id: 7, name: 'x' } }],
    ['a start_date that does not parse', { '7': activity(7, '2020-99-99Tnope') }],
    ['a start in another year', { '7': activity(7, '2019-05-01T07:00:00Z') }],
    ['a record that is not an object', { '7': 7 }],
  ];
  for (const [what, activities] of cases) {
    it(`a year file with ${what} is corrupt: moved aside, reported, and forces a full scan`, async () => {
      const dir = await freshDir();
      const years = join(dir, 'activities', '1001');
      await mkdir(years, { recursive: true });
      await writeFile(join(years, '2020.json'), JSON.stringify({ version: 1, activities }));
      await writeFile(
        join(years, '2021.json'),
        JSON.stringify({ version: 1, activities: { '9': activity(9, '2021-05-01T07:00:00Z') } }),
      );
      const problems: StoreProblem[] = [];
      const store = await open(dir, problems);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.reason).toMatch(/^invalid: activities\.\d/);
      expect(store.lostData).toBe(true);
      expect(store.ids()).toEqual([9]);
      expect((await readdir(years)).filter((n) => n.startsWith('2020.corrupt-'))).toHaveLength(1);
    });
  }
});
