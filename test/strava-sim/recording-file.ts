// A simulated activity's original file, as a Strava archive holds it: its own recording, the very samples the simulator
// serves as its streams (streams.ts), written as the FIT file a device makes. Strava's archive and its API give one
// recording two ways, so tracks agree whichever way they came (the demo's, `npm run sim -- --archive`'s): the route is
// the activity's polyline, the distance its distance, the time its moving time.
import { Encoder, Profile, type FileIdMesg, type RecordMesg } from '@garmin/fitsdk';
import type { SimActivity } from './activities';
import { recordedSamples } from './streams';

/** FIT keeps a position in semicircles: 2^31 of them to 180 degrees. */
const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

/**
 * Records a file keeps at most, evenly over the time, as a device's "smart recording" keeps a point every few seconds:
 * a hundred files of full 1 s recordings take Garmin's encoder half a minute to write, a hundred of these a few seconds.
 */
const MAX_RECORDS = 1_000;

/** The activity's recording as a FIT file; null for a manual entry, which recorded nothing. */
export function recordingAsFit(a: SimActivity): Buffer | null {
  if (a.manual) return null;
  const samples = recordedSamples(a, MAX_RECORDS);
  const encoder = new Encoder();
  encoder.onMesg(Profile.MesgNum.FILE_ID!, <FileIdMesg>{
    manufacturer: 'development',
    product: 1,
    timeCreated: new Date(a.start * 1000),
    type: 'activity',
  });
  samples.time.forEach((t, i) => {
    const at = samples.latlng?.[i];
    encoder.onMesg(Profile.MesgNum.RECORD!, <RecordMesg>{
      timestamp: new Date((a.start + t) * 1000),
      ...(at
        ? {
            positionLat: Math.round(at[0] * SEMICIRCLES_PER_DEGREE),
            positionLong: Math.round(at[1] * SEMICIRCLES_PER_DEGREE),
          }
        : {}),
      enhancedAltitude: samples.altitude[i],
      distance: samples.distance[i],
      ...(samples.heartrate ? { heartRate: samples.heartrate[i] } : {}),
      ...(samples.cadence ? { cadence: samples.cadence[i] } : {}),
      ...(samples.watts ? { power: samples.watts[i] } : {}),
    });
  });
  return Buffer.from(encoder.close());
}
