import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { makeFolder, StoreFileUnwritableError, syncFolder } from '../store/atomic-json-file';
import type { WriteFence } from '../store/write-fence';
import { LinkInDataFolderError, openNoFollow } from '../store/no-follow';
import { SplitsError } from '../errors';
import { writePrivateFileWhole } from './private-file-write';
import { dropTrackView, storeTrackView } from './track-view-file';
import { isSampleColumn, sampleColumnSchema } from '../../common/sample-column';
import { TRACK_SOURCES, trackSourceSchema } from '../../common/track-sources';
import type { TrackView } from '../../common/track-view';

// A recorded track (from an archive's original FIT, GPX or TCX file, or Strava's streams) is stored in columns, one file per activity,
// gzipped, next to the athlete's year files: a few hundred kilobytes of points per activity would make the year files
// slow to load, and a track is wanted only when one activity is opened.

const column = sampleColumnSchema();

/**
 * What an API track was made from: the activity's start_date, distance and moving time when its streams were fetched.
 * An edit on Strava that changes one of them (a crop, a corrected clock) makes the stored track stale.
 */
export const trackBasisSchema = z.object({
  start: z.string().datetime({ offset: true }),
  distanceM: z.number().finite().nullable(),
  movingTimeS: z.number().finite().nullable(),
});
export type TrackBasis = z.infer<typeof trackBasisSchema>;

export const trackSchema = z
  .object({
    version: z.literal(1),
    activityId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    source: trackSourceSchema,
    /** API tracks only (optional, so that tracks stored before it still read). */
    basis: trackBasisSchema.optional(),
    /** ISO time of the first sample, when the file gave times; an API track's is the activity's start_date. */
    start: z.string().datetime({ offset: true }).nullable(),
    /** Seconds since `start` for each sample (null where the sample had no time). Its length is the track's. */
    t: column,
    /** Degrees, 6 decimals. */
    lat: column.optional(),
    lng: column.optional(),
    /** Metres. */
    ele: column.optional(),
    /** Metres from the start, as the device counted them. */
    dist: column.optional(),
    /** Beats per minute. */
    hr: column.optional(),
    /** Revolutions (or steps) per minute. */
    cad: column.optional(),
    /** Watts. */
    watts: column.optional(),
  })
  .superRefine((track, ctx) => {
    for (const key of TRACK_COLUMNS) {
      const values = track[key];
      if (values && values.length !== track.t.length)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `has ${values.length} samples where t has ${track.t.length}`,
        });
    }
  });

export type Track = z.infer<typeof trackSchema>;
export const TRACK_COLUMNS = ['lat', 'lng', 'ele', 'dist', 'hr', 'cad', 'watts'] as const;
export type TrackColumn = (typeof TRACK_COLUMNS)[number];

export const tracksFolder = (dataDir: string, athleteId: number): string =>
  join(dataDir, 'activities', String(athleteId), 'tracks');
export const trackPath = (dataDir: string, athleteId: number, activityId: number): string =>
  join(tracksFolder(dataDir, athleteId), `${activityId}.json.gz`);

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

export class TrackUnreadableError extends SplitsError {
  readonly ipcCode = 'unreadable';
  constructor(
    readonly activityId: number,
    reason: string,
  ) {
    super(
      `The stored track of activity ${activityId} is unreadable (${reason}); import the archive again to restore it.`,
    );
    this.name = 'TrackUnreadableError';
  }
}

/** The stored track of one activity, or null when it has none. */
export async function readTrack(dataDir: string, athleteId: number, activityId: number): Promise<Track | null> {
  let bytes: Buffer;
  try {
    // A link in the data folder is never followed (no-follow.ts): what it points to is not Splits' own.
    const handle = await openNoFollow(trackPath(dataDir, athleteId, activityId), 'read');
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (error instanceof LinkInDataFolderError)
      throw new TrackUnreadableError(activityId, 'a link, which Splits does not follow');
    throw new TrackUnreadableError(activityId, (error as NodeJS.ErrnoException).code ?? 'read failed');
  }
  let parsed: unknown;
  try {
    // Off the main thread's back: a day-long track is megabytes, and Electron's main process draws the tray too.
    parsed = JSON.parse((await gunzipAsync(bytes)).toString('utf8'));
  } catch {
    throw new TrackUnreadableError(activityId, 'not gzipped JSON');
  }
  if (!isTrackOf(parsed, activityId)) throw new TrackUnreadableError(activityId, 'not a track of this activity');
  return parsed;
}

/**
 * The read-side check: trackSchema's rules (which every write passes) without zod's copy of the track object, the
 * start's date read as Date.parse reads it.
 */
function isTrackOf(value: unknown, activityId: number): value is Track {
  if (!value || typeof value !== 'object') return false;
  const track = value as Record<string, unknown>;
  if (
    track.version !== 1 ||
    track.activityId !== activityId ||
    !(TRACK_SOURCES as readonly unknown[]).includes(track.source) ||
    (track.basis !== undefined && !trackBasisSchema.safeParse(track.basis).success)
  )
    return false;
  if (track.start !== null && (typeof track.start !== 'string' || Number.isNaN(Date.parse(track.start)))) return false;
  const length = Array.isArray(track.t) ? track.t.length : -1;
  if (!isColumn(track.t, length)) return false;
  return TRACK_COLUMNS.every((key) => track[key] === undefined || isColumn(track[key], length));
}

function isColumn(values: unknown, length: number): boolean {
  return isSampleColumn(values, length) && values.length === length;
}

let tempSeq = 0;

/**
 * Writes a track atomically (temp file, flush, rename), private from its first byte. `syncFolder: false` leaves the
 * flush of the folder (which makes the rename durable) to the caller, who writes many and flushes it once
 * (syncTracksFolder): a rename lost in a crash loses only that track, which importing again restores. Returns the
 * track's view and the size of its file, for the index of best efforts (best-efforts-index.ts).
 */
export async function writeTrack(
  dataDir: string,
  athleteId: number,
  track: Track,
  options: { syncFolder?: boolean; fence: WriteFence | null },
): Promise<{ view: TrackView; trackBytes: number }> {
  const valid = trackSchema.parse(track);
  const dir = tracksFolder(dataDir, athleteId);
  const path = trackPath(dataDir, athleteId, valid.activityId);
  options.fence?.check(path);
  await makeFolder(dir).catch((error: unknown) => {
    throw StoreFileUnwritableError.from(dir, error);
  });
  // The old view goes first: a crash before the new one is written leaves none, made again at the next open.
  await dropTrackView(dir, valid.activityId, options.fence);
  // Gzipped off the main thread: a day-long track is megabytes of JSON, and a cancel must get its turn meanwhile.
  const bytes = await gzipAsync(JSON.stringify(valid));
  const tmp = join(dir, `.${valid.activityId}.${process.pid}.${tempSeq++}.tmp`);
  await writePrivateFileWhole(tmp, path, bytes);
  // Its view, beside it (track-view-file.ts): opening the activity then reads a few thousand points, not the track.
  const view = await storeTrackView(dir, valid.activityId, valid, bytes.length, options.fence);
  if (options.syncFolder !== false) await syncFolder(dir);
  return { view, trackBytes: bytes.length };
}

/** Makes the renames of tracks written with `syncFolder: false` durable. */
export async function syncTracksFolder(dataDir: string, athleteId: number): Promise<void> {
  await syncFolder(tracksFolder(dataDir, athleteId));
}
