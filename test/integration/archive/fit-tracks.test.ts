import { Encoder, Profile, type FileIdMesg, type HrMesg, type RecordMesg } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { fitTrack } from '../../../main/archive/fit-track';

/** Message numbers of the FIT profile (typed as a record of numbers, so each is checked once here). */
const MESG = { fileId: Profile.MesgNum.FILE_ID!, record: Profile.MesgNum.RECORD!, hr: Profile.MesgNum.HR! };

const START = 1_700_000_000;

function encode(write: (e: Encoder) => void): Buffer {
  const e = new Encoder();
  e.onMesg(MESG.fileId, <FileIdMesg>{
    manufacturer: 'development',
    product: 1,
    timeCreated: new Date(START * 1000),
    type: 'activity',
  });
  write(e);
  return Buffer.from(e.close());
}

describe('FIT files as tracks', () => {
  it('merges heart rates a chest strap kept in HR messages (swims) into the records', () => {
    const bytes = encode((e) => {
      for (let i = 0; i < 6; i++)
        e.onMesg(MESG.record, <RecordMesg>{ timestamp: new Date((START + i) * 1000), distance: i * 1.5 });
      e.onMesg(MESG.hr, <HrMesg>{ timestamp: new Date(START * 1000), eventTimestamp: [0], filteredBpm: [100] });
      e.onMesg(MESG.hr, <HrMesg>{ eventTimestamp: [1, 2, 3, 4, 5], filteredBpm: [101, 102, 103, 104, 105] });
    });
    const track = fitTrack(7, bytes)!;
    expect(track).toMatchObject({
      activityId: 7,
      source: 'fit',
      start: new Date(START * 1000).toISOString().replace('.000Z', 'Z'),
      t: [0, 1, 2, 3, 4, 5],
      dist: [0, 1.5, 3, 4.5, 6, 7.5],
    });
    // Each record takes the mean of the strap's beats since the one before (the SDK's merge).
    expect(track.hr!.slice(2, 5)).toEqual([101, 102, 103]);
    expect(track.lat).toBeUndefined();
  });

  it('leaves out positions a device wrote without a fix, and columns no record has', () => {
    const bytes = encode((e) => {
      e.onMesg(MESG.record, <RecordMesg>{
        timestamp: new Date(START * 1000),
        positionLat: 0x7fffffff,
        positionLong: 0x7fffffff,
        heartRate: 90,
      });
      e.onMesg(MESG.record, <RecordMesg>{
        timestamp: new Date((START + 2) * 1000),
        positionLat: Math.round((45.5 * 2 ** 31) / 180),
        positionLong: Math.round((-73.5 * 2 ** 31) / 180),
        heartRate: 91,
      });
    });
    const track = fitTrack(8, bytes)!;
    expect(track).toMatchObject({ t: [0, 2], lat: [null, 45.5], lng: [null, -73.5], hr: [90, 91] });
    expect(Object.keys(track).sort()).toEqual(['activityId', 'hr', 'lat', 'lng', 'source', 'start', 't', 'version']);
  });
});
