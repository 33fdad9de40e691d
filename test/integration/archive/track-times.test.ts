import { afterEach, describe, expect, it } from 'vitest';
import { readOriginalFile } from '../../../main/archive/original-file';

const gpx = (time: string) =>
  Buffer.from(`<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
<trkpt lat="45.1" lon="7.6"><ele>240</ele><time>${time}</time></trkpt>
<trkpt lat="45.1001" lon="7.6001"><ele>241</ele><time>2026-06-01T08:00:05${time.endsWith('Z') ? 'Z' : ''}</time></trkpt>
</trkseg></trk></gpx>`);

describe('times in GPX files', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("a time without a zone offset is UTC, as GPX 1.1 says, whatever the machine's zone", async () => {
    // A zone far from UTC: read as local time, the start would be eight hours off.
    process.env.TZ = 'America/Los_Angeles';
    expect(new Date(2026, 5, 1).getTimezoneOffset()).not.toBe(0);
    const bare = (await readOriginalFile('activities/1.gpx', 1, gpx('2026-06-01T08:00:00')))!;
    const zoned = (await readOriginalFile('activities/1.gpx', 1, gpx('2026-06-01T08:00:00Z')))!;
    expect(bare.start).toBe('2026-06-01T08:00:00Z');
    expect(Date.parse(bare.start!)).toBe(Date.UTC(2026, 5, 1, 8, 0, 0));
    expect(bare.t).toEqual([0, 5]);
    expect(zoned.start).toBe(bare.start);
    // An offset the file gives is kept.
    expect((await readOriginalFile('activities/1.gpx', 1, gpx('2026-06-01T10:00:00+02:00')))!.start).toBe(
      '2026-06-01T08:00:00Z',
    );
  });
});
