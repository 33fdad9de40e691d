// The simulator's activities of one athlete as Strava's bulk export gives them: activities.csv with Strava's columns,
// profile.csv, and the original files of the newest ones, their recordings as FIT (recording-file.ts). The demo's
// "Import Strava archive" and `npm run sim -- --archive` write it, so that `import` can be tried without an archive of
// one's own, and a sync afterwards finds the same activities.
import { fromSimulator, writeArchive } from '../support/archive-fixture';
import type { SimActivity } from './activities';
import { recordingAsFit } from './recording-file';

/**
 * Activities that get their original file: the newest hundred. Encoding one takes Garmin's encoder some 30 ms, so a
 * file for each of 1,500 activities would keep a person waiting most of a minute for what a hundred already show.
 */
export const SAMPLE_ARCHIVE_FILES = 100;

export interface SampleArchiveWritten {
  /** Rows of activities.csv: every activity given. */
  activities: number;
  /** Original files in activities/: the newest recorded ones (a manual entry recorded nothing). */
  files: number;
}

/** Writes the archive at `path` (replacing what is there: callers choose a path of their own). */
export async function writeSampleArchive(
  path: string,
  athleteId: number,
  activities: readonly SimActivity[],
): Promise<SampleArchiveWritten> {
  const newestFirst = [...activities].sort((a, b) => b.start - a.start);
  const withFile = new Set(newestFirst.slice(0, SAMPLE_ARCHIVE_FILES).map((a) => a.id));
  let files = 0;
  await writeArchive(path, {
    athleteId,
    // Made now, as Strava stamps an export: an import keeps the newer of two archives' details by it.
    exportedAt: new Date(),
    activities: fromSimulator(activities, (a) => {
      const bytes = withFile.has(a.id) ? recordingAsFit(a) : null;
      if (!bytes) return undefined;
      files++;
      return { name: `activities/${a.id}.fit`, bytes };
    }),
  });
  return { activities: activities.length, files };
}
