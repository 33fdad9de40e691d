import type { PrivateAccess } from '../../common/private-access';
import type { Logger } from '../log';
import type { SplitsStore } from '../store/splits-store';

/**
 * waiting: for a sync holding the data folder (with waitMs); reading: activities.csv (done = rows); joining: rows into
 * the store; tracks: original files (done of total).
 */
export type ImportPhase = 'waiting' | 'reading' | 'joining' | 'tracks' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  /** null while unknown (the rows of activities.csv are counted as it streams). */
  total: number | null;
}

export interface ImportOptions {
  store: SplitsStore;
  /** The zip Strava sent. */
  path: string;
  /** Whose archive it is; default: the athlete profile.csv names, else the only connected athlete. */
  athleteId?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops at the next row or file: what was done is kept, and importing again finishes the rest. */
  signal?: AbortSignal;
  /**
   * How long to wait for a sync holding the data folder (default 0: DataFolderBusyError at once). The signal ends the
   * wait too: the import then rejects with the signal's reason, having done nothing.
   */
  waitMs?: number;
  /**
   * The most activities an archive may hold: rows of activities.csv and original files in the zip. Default: the real
   * bound, MAX_ROWS (200,000, more than anyone has), which the soak run proves. A test gives a smaller one to prove
   * the refusal without building 200,001 of anything.
   */
  maxActivities?: number;
  logger?: Logger;
}

/** A row of activities.csv left out, and why. */
export interface SkippedRow {
  /** The row's number among the data rows (1 is the first after the header). */
  row: number;
  reason: string;
}

export interface UnreadableFile {
  activityId: number;
  /** The file's name in the archive (activities/123.fit.gz). */
  file: string;
  reason: string;
}

/** What an import did. Lists are capped (LIST_CAP); the counts are whole. */
export interface ImportSummary {
  athleteId: number;
  /** When the archive was made (its activities.csv's time in the zip), ISO. */
  exportedAt: string;
  rowsRead: number;
  /** Rows whose activity Strava had listed. */
  matched: number;
  /** Details written from the archive: the backfill spends no request on these. */
  detailsFilled: number;
  /** Matched rows whose detail was kept (fetched from Strava, or from a newer or the same archive). */
  detailsKept: number;
  /** Matched rows left for the backfill: Strava's summary shows the activity edited since the archive was made. */
  detailsSkippedEdited: number;
  /** Activities only the archive has, stored and marked until a sync confirms or removes them. */
  archiveOnlyAdded: number;
  archiveOnlyUpdated: number;
  archiveOnlyKept: number;
  tracksStored: number;
  /** Tracks already stored from an archive (an earlier import), left as they were; one from Strava's API is replaced. */
  tracksKept: number;
  /** Original files that parsed but hold no recorded point (a manual entry, an indoor file without samples). */
  filesWithoutPoints: number;
  filesUnreadable: number;
  unreadableFiles: UnreadableFile[];
  /** activities.csv columns Splits does not know (ignored), the first LIST_CAP of them. */
  unknownColumns: string[];
  /** How many columns Splits does not know, all of them. */
  unknownColumnCount: number;
  skippedRows: number;
  skipped: SkippedRow[];
  /** Whether the next sync scans the whole history (to confirm or remove the archive-only activities). */
  fullScanDue: boolean;
  /**
   * Without activity:read_all: the archive-only activities kept, which Strava cannot be asked about (private ones are
   * hidden from the listing and answered 404), until the person logs in again and grants private activities. 0 with
   * read_all.
   */
  privateUnconfirmable: number;
  /**
   * Whether the athlete let Splits see private activities, which decides what the next sync can confirm: unknown after
   * a login with a refresh token, whose scope Strava does not tell.
   */
  privateAccess: PrivateAccess;
  /** Stopped by the signal before the end: what was done is kept. */
  cancelled: boolean;
}

export const LIST_CAP = 20;
