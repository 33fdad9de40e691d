import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { activityIdSchema, countSchema } from '../../common/scalars';
import { trackViewSchema, type TrackView } from '../../common/track-view';
import { tempFileNameFor } from '../store/abandoned-temp-files';
import { StoreFileUnwritableError } from '../store/atomic-json-file';
import { openNoFollow } from '../store/no-follow';
import { trackViewFileName } from '../store/track-view-name';
import type { WriteFence } from '../store/write-fence';
import { writePrivateFileWhole } from './private-file-write';
import { trackView, type TrackColumns } from './track-view';

// A track's view (common/track-view.ts) is kept beside it, `<id>.view.json.gz`: a view is made from the whole track,
// which for a day at 1 Hz or a million samples takes seconds to read and parse, where the view's few thousand points
// take milliseconds. It is a copy that the track can always give again: a view missing, damaged or stale is made again
// from the track (open-track-view.ts), never an error for the person.

const viewFileSchema = z.object({
  version: z.literal(1),
  activityId: activityIdSchema,
  /**
   * The size of the track file the view was made from. A track written again since (a crash between the track's
   * rename and its view's, or another process writing it while this one made the view) is then told by its size.
   */
  trackBytes: countSchema,
  view: trackViewSchema,
});

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

/**
 * Makes a track's view and writes it beside the track (`dir`, the tracks folder), atomically and private from its
 * first byte. The folder's flush is the caller's, as for the track itself.
 */
export async function storeTrackView(
  dir: string,
  activityId: number,
  track: TrackColumns,
  trackBytes: number,
  fence: WriteFence | null,
): Promise<TrackView> {
  const view = trackView(track);
  await writeTrackView(dir, activityId, view, trackBytes, fence);
  return view;
}

export async function writeTrackView(
  dir: string,
  activityId: number,
  view: TrackView,
  trackBytes: number,
  fence: WriteFence | null,
): Promise<void> {
  const name = trackViewFileName(activityId);
  const path = join(dir, name);
  fence?.check(path);
  const bytes = await gzipAsync(JSON.stringify(viewFileSchema.parse({ version: 1, activityId, trackBytes, view })));
  const tmp = join(dir, tempFileNameFor(name));
  await writePrivateFileWhole(tmp, path, bytes);
}

/**
 * The stored view of a track whose file has `trackBytes` bytes; null when there is none, or it cannot be used (damaged,
 * a link, of another track): the caller makes it again from the track.
 */
export async function readTrackView(dir: string, activityId: number, trackBytes: number): Promise<TrackView | null> {
  try {
    const handle = await openNoFollow(join(dir, trackViewFileName(activityId)), 'read');
    let bytes: Buffer;
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    const file = viewFileSchema.safeParse(JSON.parse((await gunzipAsync(bytes)).toString('utf8')));
    if (!file.success || file.data.activityId !== activityId || file.data.trackBytes !== trackBytes) return null;
    return file.data.view;
  } catch {
    return null;
  }
}

/** Deletes a track's view, before its track is written again or deleted: no view outlives the track it was made of. */
export async function dropTrackView(dir: string, activityId: number, fence: WriteFence | null): Promise<void> {
  const path = join(dir, trackViewFileName(activityId));
  fence?.check(path);
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') throw StoreFileUnwritableError.from(path, error);
  });
}
