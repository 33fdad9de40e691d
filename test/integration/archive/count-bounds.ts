// The bound on how many activities an archive may hold (rows of activities.csv, original files in the zip), proved
// one past its edge. The default tests give the import a small bound (ImportOptions.maxActivities); the soak run
// (test/soak/hostile-archives.soak.ts) proves the real one, 200,000, which takes a zip of 200,001 entries to reach.
import { join } from 'node:path';
import { expect } from 'vitest';
import { ArchiveError, importArchive } from '../../../main/archive';
import { MAX_ROWS } from '../../../main/archive/activities-csv';
import { MAX_ORIGINAL_FILES } from '../../../main/archive/zip-archive';
import { DataLock } from '../../../main/store/data-lock';
import { activitiesCsv, fromSimulator } from '../../support/archive-fixture';
import { csvOfRows, writeHostileArchive, writeManyEntriesZip } from '../../support/hostile-archives';
import type { World } from '../../support/splits';
import { folderFingerprint, syncedWorld } from './archive-test-kit';

type MakeWorld = (o?: object) => Promise<World>;

/** The bound given to the import (undefined: its default) and the one it must then keep. */
const bound = (maxActivities: number | undefined, real: number) => ({
  options: maxActivities === undefined ? {} : { maxActivities },
  count: maxActivities ?? real,
  words: (maxActivities ?? real).toLocaleString('en-US'),
});

/**
 * An activities.csv of one row past the bound is refused in words, before the data folder is taken (a sync holding it
 * does not hold the refusal back), and nothing changes; one of as many rows as the bound is read.
 */
export async function rowsPastTheBound(world: MakeWorld, dir: string, maxActivities?: number): Promise<void> {
  const { count, options, words } = bound(maxActivities, MAX_ROWS);
  const { splits } = await syncedWorld(world, 2);
  const past = join(dir, 'rows.zip');
  await writeHostileArchive(past, [{ name: 'activities.csv', data: csvOfRows(count + 1) }], {
    activities: [],
    athleteId: 1001,
  });
  const before = await folderFingerprint(splits.store.dataDir);
  // A sync holds the folder: a bad archive is said so all the same, without waiting for it.
  const lock = await DataLock.acquire(splits.store.dataDir);
  try {
    const error = await importArchive({ store: splits.store, path: past, ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toMatch(new RegExp(`more than ${words} rows.*Nothing was imported`));
  } finally {
    await lock.release();
  }
  expect(await folderFingerprint(splits.store.dataDir)).toEqual(before);

  const atTheBound = join(dir, 'rows-at-the-bound.zip');
  await writeHostileArchive(atTheBound, [{ name: 'activities.csv', data: csvOfRows(count) }], {
    activities: [],
    athleteId: 1001,
  });
  expect(await importArchive({ store: splits.store, path: atTheBound, ...options })).toMatchObject({
    rowsRead: count,
    skippedRows: count,
  });
}

/**
 * A zip of one activity file past the bound is refused in words, and one of as many is read; photos beside the
 * activities, far more of them than the bound, are passed over.
 */
export async function filesPastTheBound(world: MakeWorld, dir: string, maxActivities?: number): Promise<void> {
  const { count, options, words } = bound(maxActivities, MAX_ORIGINAL_FILES);
  const { splits, seeded } = await syncedWorld(world, 2);
  const spec = { activities: fromSimulator(seeded), athleteId: 1001 };
  const head = [
    { name: 'activities.csv', data: Buffer.from(activitiesCsv(spec)) },
    { name: 'profile.csv', data: Buffer.from('Athlete ID\n1001\n') },
  ];
  const files = join(dir, 'files.zip');
  await writeManyEntriesZip(files, [
    ...head,
    ...Array.from({ length: count + 1 }, (_, i) => ({ name: `activities/${i}.gpx`, data: Buffer.alloc(0) })),
  ]);
  const error = await importArchive({ store: splits.store, path: files, ...options }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ArchiveError);
  expect((error as Error).message).toMatch(new RegExp(`holds more than ${words} activity files.*Nothing was imported`));
  const atTheBound = join(dir, 'files-at-the-bound.zip');
  await writeManyEntriesZip(atTheBound, [
    ...head,
    ...Array.from({ length: count }, (_, i) => ({ name: `activities/${i}.gpx`, data: Buffer.alloc(0) })),
  ]);
  expect(await importArchive({ store: splits.store, path: atTheBound, ...options })).toMatchObject({
    rowsRead: 2,
    matched: 2,
  });

  const photos = join(dir, 'photos.zip');
  await writeManyEntriesZip(photos, [
    ...head,
    ...Array.from({ length: 5_000 }, (_, i) => ({ name: `media/${i}.jpg`, data: Buffer.alloc(0) })),
  ]);
  expect(await importArchive({ store: splits.store, path: photos, ...options })).toMatchObject({
    rowsRead: 2,
    matched: 2,
  });
}
