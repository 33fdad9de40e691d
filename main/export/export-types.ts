import type { ActivityQuery } from '../../common/activity-query';
import type { SplitsStore } from '../store/splits-store';
import type { Units } from './units';
import { SplitsError } from '../errors';

export type ExportFormat = 'csv' | 'gpx' | 'geojson';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'gpx', 'geojson'];

/**
 * Which activities to export:
 * - `{ activityId }`: one activity (the window's "Export" on an activity);
 * - `{ query }`: the window's filtered table, in the order it shows (its page and page size are ignored);
 * - `{ athleteId?, since? }`: every stored activity of every athlete whose activities are in the data folder (logged
 *   out ones included), or of one, starting on or after a day (YYYY-MM-DD, the athlete's own calendar): the CLI.
 */
export type ExportSelection =
  { activityId: number; athleteId?: number } | { query: ActivityQuery } | { athleteId?: number; since?: string };

export interface ExportOptions {
  store: SplitsStore;
  format: ExportFormat;
  /** The folder the files go to; made (private) when missing. Never a file, never inside the data folder. */
  outDir: string;
  /** For CSV; GPX and GeoJSON are in degrees and metres whatever the units. Default metric. */
  units?: Units;
  select: ExportSelection;
  onProgress?: (progress: ExportProgress) => void;
  /** Aborting stops before the next activity: what was written stays whole, the file being written is removed. */
  signal?: AbortSignal;
}

export interface ExportProgress {
  /** Activities done (written, or reported as skipped) of `total`. */
  done: number;
  total: number;
  /** The file just written, when there is one. */
  file?: string;
}

/** An activity that has no file of its own in a GPX or GeoJSON export, and why. */
export interface SkippedActivity {
  athleteId: number;
  activityId: number;
  name: string;
  reason: 'no-route';
  message: string;
}

export interface ExportResult {
  format: ExportFormat;
  units: Units;
  /** The folder, absolute. */
  outDir: string;
  /** Every file written, absolute paths, in the order written. */
  files: string[];
  /** Activities selected. */
  selected: number;
  /** Activities in a file: rows in the CSV, one file each in GPX and GeoJSON. */
  exported: number;
  /** GPX and GeoJSON: how many came from a stored track (with times) and how many from the summary polyline. */
  fromTrack: number;
  fromPolyline: number;
  /** GPX and GeoJSON: activities with neither a track nor a polyline, which get no file. */
  skipped: SkippedActivity[];
  /** Things the person should know that did not stop the export (an unreadable track replaced by the polyline). */
  warnings: string[];
}

export type ExportErrorCode =
  'out-is-file' | 'out-in-data-folder' | 'out-unwritable' | 'unknown-athlete' | 'unknown-activity' | 'bad-since';

/** A request the export cannot carry out as given: its message says what happened and what to do. Nothing was written. */
export class ExportError extends SplitsError {
  override name = 'ExportError';
  readonly ipcCode = 'export';
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EISDIR: 'a folder has that name',
  EROFS: 'the disk is read-only',
  EIO: 'the disk reported an input/output error',
};

/** The file system's refusal in words, for the codes a person can act on. */
export const writeFailure = (code: string): string | undefined => WRITE_FAILURES[code];

/** A file of the export could not be written; the files written before it stay whole, and no half file is left. */
export class ExportWriteError extends SplitsError {
  override name = 'ExportWriteError';
  /** The disk's refusal, as a store file's is: the CLI's exit 1, the window's `disk`. */
  readonly ipcCode = 'disk';
  constructor(
    readonly path: string,
    cause: NodeJS.ErrnoException,
    /** The export's one file (the CSV): there are no files "before it" to speak of. */
    alone = false,
  ) {
    const code = cause.code ?? 'unknown';
    const left = alone
      ? 'Nothing half written was left.'
      : 'The files written before it are whole; nothing half written was left.';
    super(`Splits could not write ${path} (${code}: ${writeFailure(code) ?? cause.message}). ${left}`, { cause });
  }
}
