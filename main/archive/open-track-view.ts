import { lstat } from 'node:fs/promises';
import type { TrackView } from '../../common/track-view';
import type { WriteFence } from '../store/write-fence';
import { readTrack, trackPath, tracksFolder } from './track';
import { trackView } from './track-view';
import { readTrackView, writeTrackView } from './track-view-file';

/**
 * The view of an activity's track, as the activity page opens it: the one stored beside the track (writeTrack makes
 * it), read in milliseconds. A track stored before views were (or whose view is damaged or stale) is read whole and
 * its view made once, here, and written for the next open. Null when the activity has no track; a track that cannot
 * be read throws readTrack's TrackUnreadableError.
 */
export async function openTrackView(
  dataDir: string,
  athleteId: number,
  activityId: number,
  fence: WriteFence | null,
): Promise<TrackView | null> {
  const dir = tracksFolder(dataDir, athleteId);
  // The track's size tells its view's freshness. Taken before the track is read: a track written again meanwhile
  // leaves the view written below with the old size, so the next open makes it again rather than trust it.
  const info = await lstat(trackPath(dataDir, athleteId, activityId)).catch(() => null);
  if (info?.isFile()) {
    const stored = await readTrackView(dir, activityId, info.size);
    if (stored) return stored;
  }
  // No track (null), or not a plain file: readTrack says which, in its words.
  const track = await readTrack(dataDir, athleteId, activityId);
  if (!track || !info) return track && trackView(track);
  const view = trackView(track);
  // A view that cannot be written (a full disk, a lost hold on the folder) is made again at the next open: the person
  // asked to see the activity, not to write anything, and sees it.
  await writeTrackView(dir, activityId, view, info.size, fence).catch(() => undefined);
  return view;
}
