// The tray app keeps the store open all day (issue 20, item 14): details are most of a store, so it holds a year's
// detail file only while a detail is read or changed, and reads it from disk again when asked. Real files in a temp
// folder; what is held is counted, never measured in bytes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_SETTINGS } from '../../../common/training-settings';
import { storeStats } from '../../../main/stats/store-stats';
import { SplitsStore } from '../../../main/store/splits-store';
import { yearOf } from '../../../main/store/year-files';
import type { DetailedActivity, SummaryActivity } from '../../../main/strava/schemas';
import { generateActivities, toSummary } from '../../strava-sim/activities';
import { useTempDirs } from '../../support/temp-dirs';

const ATHLETE = 1001;
const NOW = Date.UTC(2026, 10, 2);
const tempDir = useTempDirs('splits-details-');

/** Activities over several years, each with a detail whose description names it. */
async function storeWithDetails(dataDir: string) {
  const store = await SplitsStore.open(dataDir);
  const activities = await store.activities(ATHLETE);
  const all = generateActivities(ATHLETE, 1_500, 7_000_000, { seed: 3, newestBefore: NOW / 1000 }).map(
    (a) => toSummary(a) as SummaryActivity,
  );
  for (const a of all) {
    await activities.upsert(a);
    await activities.setDetail({ ...a, description: `detail of ${a.id}` } as DetailedActivity);
  }
  await activities.flush();
  return all;
}

describe('details stay on disk while the store is open', () => {
  it('holds no detail file once opened, written or asked, and still answers every detail', async () => {
    const dataDir = await tempDir();
    const all = await storeWithDetails(dataDir);
    const years = new Set(all.map(yearOf));
    expect(years.size).toBeGreaterThan(2);

    const store = await SplitsStore.open(dataDir);
    const activities = await store.activities(ATHLETE);
    // Opened: every detail known, none held.
    expect(all.every((a) => activities.hasDetail(a.id))).toBe(true);
    expect(activities.heldDetailFiles).toBe(0);

    // One asked for: its year is read, and the answer is the detail written.
    const one = all[17]!;
    expect((await activities.detail(one.id))?.description).toBe(`detail of ${one.id}`);
    expect(activities.heldDetailFiles).toBe(1);

    // The statistics read every detail, and let them go.
    const stats = await storeStats(store, {}, DEFAULT_TRAINING_SETTINGS, NOW);
    expect(stats.athletes[0]!.athleteId).toBe(ATHLETE);
    expect(activities.heldDetailFiles).toBe(0);

    // A changed detail is held until written, then read back from disk.
    const changed = all[3]!;
    await activities.setDetail({ ...changed, description: 'changed' } as DetailedActivity);
    expect(activities.heldDetailFiles).toBe(1);
    await activities.flush();
    expect(activities.heldDetailFiles).toBe(0);
    expect((await activities.detail(changed.id))?.description).toBe('changed');
  });

  it('removing an activity whose detail file is not held removes its detail from the file', async () => {
    const dataDir = await tempDir();
    const all = await storeWithDetails(dataDir);
    const store = await SplitsStore.open(dataDir);
    const activities = await store.activities(ATHLETE);
    const gone = all[5]!;
    expect(await activities.remove(gone.id)).toBe(true);
    await activities.flush();

    const file = join(dataDir, 'activities', String(ATHLETE), `${yearOf(gone)}.details.json`);
    const details = (JSON.parse(await readFile(file, 'utf8')) as { details: Record<string, unknown> }).details;
    expect(Object.keys(details)).not.toContain(String(gone.id));
    expect(Object.keys(details).length).toBeGreaterThan(0);
    expect(activities.heldDetailFiles).toBe(0);
  });
});
