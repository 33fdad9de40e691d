// A listing stores a page of 200 summaries at once (upsertAll) rather than awaiting each (issue 20, item 12). It must
// leave the store exactly as storing them one by one does: the same outcomes, the same files, the same details
// dropped or kept, with year and detail files that are not in memory yet read on the way. Real files in temp folders.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_MARK } from '../../../main/store/archive-marks';
import { StoreFileUnreadableError } from '../../../main/store/atomic-json-file';
import { SplitsStore } from '../../../main/store/splits-store';
import { yearOf } from '../../../main/store/year-files';
import type { DetailedActivity, SummaryActivity } from '../../../main/strava/schemas';
import { generateActivities, toSummary } from '../../strava-sim/activities';
import { useTempDirs } from '../../support/temp-dirs';

const ATHLETE = 1001;
const NOW = Date.UTC(2026, 10, 2);
const tempDir = useTempDirs('splits-page-upsert-');

/** The same store in two folders: a few years of activities with details, one of them known only from an archive. */
async function twoStores(history: SummaryActivity[]) {
  const dirs = [await tempDir(), await tempDir()];
  for (const dir of dirs) {
    const store = await SplitsStore.open(dir);
    const activities = await store.activities(ATHLETE);
    for (const [i, a] of history.entries()) {
      await activities.upsert(i === 7 ? { ...a, [ARCHIVE_MARK]: { exported_at: '2026-01-01T00:00:00Z' } } : a);
      await activities.setDetail({ ...a, description: `detail of ${a.id}` } as DetailedActivity);
    }
    await activities.flush();
  }
  // Opened again, as a later sync finds them: no year's detail file held.
  return Promise.all(
    dirs.map(async (dir) => ({ dir, activities: await (await SplitsStore.open(dir)).activities(ATHLETE) })),
  );
}

async function files(dir: string): Promise<Record<string, string>> {
  const folder = join(dir, 'activities', String(ATHLETE));
  const names = (await readdir(folder)).filter((n) => n.endsWith('.json')).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(folder, n), 'utf8')])));
}

describe('a page stored at once', () => {
  it('leaves the outcomes, the files and the details as storing each record in turn does', async () => {
    // Six years or so: the stored history is every 15th activity, and the page brings 20 of those in between.
    const all = generateActivities(ATHLETE, 1_500, 5_000_000, { seed: 11, newestBefore: NOW / 1000 }).map(
      (a) => toSummary(a) as SummaryActivity,
    );
    const history = all.filter((_, i) => i % 15 === 0);
    const fresh = all.filter((_, i) => i % 75 === 1);
    const years = [...new Set(history.map(yearOf))].sort();
    expect(years.length).toBeGreaterThan(2);
    const page: SummaryActivity[] = [
      ...fresh, // new
      history[0]!, // unchanged
      { ...history[1]!, kudos_count: 99 }, // social counters alone: the detail stays
      { ...history[2]!, name: 'Renamed on Strava' }, // its detail goes
      { ...history[50]!, name: 'Renamed, years back' }, // its detail goes, from a detail file not read yet
      { ...history[3]!, start_date: `${years[0]! - 3}-06-01T08:00:00Z` }, // moved to a year with no file
      { ...history[7]! }, // the archive's activity, confirmed by Strava: its detail stays
      { ...history[2]!, name: 'Renamed twice' }, // the same activity again on the page
      { ...fresh[0]!, name: 'New, then changed' },
    ];
    const [one, other] = await twoStores(history);
    const atOnce: string[] = [];
    await one!.activities.upsertAll(page, (_, outcome) => atOnce.push(outcome));
    const inTurn: string[] = [];
    for (const a of page) inTurn.push(await other!.activities.upsert(a));

    expect(atOnce).toEqual(inTurn);
    expect(fresh.length).toBe(20);
    expect(atOnce.slice(20)).toEqual(['unchanged', ...Array<string>(7).fill('updated')]);
    for (const store of [one!, other!]) {
      expect(store.activities.hasDetail(history[1]!.id)).toBe(true);
      expect(store.activities.hasDetail(history[2]!.id)).toBe(false);
      expect(store.activities.hasDetail(history[3]!.id)).toBe(false);
      expect(store.activities.hasDetail(history[50]!.id)).toBe(false);
      expect(store.activities.hasDetail(history[7]!.id)).toBe(true);
      expect(store.activities.get(history[2]!.id)?.name).toBe('Renamed twice');
      await store.activities.flush();
    }
    const written = await files(one!.dir);
    expect(Object.keys(written)).toContain(`${years[0]! - 3}.json`);
    expect(written).toEqual(await files(other!.dir));
    const details = (id: number) => {
      const year = yearOf(history.find((a) => a.id === id)!);
      return Object.keys((JSON.parse(written[`${year}.details.json`]!) as { details: object }).details);
    };
    expect(details(history[1]!.id)).toContain(String(history[1]!.id));
    expect(details(history[2]!.id)).not.toContain(String(history[2]!.id));
    expect(details(history[50]!.id)).not.toContain(String(history[50]!.id));
    expect(details(history[51]!.id)).toContain(String(history[51]!.id));
  });

  it('a page that fails part way (a year file that cannot be read) has told of each record stored before it', async () => {
    const dir = await tempDir();
    const activities = await (await SplitsStore.open(dir)).activities(ATHLETE);
    const record = (id: number, year: number) =>
      ({ id, name: `Run ${id}`, start_date: `${year}-06-01T07:00:00Z` }) as SummaryActivity;
    await activities.upsert(record(1, 2026));
    await activities.flush();
    // A folder where 2019's file would be: reading it fails (EISDIR), after the records of 2026 before it are stored.
    await mkdir(join(dir, 'activities', String(ATHLETE), '2019.json'));
    const told: Array<[number, string]> = [];
    const storing = activities.upsertAll([record(2, 2026), record(3, 2026), record(4, 2019), record(5, 2026)], (a, o) =>
      told.push([a.id, o]),
    );
    await expect(storing).rejects.toBeInstanceOf(StoreFileUnreadableError);
    expect(told).toEqual([
      [2, 'new'],
      [3, 'new'],
    ]);
    expect([2, 3].map((id) => activities.get(id)?.id)).toEqual([2, 3]);
  });

  it('a store closed and opened again finds the page as stored', async () => {
    const all = generateActivities(ATHLETE, 30, 5_000_000, { seed: 12, newestBefore: NOW / 1000 }).map(
      (a) => toSummary(a) as SummaryActivity,
    );
    const [one] = await twoStores(all.slice(10));
    await one!.activities.upsertAll(all.slice(0, 10), () => undefined);
    await one!.activities.flush();
    const again = await (await SplitsStore.open(one!.dir)).activities(ATHLETE);
    expect(again.count).toBe(30);
    expect(all.every((a) => again.get(a.id)?.name === a.name)).toBe(true);
  });
});
