import { Decoder, Stream, Utils } from '@garmin/fitsdk';
import { scanFit } from './fit-scan';
import { buildTrack, emptySample, type Sample } from './track-builder';
import type { Track } from './track';
import { TrackFileError } from './track-file-error';
import { plainWords } from './plain-words';
import { MAX_FIT_BYTES, MAX_FIT_MESSAGES, tooLarge, tooManyBytes } from './track-limits';

/** FIT stores positions in semicircles: 2^31 of them make 180 degrees. */
const DEGREES_PER_SEMICIRCLE = 180 / 2 ** 31;

interface RecordMesg {
  timestamp?: number;
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

/**
 * The record messages of a FIT file (Garmin's FIT SDK decodes it), as a track. The SDK decodes a whole buffer in one
 * call and keeps every message, so the file is first measured (scanFit) and refused past the bounds of track-limits.ts.
 */
export function fitTrack(activityId: number, bytes: Buffer): Track | null {
  if (bytes.length > MAX_FIT_BYTES) throw new TrackFileError(tooManyBytes(MAX_FIT_BYTES));
  const stream = Stream.fromBuffer(bytes);
  if (!Decoder.isFIT(stream)) throw new TrackFileError('it is not a FIT file');
  scanFit(bytes);
  // Sub-fields, type names and Date objects are not needed for records and cost most of the decoding time (a
  // 4,000-record file took 140 ms with the defaults, under 10 ms without them); components stay on (altitude and speed
  // expand into their enhanced fields). Heart rates kept in HR messages (swims with a chest strap) are merged into the
  // records only when the file has some: merging costs time too.
  // The listener is a second guard behind the walk: should the decoder ever read more than the walk counted, it stops
  // there (the decoder ends its read at a listener's throw).
  let decoded = 0;
  const mesgListener = () => {
    if (++decoded > MAX_FIT_MESSAGES) throw new TrackFileError(tooLarge('FIT messages', MAX_FIT_MESSAGES));
  };
  const lean = {
    expandSubFields: false,
    expandComponents: true,
    convertTypesToStrings: false,
    convertDateTimesToDates: false,
    includeUnknownData: false,
    mergeHeartRates: false,
    mesgListener,
  };
  let { messages, errors } = new Decoder(Stream.fromBuffer(bytes)).read(lean);
  if (errors.length === 0 && ((messages as Record<string, unknown[]>).hrMesgs?.length ?? 0) > 0) {
    decoded = 0;
    ({ messages, errors } = new Decoder(Stream.fromBuffer(bytes)).read({ ...lean, mergeHeartRates: true }));
  }
  if (errors[0] instanceof TrackFileError) throw errors[0];
  // A FIT file whose checksum fails is damaged somewhere: its points cannot be trusted.
  if (errors.length > 0)
    throw new TrackFileError(
      `the FIT file is damaged (${plainWords(String((errors[0] as Error)?.message ?? errors[0]).replace(/^FIT Runtime Error /, ''))})`,
    );
  const records = ((messages as Record<string, unknown>).recordMesgs ?? []) as RecordMesg[];
  const samples: Sample[] = records.map((r) => {
    const s = emptySample();
    // FIT times are seconds since 1989-12-31T00:00:00Z.
    s.time =
      typeof r.timestamp === 'number' && Number.isFinite(r.timestamp) ? r.timestamp * 1000 + Utils.FIT_EPOCH_MS : null;
    const lat = finite(r.positionLat);
    const lng = finite(r.positionLong);
    // Semicircles outside ±90° / ±180° are the "invalid" value some devices write without a fix.
    if (
      lat !== null &&
      lng !== null &&
      Math.abs(lat * DEGREES_PER_SEMICIRCLE) <= 90 &&
      Math.abs(lng * DEGREES_PER_SEMICIRCLE) <= 180
    ) {
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
