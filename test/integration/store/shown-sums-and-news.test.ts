// What the line above the table says, from the store in a real data folder: the sums of every activity the filters
// match (not only the page asked for), and which activities are new since the person last looked, kept across a
// restart (a new SplitsStore on the same folder).
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SplitsStore } from '../../../main/store/splits-store';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { generateActivities, toSummary } from '../../strava-sim/activities';
import { useTempDirs } from '../../support/temp-dirs';

const makeTempDir = useTempDirs('splits-sums-');

const NEWEST = Date.UTC(2026, 10, 2) / 1000;
const summaries = (athleteId: number, n: number, firstId: number, seed: number) =>
  generateActivities(athleteId, n, firstId, { seed, newestBefore: NEWEST }).map((a) => toSummary(a) as SummaryActivity);

async function storeWith(dataDir: string, athletes: Record<number, SummaryActivity[]>): Promise<SplitsStore> {
  const store = await SplitsStore.open(dataDir);
  for (const [athleteId, activities] of Object.entries(athletes)) {
    await store.accounts.save({
      athleteId: Number(athleteId),
      name: `Athlete ${athleteId}`,
      scope: 'read,activity:read_all',
      state: 'connected',
      stateMessage: null,
      connectedAt: 1,
    });
    const stored = await store.activities(Number(athleteId));
    for (const a of activities) await stored.upsert(a);
    await stored.flush();
  }
  return store;
}

const sumOf = (list: SummaryActivity[]) => ({
  distance: list.reduce((s, a) => s + (a.distance ?? 0), 0),
  movingTime: list.reduce((s, a) => s + (a.moving_time ?? 0), 0),
  elevationGain: list.reduce((s, a) => s + (a.total_elevation_gain ?? 0), 0),
});

const localMs = (a: SummaryActivity) => Date.parse(a.start_date_local ?? a.start_date);

describe('the sums and the new activities the window shows', () => {
  it('adds up every match of the filters (sport, dates, search, athlete), whatever page is asked for', async () => {
    const ada = summaries(1001, 700, 5_000_000, 1);
    const grace = summaries(2002, 300, 7_000_000, 2);
    const store = await storeWith(await makeTempDir(), { 1001: ada, 2002: grace });

    const everything = await store.query({ page: 2, pageSize: 10 });
    expect(everything.total).toBe(1000);
    expect(everything.items).toHaveLength(10);
    expect(everything.sums.distance).toBeCloseTo(sumOf([...ada, ...grace]).distance, 3);
    expect(everything.sums.movingTime).toBe(sumOf([...ada, ...grace]).movingTime);

    const rides = (a: SummaryActivity) => a.sport_type === 'Ride';
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2025, 11, 31, 23, 59, 59, 999);
    const inYear = (a: SummaryActivity) => localMs(a) >= from && localMs(a) <= to;
    const adaRides2025 = ada.filter((a) => rides(a) && inYear(a));
    expect(adaRides2025.length).toBeGreaterThan(5);
    const filtered = await store.query({ athleteId: 1001, sportTypes: ['Ride'], from, to, pageSize: 1 });
    expect(filtered.total).toBe(adaRides2025.length);
    const expected = sumOf(adaRides2025);
    expect(filtered.sums.distance).toBeCloseTo(expected.distance, 3);
    expect(filtered.sums.movingTime).toBe(expected.movingTime);
    expect(filtered.sums.elevationGain).toBeCloseTo(expected.elevationGain, 3);

    const word = grace[0]!.name.split(' ')[0]!;
    const named = grace.filter((a) => a.name.toLowerCase().includes(word.toLowerCase()));
    const searched = await store.query({ athleteId: 2002, search: word, pageSize: 1 });
    expect(searched.total).toBe(named.length);
    expect(searched.sums.movingTime).toBe(sumOf(named).movingTime);

    const none = await store.query({ search: 'no activity is called this', pageSize: 1 });
    expect(none).toMatchObject({ total: 0, sums: { distance: 0, movingTime: 0, elevationGain: 0 } });
  });

  it('marks as new what arrived since the last look, per athlete, and remembers the look across a restart', async () => {
    const dataDir = await makeTempDir();
    const ada = summaries(1001, 50, 5_000_000, 1);
    const grace = summaries(2002, 20, 7_000_000, 2);
    const store = await storeWith(dataDir, { 1001: ada, 2002: grace });

    // The first look: nothing was seen before, so nothing is new (a first sync's history is not news).
    const first = await store.markSeen();
    expect(first).toEqual([]);
    expect((await store.query({ newSince: first, pageSize: 500 })).newCount).toBe(0);

    // Three uploads for Ada and one for Grace arrive; Ada's archive brings an old activity (a low id) too.
    const adaNew = summaries(1001, 3, 6_000_000, 3);
    const graceNew = summaries(2002, 1, 8_000_000, 4);
    const archived = { ...summaries(1001, 1, 100, 5)[0]!, id: 100 };
    const adaStore = await store.activities(1001);
    for (const a of [...adaNew, archived]) await adaStore.upsert(a);
    await adaStore.flush();
    await (await store.activities(2002)).upsert(graceNew[0]!);
    await (await store.activities(2002)).flush();

    // A restart: a new store on the same folder still knows the last look.
    const reopened = await SplitsStore.open(dataDir);
    const marks = await reopened.markSeen();
    const highest = (list: SummaryActivity[]) => Math.max(...list.map((a) => a.id));
    expect(marks.sort((a, b) => a.athleteId - b.athleteId)).toEqual([
      { athleteId: 1001, upTo: highest(ada) },
      { athleteId: 2002, upTo: highest(grace) },
    ]);
    const page = await reopened.query({ newSince: marks, pageSize: 500 });
    expect(page.newCount).toBe(4);
    expect(
      page.items
        .filter((r) => r.isNew)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...adaNew, ...graceNew].map((a) => a.id).sort());
    // Counted among what the filters show.
    expect((await reopened.query({ newSince: marks, athleteId: 2002, pageSize: 1 })).newCount).toBe(1);
    // Without the marks nothing is called new.
    expect((await reopened.query({ pageSize: 500 })).newCount).toBe(0);

    // Seen now: the next look finds nothing new, and the file says so.
    const next = await (await SplitsStore.open(dataDir)).markSeen();
    expect((await reopened.query({ newSince: next, pageSize: 500 })).newCount).toBe(0);
    const file = JSON.parse(await readFile(join(dataDir, 'seen.json'), 'utf8')) as { athletes: Record<string, number> };
    expect(file.athletes).toEqual({ '1001': highest(adaNew), '2002': highest(graceNew) });
  });

  it('a seen.json that could not be opened once is opened again at the next look, not given up until a restart', async () => {
    const dataDir = await makeTempDir();
    const ada = summaries(1001, 5, 5_000_000, 1);
    const store = await storeWith(dataDir, { 1001: ada });
    // A folder in the file's place cannot be read (as a disk error or a permission would; root reads through modes).
    await mkdir(join(dataDir, 'seen.json'));
    await expect(store.markSeen()).rejects.toThrow(/seen\.json/);
    await rm(join(dataDir, 'seen.json'), { recursive: true });
    // The same store, no restart: the look works and is kept.
    expect(await store.markSeen()).toEqual([]);
    const file = JSON.parse(await readFile(join(dataDir, 'seen.json'), 'utf8')) as { athletes: Record<string, number> };
    expect(file.athletes).toEqual({ '1001': Math.max(...ada.map((a) => a.id)) });
  });

  it('a damaged seen.json is set aside and the look starts again, with nothing called new', async () => {
    const dataDir = await makeTempDir();
    const store = await storeWith(dataDir, { 1001: summaries(1001, 5, 5_000_000, 1) });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dataDir, 'seen.json'), '{"version":1,"athletes":{"1001":"not a number"}}', { mode: 0o600 });
    expect(await store.markSeen()).toEqual([]);
    expect(store.problems.map((p) => p.file)).toContain(join(dataDir, 'seen.json'));
  });
});
