// Reading the GPX files an export wrote, as the export tests check them: every point a list, attributes with '@'.
import { XMLParser } from 'fast-xml-parser';

export const gpxParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'trkpt',
});

export interface GpxPoint {
  '@lat': string;
  '@lon': string;
  ele?: string;
  time?: string;
  extensions?: { power?: string; 'gpxtpx:TrackPointExtension'?: { 'gpxtpx:hr'?: string; 'gpxtpx:cad'?: string } };
}

export interface Gpx {
  gpx: {
    '@version': string;
    metadata: { name: string; desc: string; time: string };
    trk: { name: string; trkseg: { trkpt: GpxPoint[] } };
  };
}
