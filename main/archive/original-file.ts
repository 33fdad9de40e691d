import { fitTrack } from './fit-track';
import type { Track } from './track';
import { TrackFileError } from './track-file-error';
import { gpxTrack, tcxTrack } from './xml-tracks';

/** The parser for an original file, by its name (gzipped or not): FIT, GPX or TCX; null for any other kind. */
export function trackReaderFor(fileName: string): ((activityId: number, bytes: Buffer) => Track | null) | null {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.fit')) return fitTrack;
  if (name.endsWith('.gpx')) return gpxTrack;
  if (name.endsWith('.tcx')) return tcxTrack;
  return null;
}

/** Reads one original file as a track; a file that cannot be read says why, in a TrackFileError. */
export function readOriginalFile(fileName: string, activityId: number, bytes: Buffer): Track | null {
  const reader = trackReaderFor(fileName);
  if (!reader) throw new TrackFileError('Splits reads FIT, GPX and TCX files, not this kind');
  try {
    return reader(activityId, bytes);
  } catch (error) {
    if (error instanceof TrackFileError) throw error;
    throw new TrackFileError(`it cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}
