import { Decoder, Stream } from '@garmin/fitsdk';
import { buildTrack, emptySample, type Sample } from './track-builder';
import type { Track } from './track';
import { TrackFileError } from './track-file-error';

/** FIT stores positions in semicircles: 2^31 of them make 180 degrees. */
const DEGREES_PER_SEMICIRCLE = 180 / 2 ** 31;

interface RecordMesg {
  timestamp?: Date | number;
  positionLat?: number;
  positionLong?: number;
  enhancedAltitude?: number;
  altitude?: number;
  heartRate?: number;
  cadence?: number;
  power?: number;
  distance?: number;
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The record messages of a FIT file (Garmin's FIT SDK decodes it), as a track. */
export function fitTrack(activityId: number, bytes: Buffer): Track | null {
  const stream = Stream.fromBuffer(bytes);
  if (!Decoder.isFIT(stream)) throw new TrackFileError('it is not a FIT file');
  const { messages, errors } = new Decoder(Stream.fromBuffer(bytes)).read({ mergeHeartRates: true, includeUnknownData: false, convertTypesToStrings: false });
  // A FIT file whose checksum fails is damaged somewhere: its points cannot be trusted.
  if (errors.length > 0) throw new TrackFileError(`the FIT file is damaged (${String((errors[0] as Error)?.message ?? errors[0]).replace(/^FIT Runtime Error /, '')})`);
  const records = ((messages as Record<string, unknown>).recordMesgs ?? []) as RecordMesg[];
  const samples: Sample[] = records.map((r) => {
    const s = emptySample();
    s.time = r.timestamp instanceof Date ? r.timestamp.getTime() : null;
    const lat = finite(r.positionLat);
    const lng = finite(r.positionLong);
    // Semicircles outside ±90° / ±180° are the "invalid" value some devices write without a fix.
    if (lat !== null && lng !== null && Math.abs(lat * DEGREES_PER_SEMICIRCLE) <= 90 && Math.abs(lng * DEGREES_PER_SEMICIRCLE) <= 180) {
      s.lat = lat * DEGREES_PER_SEMICIRCLE;
      s.lng = lng * DEGREES_PER_SEMICIRCLE;
    }
    s.ele = finite(r.enhancedAltitude) ?? finite(r.altitude);
    s.hr = finite(r.heartRate);
    s.cad = finite(r.cadence);
    s.watts = finite(r.power);
    s.dist = finite(r.distance);
    return s;
  });
  return buildTrack(activityId, 'fit', samples);
}
