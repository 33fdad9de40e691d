import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildTrack, emptySample, xmlNumber, xmlTime, type Sample } from './track-builder';
import type { Track } from './track';
import { TrackFileError } from './track-file-error';

// GPX and TCX are XML. Namespaces are dropped (gpxtpx:hr is hr, ns3:TPX is TPX), and the elements that repeat are
// always arrays, so one point or one lap reads like many.

const REPEATED = new Set(['trk', 'trkseg', 'trkpt', 'Activity', 'Lap', 'Track', 'Trackpoint']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
  // Strava's archives hold no entities; refusing to expand them keeps a hostile file from growing in memory.
  processEntities: false,
});

type Node = Record<string, unknown>;
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const obj = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});

function parseXml(bytes: Buffer, kind: string): Node {
  // Strava's TCX files have been seen to start with spaces before the XML declaration.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new TrackFileError(`the ${kind} file is not well-formed XML (${valid.err.msg} at line ${valid.err.line})`);
  return parser.parse(text) as Node;
}

/** GPX: trk / trkseg / trkpt with lat and lon, ele, time, and Garmin's TrackPointExtension (hr, cad, power). */
export function gpxTrack(activityId: number, bytes: Buffer): Track | null {
  const doc = parseXml(bytes, 'GPX');
  if (!doc.gpx) throw new TrackFileError('it is not a GPX file (no <gpx> element)');
  const samples: Sample[] = [];
  for (const trk of arr(obj(doc.gpx).trk)) {
    for (const seg of arr(trk.trkseg)) {
      for (const pt of arr(seg.trkpt)) {
        const s = emptySample();
        s.lat = xmlNumber(pt['@_lat']);
        s.lng = xmlNumber(pt['@_lon']);
        s.ele = xmlNumber(pt.ele);
        s.time = xmlTime(pt.time);
        const ext = obj(pt.extensions);
        const tpx = obj(ext.TrackPointExtension);
        s.hr = xmlNumber(tpx.hr ?? ext.hr);
        s.cad = xmlNumber(tpx.cad ?? ext.cad);
        s.watts = xmlNumber(ext.power ?? tpx.power);
        samples.push(s);
      }
    }
  }
  return buildTrack(activityId, 'gpx', samples);
}

/** TCX: Activity / Lap / Track / Trackpoint with Time, Position, AltitudeMeters, DistanceMeters, HeartRateBpm, Cadence, TPX Watts. */
export function tcxTrack(activityId: number, bytes: Buffer): Track | null {
  const doc = parseXml(bytes, 'TCX');
  const root = obj(doc.TrainingCenterDatabase);
  if (!doc.TrainingCenterDatabase) throw new TrackFileError('it is not a TCX file (no <TrainingCenterDatabase> element)');
  const samples: Sample[] = [];
  for (const activity of arr(obj(root.Activities).Activity)) {
    for (const lap of arr(activity.Lap)) {
      for (const track of arr(lap.Track)) {
        for (const tp of arr(track.Trackpoint)) {
          const s = emptySample();
          s.time = xmlTime(tp.Time);
          const pos = obj(tp.Position);
          s.lat = xmlNumber(pos.LatitudeDegrees);
          s.lng = xmlNumber(pos.LongitudeDegrees);
          s.ele = xmlNumber(tp.AltitudeMeters);
          s.dist = xmlNumber(tp.DistanceMeters);
          s.hr = xmlNumber(obj(tp.HeartRateBpm).Value);
          const tpx = obj(obj(tp.Extensions).TPX);
          s.cad = xmlNumber(tp.Cadence) ?? xmlNumber(tpx.RunCadence);
          s.watts = xmlNumber(tpx.Watts);
          samples.push(s);
        }
      }
    }
  }
  return buildTrack(activityId, 'tcx', samples);
}
