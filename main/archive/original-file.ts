import type { Readable } from 'node:stream';
import { fitTrack } from './fit-track';
import { plainWords } from './plain-words';
import type { Track } from './track';
import { TrackFileError } from './track-file-error';
import { MAX_FIT_BYTES, MAX_ORIGINAL_FILE_BYTES, tooManyBytes } from './track-limits';
import { gpxTrack, tcxTrack, type XmlBytes } from './xml-tracks';

/** An original file's bytes: whole, or as chunks streaming out of the zip (gunzipped). */
export type OriginalBytes = XmlBytes;

type Reader = (activityId: number, bytes: OriginalBytes, signal?: AbortSignal) => Promise<Track | null>;

/** FIT is decoded from one buffer (Garmin's SDK reads nothing else): its bytes are gathered first, up to their bound. */
const readFit: Reader = async (activityId, bytes, signal) =>
  fitTrack(activityId, Buffer.from(await gather(bytes, MAX_FIT_BYTES, signal)));

/** The parser for an original file, by its name (gzipped or not): FIT, GPX or TCX; null for any other kind. */
export function trackReaderFor(fileName: string): Reader | null {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.fit')) return readFit;
  if (name.endsWith('.gpx'))
    return (id, bytes, signal) => gpxTrack(id, bounded(bytes, MAX_ORIGINAL_FILE_BYTES), signal);
  if (name.endsWith('.tcx'))
    return (id, bytes, signal) => tcxTrack(id, bounded(bytes, MAX_ORIGINAL_FILE_BYTES), signal);
  return null;
}

export const UNKNOWN_KIND = 'Splits reads FIT, GPX and TCX files, not this kind';

/**
 * Reads one original file as a track; a file that cannot be read, or holds more than a track may (track-limits.ts),
 * says why in a TrackFileError. The signal stops the reading between chunks, with the signal's reason.
 */
export async function readOriginalFile(
  fileName: string,
  activityId: number,
  bytes: OriginalBytes,
  signal?: AbortSignal,
): Promise<Track | null> {
  const reader = trackReaderFor(fileName);
  try {
    if (!reader) throw new TrackFileError(UNKNOWN_KIND);
    return await reader(activityId, bytes, signal);
  } catch (error) {
    if (error instanceof TrackFileError || signal?.aborted) throw error;
    throw new TrackFileError(
      `it cannot be read (${plainWords(error instanceof Error ? error.message : String(error))})`,
    );
  } finally {
    // A stream not read to its end (a file refused, a cancel) is let go: it holds the zip open.
    if (!(bytes instanceof Uint8Array)) (bytes as Partial<Readable>).destroy?.();
  }
}

/** The bytes, refused past `max` as they stream: a gzip bomb stops at the bound, not at its end. */
async function* bounded(bytes: OriginalBytes, max: number): AsyncIterable<Uint8Array> {
  if (bytes instanceof Uint8Array) {
    if (bytes.length > max) throw new TrackFileError(tooManyBytes(max));
    yield bytes;
    return;
  }
  let size = 0;
  for await (const chunk of bytes) {
    size += chunk.length;
    if (size > max) throw new TrackFileError(tooManyBytes(max));
    yield chunk;
  }
}

async function gather(bytes: OriginalBytes, max: number, signal?: AbortSignal): Promise<Uint8Array> {
  if (bytes instanceof Uint8Array) return bytes;
  const chunks: Uint8Array[] = [];
  for await (const chunk of bounded(bytes, max)) {
    signal?.throwIfAborted();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
