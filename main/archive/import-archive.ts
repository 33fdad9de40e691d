import { privateAccess } from '../../common/private-access';
import { StoreFileUnwritableError } from '../store/atomic-json-file';
import type { AthleteActivities } from '../store/activity-store';
import { isArchiveOnly, type ArchiveMark } from '../store/archive-marks';
import { DataLock } from '../store/data-lock';
import type { Entry } from 'yauzl';
import { readActivitiesCsv, type ActivitiesCsv, type ArchiveRow } from './activities-csv';
import { chooseAthlete } from './archive-athlete';
import { ArchiveError } from './archive-error';
import { emptyJoinCounts, joinRow } from './archive-join';
import { readOriginalFile, trackReaderFor, UNKNOWN_KIND } from './original-file';
import { readProfileAthleteId } from './profile-csv';
import { BestsIndexWriter } from './best-efforts-index';
import { readTrack, syncTracksFolder, writeTrack, TrackUnreadableError } from './track';
import { TrackFileError } from './track-file-error';
import { LIST_CAP, type ImportOptions, type ImportSummary, type UnreadableFile } from './import-types';
import { openZipArchive, type ZipArchive } from './zip-archive';

/** Rows joined between two progress reports (and cancellation checks are every row). */
const PROGRESS_EVERY = 100;
/** Rows joined between two writes of the years they have moved past. */
const FLUSH_EVERY = 5_000;
/** Original files read, decoded and written at once: decoding is CPU, reading and flushing wait on the disk. */
const TRACKS_IN_FLIGHT = 3;

/**
 * Imports Strava's bulk-export archive into an athlete's stored activities: each row of activities.csv fills the
 * detail of the activity Strava listed (so the backfill skips it), or stores an activity only the archive has
 * (marked, until the next sync confirms or removes it); the original FIT, GPX and TCX files become stored tracks.
 *
 * Holds the data folder's lock throughout, as a sync does (DataFolderBusyError when one runs). Bad input is an
 * ArchiveError thrown before anything is written; a file that cannot be read is named in the summary and the import
 * goes on. Importing the same archive again changes nothing, and an older archive never overwrites a newer one's
 * records, nor anything from Strava.
 */
export async function importArchive(options: ImportOptions): Promise<ImportSummary> {
  const zip = await openZipArchive(options.path, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxActivities !== undefined ? { maxOriginalFiles: options.maxActivities } : {}),
  });
  try {
    // Reading the archive changes nothing: it is read and checked before the data folder is taken, so a sync is not
    // held back meanwhile, and a bad archive is refused without waiting for one.
    const archive = await readArchive(options, zip);
    return await holdingDataFolder(options, (signal, lockLost) => run(options, zip, archive, signal, lockLost)).catch(
      (error: unknown) => {
        // The disk stopped it: what was written is kept, and importing again finishes the rest.
        throw error instanceof StoreFileUnwritableError
          ? error.thenAgain('import the archive again: what was imported is kept')
          : error;
      },
    );
  } finally {
    zip.close();
  }
}

/** What the archive says, read before anything is written. */
interface ArchiveContents {
  profileId: number | null;
  csv: ActivitiesCsv;
  mark: ArchiveMark;
}

async function readArchive(options: ImportOptions, zip: ZipArchive): Promise<ArchiveContents> {
  const progress = options.onProgress ?? (() => undefined);
  const signal = options.signal;
  signal?.throwIfAborted();
  progress({ phase: 'reading', done: 0, total: null });
  // A profile.csv that cannot be read names no athlete: the athlete is then chosen otherwise.
  const profileId = zip.profileCsv ? await zip.stream(zip.profileCsv).then(readProfileAthleteId, () => null) : null;
  const csvStream = await zip.stream(zip.activitiesCsv).catch((error: unknown) => {
    throw new ArchiveError(
      'unreadable',
      `The archive's activities.csv cannot be read (${error instanceof Error ? error.message : String(error)}). Nothing was imported. Download the archive from Strava again.`,
    );
  });
  const csv = await readActivitiesCsv(csvStream, {
    onRow: (done) => progress({ phase: 'reading', done, total: null }),
    looksLikeStrava: zip.looksLikeStrava,
    ...(signal ? { signal } : {}),
    ...(options.maxActivities !== undefined ? { maxRows: options.maxActivities } : {}),
  });
  // The archive's time orders archives (an older one never overwrites a newer), so it must be the same on every
  // machine. The extended timestamp (UTC) is taken when the zip has one; else the DOS time, which has no zone, is read
  // as UTC: Strava makes its archives on servers that keep UTC, and reading it in this machine's zone would move it
  // by hours with the zone the import runs in.
  const mark = { exported_at: zip.activitiesCsv.getLastModDate({ timezone: 'UTC' }).toISOString() };
  return { profileId, csv, mark };
}

/**
 * Runs `work` holding the data folder's lock, as a sync does (DataFolderBusyError when one runs, or a wait of
 * `waitMs`). `work`'s signal ends when the person cancels or the lock is lost; after a lost lock nothing more is written.
 */
function holdingDataFolder<T>(
  options: ImportOptions,
  work: (signal: AbortSignal, lockLost: () => boolean) => Promise<T>,
): Promise<T> {
  const { store } = options;
  return DataLock.hold(
    store.dataDir,
    {
      fence: store.fence,
      // What holds the folder is named to whoever finds it busy: an import, not a sync.
      purpose: 'import',
      waitMs: options.waitMs ?? 0,
      // The person may give up waiting (Ctrl-C, quitting the app): the wait ends then, with nothing taken.
      ...(options.signal ? { signal: options.signal } : {}),
      // A sync holds the folder: say so while waiting for it.
      onWait: () => options.onProgress?.({ phase: 'waiting', done: 0, total: null }),
      onLost: (error) =>
        options.logger?.warn('the data folder lock was lost during an import; stopping it, and writing nothing more', {
          error: error.message,
        }),
    },
    async (hold) => {
      // Another process may have synced since this one last read the folder.
      await store.refresh();
      return work(hold.signal, () => hold.lost);
    },
  );
}

async function run(
  options: ImportOptions,
  zip: ZipArchive,
  archive: ArchiveContents,
  signal: AbortSignal,
  lockLost: () => boolean,
): Promise<ImportSummary> {
  const { store } = options;
  const { csv, mark } = archive;
  const progress = options.onProgress ?? (() => undefined);
  const athleteId = await chooseAthlete(store, {
    requested: options.athleteId,
    profileId: archive.profileId,
    rows: csv.rows,
  });
  const activities = await store.activities(athleteId);
  const counts = emptyJoinCounts();
  const summary: ImportSummary = {
    athleteId,
    exportedAt: mark.exported_at,
    rowsRead: csv.rowsRead,
    matched: 0,
    detailsFilled: 0,
    detailsKept: 0,
    detailsSkippedEdited: 0,
    archiveOnlyAdded: 0,
    archiveOnlyUpdated: 0,
    archiveOnlyKept: 0,
    tracksStored: 0,
    tracksKept: 0,
    filesWithoutPoints: 0,
    filesUnreadable: 0,
    unreadableFiles: [],
    unknownColumns: csv.unknownColumns.slice(0, LIST_CAP),
    unknownColumnCount: csv.unknownColumns.length,
    skippedRows: 0,
    skipped: [],
    fullScanDue: false,
    privateUnconfirmable: 0,
    privateAccess: privateAccess(store.accounts.get(athleteId)?.scope ?? ''),
    cancelled: false,
  };
  const finish = () => {
    const { skipped, addedIds: _added, ...joined } = counts;
    // The CSV's list holds its first LIST_CAP rows: the first LIST_CAP of all are among them and the join's.
    const firstSkipped = [...csv.skipped, ...skipped].sort((a, b) => a.row - b.row).slice(0, LIST_CAP);
    Object.assign(summary, joined, {
      skippedRows: csv.skippedCount + skipped.length,
      skipped: firstSkipped,
      cancelled: signal.aborted,
    });
    progress({ phase: 'done', done: rows.length, total: rows.length });
    return summary;
  };

  // The rows first. A year file is written once the rows have moved past its last row, every few thousand rows,
  // rather than every year at the end (whose serialising doubled the memory of a large archive); in no order, every
  // year is written once at the end. Each row is let go once joined: its text is in the store.
  const withFiles: TrackFile[] = [];
  const order = new Map(csv.rows.map((r, i) => [r.id, i]));
  const gone = new Set(store.syncState.get(athleteId).archiveGone ?? []);
  const rows: Array<ArchiveRow | null> = csv.rows.splice(0);
  const lastRowOfYear = new Map<number, number>();
  rows.forEach((r, i) => r?.startDate && lastRowOfYear.set(Number(r.startDate.slice(0, 4)), i));
  try {
    for (let i = 0; i < rows.length; i++) {
      if (signal.aborted) break;
      const row = rows[i]!;
      rows[i] = null;
      if ((await joinRow(activities, row, mark, counts, gone)) && row.filename)
        withFiles.push({ id: row.id, filename: row.filename });
      if ((i + 1) % PROGRESS_EVERY === 0) progress({ phase: 'joining', done: i + 1, total: rows.length });
      if ((i + 1) % FLUSH_EVERY === 0 && !lockLost()) {
        const stillOpen = new Set([...lastRowOfYear].filter(([, last]) => last > i).map(([year]) => year));
        await activities.flush(stillOpen);
      }
    }
  } finally {
    // What was joined is kept, even when stopped; a lost lock means another writer may be in: nothing more.
    if (!lockLost()) await activities.flush();
  }
  if (lockLost()) return finish();
  await scheduleConfirmation(options, activities, counts.addedIds, summary);

  // Then the original files, a few at a time (one is decoded while the others are read or written): only those few
  // are ever in memory.
  let next = 0;
  let done = 0;
  let written = 0;
  let failed = false;
  const worker = async () => {
    while (!signal.aborted && !failed && next < withFiles.length) {
      const row = withFiles[next++]!;
      try {
        if (await storeTrack(options, zip, athleteId, row, summary, signal, bests)) written++;
      } catch (error) {
        failed = true;
        throw error;
      }
      progress({ phase: 'tracks', done: ++done, total: withFiles.length });
    }
  };
  progress({ phase: 'tracks', done: 0, total: withFiles.length });
  // Each track's best efforts go into the athlete's index once the tracks are written: one write, not one a track.
  const bests = new BestsIndexWriter(store.dataDir, athleteId, activities, store.fence);
  try {
    // Every worker ends before the lock is let go, also when one fails (a full disk): none writes after it.
    const ended = await Promise.allSettled(Array.from({ length: TRACKS_IN_FLIGHT }, worker));
    const failure = ended.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    if (written > 0 && !lockLost()) await syncTracksFolder(store.dataDir, athleteId);
    // Not written (a full disk): the index stays marked pending, and the next writer or reader brings these tracks in.
    if (!lockLost()) await bests.flush().catch(() => undefined);
    summary.unreadableFiles.sort((a, b) => order.get(a.activityId)! - order.get(b.activityId)!);
  }
  return finish();
}

/**
 * Makes the next sync confirm or remove the archive-only activities, and says so in the summary.
 *
 * With activity:read_all, a full scan judges every archive-only activity still stored, those this import added and
 * those an earlier one left unconfirmed (it stopped, or crashed, before this was saved): the scan is made due. A scan
 * under way keeps its place (restarting it would list again every page it covered); the ids added now go into its
 * log of listed ids, so that it cannot take them for deleted from pages it covered before they were here, and the
 * scan, at its end, makes the next one due to judge them.
 *
 * Without it, Strava hides "Only Me" activities from the listing and answers 404 for each: an archive-only activity
 * the listing does not show may be private, and cannot be checked. A scan is made due only for those added now (the
 * public ones among them are confirmed by it); the others are kept, marked, and counted.
 */
async function scheduleConfirmation(
  options: ImportOptions,
  activities: AthleteActivities,
  addedIds: number[],
  summary: ImportSummary,
): Promise<void> {
  const { store } = options;
  const athleteId = activities.athleteId;
  // Unknown (a login with a refresh token) is taken as refused: a private activity must never be taken for deleted.
  const readAll = summary.privateAccess === 'granted';
  let unconfirmed = 0;
  for (const a of activities.all()) if (isArchiveOnly(a)) unconfirmed++;
  if (!readAll) summary.privateUnconfirmable = unconfirmed;
  const due = readAll ? unconfirmed > 0 : addedIds.length > 0;
  if (!due) return;
  const scanning = store.syncState.get(athleteId).fullScan !== null;
  if (scanning && addedIds.length > 0) await store.scanSeenLog(athleteId).append(addedIds);
  summary.fullScanDue = true;
  // Already due (importing the same archive again before a sync): nothing to write.
  const state = store.syncState.get(athleteId);
  if (state.lastFullScanAt === null && state.activityCount === activities.count) return;
  await store.syncState.update(athleteId, (s) => {
    s.lastFullScanAt = null;
    s.activityCount = activities.count;
  });
}

/** An activity whose row names an original file. */
interface TrackFile {
  id: number;
  filename: string;
}

/** Stores one activity's track from its original file; true when a track was written. */
async function storeTrack(
  options: ImportOptions,
  zip: ZipArchive,
  athleteId: number,
  row: TrackFile,
  summary: ImportSummary,
  signal: AbortSignal,
  bests: BestsIndexWriter,
): Promise<boolean> {
  const file = row.filename;
  const unreadable = (reason: string) => {
    summary.filesUnreadable++;
    if (summary.unreadableFiles.length < LIST_CAP)
      summary.unreadableFiles.push({ activityId: row.id, file, reason } satisfies UnreadableFile);
    return false;
  };
  // Original files never change on Strava: a track stored by an earlier import is the same, and is not rewritten. One
  // fetched from Strava's API is replaced: the archive's is the recording itself, and wins.
  const existing = await readTrack(options.store.dataDir, athleteId, row.id).catch((error: unknown) => {
    if (error instanceof TrackUnreadableError) return null;
    throw error;
  });
  if (existing && existing.source !== 'api') {
    summary.tracksKept++;
    return false;
  }
  const entry: Entry | undefined = zip.entryFor(file);
  if (!entry) return unreadable('the archive does not hold it');
  // Its kind first: a file Splits does not read is never opened.
  if (!trackReaderFor(file)) return unreadable(UNKNOWN_KIND);
  let track;
  try {
    // Streamed and bounded as it is read (track-limits.ts): a file past a bound is left out, and the import goes on.
    track = await readOriginalFile(file, row.id, await zip.stream(entry), signal);
  } catch (error) {
    if (signal.aborted) return false;
    if (error instanceof TrackFileError) return unreadable(error.message);
    return unreadable(`it cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!track) {
    summary.filesWithoutPoints++;
    return false;
  }
  await bests.beforeWrite();
  const stored = await writeTrack(options.store.dataDir, athleteId, track, {
    syncFolder: false,
    fence: options.store.fence,
  });
  bests.stored(row.id, stored);
  summary.tracksStored++;
  return true;
}
