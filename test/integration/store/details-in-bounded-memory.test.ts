// Details are most of a store, and what a process reached at its peak stays mapped all day in the tray app (issue 20,
// item 14). The store learns which activities have a detail, and the statistics read the details, one year's file at
// a time, never all of them at once. Seen as a person would meet it: `splits` as a real process, its heap limited to
// less than the details together, over real files written in a temp folder.
import { describe, expect, it } from 'vitest';
import type { TrainingStats } from '../../../common/training-stats';
import { SplitsStore } from '../../../main/store/splits-store';
import type { DetailedActivity, SummaryActivity } from '../../../main/strava/schemas';
import { generateActivities, toSummary } from '../../strava-sim/activities';
import { runCli } from '../../support/cli';
import { useTempDirs } from '../../support/temp-dirs';

const ATHLETE = 1001;
const YEARS = 32;
const PER_YEAR = 40;
/** Each detail's description: 32 years of 40 make 64 MB of details, a year's file 2 MB. */
const DESCRIPTION_BYTES = 50 * 1024;
/** The heap the process may use (MB): about what the CLI needs with a year or two of these details held. */
const HEAP_LIMIT_MB = 64;
const tempDir = useTempDirs('splits-bounded-');

/**
 * A store of YEARS years, each activity with a large detail that names its gear: the gear's name is in the details
 * alone, so the statistics show it only if they read them.
 */
async function storeWithLargeDetails(): Promise<{ dataDir: string; ids: number[] }> {
  const dataDir = await tempDir();
  const store = await SplitsStore.open(dataDir);
  const activities = await store.activities(ATHLETE);
  const generated = generateActivities(ATHLETE, YEARS * PER_YEAR, 7_000_000, {
    seed: 5,
    newestBefore: Date.UTC(2026, 10, 2) / 1000,
  });
  const ids: number[] = [];
  for (const [i, row] of generated.entries()) {
    const a = toSummary(row) as SummaryActivity;
    // Spread over YEARS years whatever the generator's dates: the months, days and times are kept (29 February, which
    // most years lack, becomes the 28th).
    const inYear = (date: string) => `${1990 + (i % YEARS)}${date.slice(4)}`.replace('-02-29T', '-02-28T');
    const summary = {
      ...a,
      start_date: inYear(a.start_date),
      start_date_local: inYear(a.start_date_local ?? a.start_date),
      gear_id: 'b1',
    } as SummaryActivity;
    await activities.upsert(summary);
    await activities.setDetail({
      ...summary,
      gear: { id: 'b1', name: 'Bike named in the details' },
      description: `${a.id} `.repeat(Math.ceil(DESCRIPTION_BYTES / (String(a.id).length + 1))),
    } as DetailedActivity);
    ids.push(a.id);
  }
  await activities.flush();
  return { dataDir, ids };
}

const limitedEnv = (dataDir: string) => ({
  SPLITS_DATA_DIR: dataDir,
  NODE_OPTIONS: `--max-old-space-size=${HEAP_LIMIT_MB}`,
  TZ: 'UTC',
});

describe('details are read a year at a time', () => {
  it('a store whose details exceed the heap opens and lists every activity', async () => {
    const { dataDir, ids } = await storeWithLargeDetails();
    const run = await runCli(['activities', '--json'], limitedEnv(dataDir));
    // Before: every detail file was parsed at the opening and held at once, and the process ran out of heap.
    expect(run.code, run.stderr.slice(-400)).toBe(0);
    const listed = JSON.parse(run.stdout) as Array<{ id: number }>;
    expect(listed.map((a) => a.id).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
  });

  it('the statistics read every detail under that heap limit', async () => {
    const { dataDir, ids } = await storeWithLargeDetails();
    const run = await runCli(['stats', '--json'], limitedEnv(dataDir));
    // Before: every year's detail file read was held until the last activity's figures were taken.
    expect(run.code, run.stderr.slice(-400)).toBe(0);
    const [athlete] = (JSON.parse(run.stdout) as TrainingStats).athletes;
    expect(athlete!.athleteId).toBe(ATHLETE);
    // The gear's name comes from the details alone: each activity's was read.
    expect(athlete!.gear).toEqual([
      expect.objectContaining({ gearId: 'b1', name: 'Bike named in the details', count: ids.length }),
    ]);
    expect(new Set(athlete!.years.map((y) => y.year)).size).toBe(YEARS);
  });
});
