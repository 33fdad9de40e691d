import { setImmediate as nextTurn } from 'node:timers/promises';
import { SaxesParser } from 'saxes';
import { buildTrack, emptySample, xmlNumber, xmlTime, type Sample } from './track-builder';
import { plainWords } from './plain-words';
import type { Track } from './track';
import { TrackFileError } from './track-file-error';
import { MAX_TRACK_SAMPLES, MAX_XML_DEPTH, MAX_XML_ELEMENTS, MAX_XML_TEXT_CHARS, tooLarge } from './track-limits';

// GPX and TCX are XML, read as they stream out of the zip with a SAX parser: only the points are kept, never the
// document, so a file's size costs time, not memory, and the reading stops between chunks when the import is
// cancelled. Namespaces are dropped (gpxtpx:hr is hr, ns3:TPX is TPX). saxes expands no entity a document declares,
// so a file cannot grow in memory that way.

/** One kind of XML track: where its points are, and what each element inside a point means. */
interface XmlTrackKind {
  source: 'gpx' | 'tcx';
  label: string;
  root: string;
  /** The elements around a point, from the root down. */
  pointPath: string;
  point: string;
  /** A point's attributes, as it opens. */
  onPoint?: (attributes: Record<string, string>, point: PointValues) => void;
  /** The paths below a point ('HeartRateBpm/Value') whose text is kept: no other name is ever stored. */
  reads: ReadonlySet<string>;
  /** The point's values as a sample, when it closes. */
  toSample: (point: PointValues) => Sample;
}

/** What a point's elements said, by name; a name seen twice keeps its first value. */
type PointValues = Map<string, string>;

const num = (point: PointValues, key: string) => xmlNumber(point.get(key));

/** GPX: trk / trkseg / trkpt with lat and lon, ele, time, and Garmin's TrackPointExtension (hr, cad, power). */
const GPX: XmlTrackKind = {
  source: 'gpx',
  label: 'GPX',
  root: 'gpx',
  pointPath: 'gpx/trk/trkseg',
  point: 'trkpt',
  onPoint: (attributes, point) => {
    if (attributes.lat !== undefined) point.set('lat', attributes.lat);
    if (attributes.lon !== undefined) point.set('lon', attributes.lon);
  },
  reads: new Set([
    'ele',
    'time',
    'extensions/TrackPointExtension/hr',
    'extensions/hr',
    'extensions/TrackPointExtension/cad',
    'extensions/cad',
    'extensions/power',
    'extensions/TrackPointExtension/power',
  ]),
  toSample: (p) => {
    const s = emptySample();
    s.lat = num(p, 'lat');
    s.lng = num(p, 'lon');
    s.ele = num(p, 'ele');
    s.time = xmlTime(p.get('time'));
    s.hr = num(p, 'extensions/TrackPointExtension/hr') ?? num(p, 'extensions/hr');
    s.cad = num(p, 'extensions/TrackPointExtension/cad') ?? num(p, 'extensions/cad');
    s.watts = num(p, 'extensions/power') ?? num(p, 'extensions/TrackPointExtension/power');
    return s;
  },
};

/** TCX: Activity / Lap / Track / Trackpoint with Time, Position, AltitudeMeters, DistanceMeters, HeartRateBpm, Cadence, TPX Watts. */
const TCX: XmlTrackKind = {
  source: 'tcx',
  label: 'TCX',
  root: 'TrainingCenterDatabase',
  pointPath: 'TrainingCenterDatabase/Activities/Activity/Lap/Track',
  point: 'Trackpoint',
  reads: new Set([
    'Time',
    'Position/LatitudeDegrees',
    'Position/LongitudeDegrees',
    'AltitudeMeters',
    'DistanceMeters',
    'HeartRateBpm/Value',
    'Cadence',
    'Extensions/TPX/RunCadence',
    'Extensions/TPX/Watts',
  ]),
  toSample: (p) => {
    const s = emptySample();
    s.time = xmlTime(p.get('Time'));
    s.lat = num(p, 'Position/LatitudeDegrees');
    s.lng = num(p, 'Position/LongitudeDegrees');
    s.ele = num(p, 'AltitudeMeters');
    s.dist = num(p, 'DistanceMeters');
    s.hr = num(p, 'HeartRateBpm/Value');
    s.cad = num(p, 'Cadence') ?? num(p, 'Extensions/TPX/RunCadence');
    s.watts = num(p, 'Extensions/TPX/Watts');
    return s;
  },
};

/** Bytes, whole or as chunks streaming out of the zip. */
export type XmlBytes = Uint8Array | AsyncIterable<Uint8Array>;

export const gpxTrack = (activityId: number, bytes: XmlBytes, signal?: AbortSignal): Promise<Track | null> =>
  readXmlTrack(GPX, activityId, bytes, signal);
export const tcxTrack = (activityId: number, bytes: XmlBytes, signal?: AbortSignal): Promise<Track | null> =>
  readXmlTrack(TCX, activityId, bytes, signal);

async function readXmlTrack(
  kind: XmlTrackKind,
  activityId: number,
  bytes: XmlBytes,
  signal?: AbortSignal,
): Promise<Track | null> {
  const parser = new SaxesParser();
  const stack: string[] = [];
  const samples: Sample[] = [];
  let elements = 0;
  let point: PointValues | null = null;
  let pointDepth = 0;
  let text = '';
  const localName = (name: string) => name.slice(name.indexOf(':') + 1);

  // Elements and attributes count together: either costs the parser a name and a value.
  const count = () => {
    if (++elements > MAX_XML_ELEMENTS)
      throw new TrackFileError(tooLarge('XML elements and attributes', MAX_XML_ELEMENTS));
  };
  parser.on('attribute', count);
  parser.on('opentag', (tag) => {
    count();
    const name = localName(tag.name);
    if (stack.length >= MAX_XML_DEPTH)
      throw new TrackFileError(`its XML nests deeper than ${MAX_XML_DEPTH} elements, which no ${kind.label} file does`);
    if (stack.length === 0 && name !== kind.root)
      throw new TrackFileError(`it is not a ${kind.label} file (no <${kind.root}> element)`);
    if (point === null && name === kind.point && stack.join('/') === kind.pointPath) {
      point = new Map();
      pointDepth = stack.length + 1;
      kind.onPoint?.(tag.attributes as Record<string, string>, point);
    }
    stack.push(name);
    text = '';
  });
  const onText = (chunk: string) => {
    if (point !== null && text.length < MAX_XML_TEXT_CHARS) text += chunk.slice(0, MAX_XML_TEXT_CHARS - text.length);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (point !== null) {
      if (stack.length > pointDepth) {
        const path = stack.slice(pointDepth).join('/');
        if (kind.reads.has(path) && !point.has(path)) point.set(path, text);
      } else if (stack.length === pointDepth) {
        if (samples.length >= MAX_TRACK_SAMPLES)
          throw new TrackFileError(tooLarge('recorded points', MAX_TRACK_SAMPLES));
        samples.push(kind.toSample(point));
        point = null;
      }
    }
    stack.pop();
    text = '';
  });

  const decoder = new TextDecoder('utf-8');
  let started = false;
  const write = (chunk: string) => {
    // Strava's TCX files have been seen to start with spaces before the XML declaration, which XML does not allow.
    if (!started) {
      chunk = chunk.trimStart();
      if (chunk === '') return;
      started = true;
    }
    parser.write(chunk);
  };
  try {
    if (bytes instanceof Uint8Array) write(decoder.decode(bytes));
    else {
      for await (const chunk of bytes) {
        signal?.throwIfAborted();
        write(decoder.decode(chunk, { stream: true }));
        // A chunk already buffered resolves the loop without a turn of the event loop: give the cancel its turn.
        await nextTurn();
      }
      write(decoder.decode());
    }
    parser.close();
  } catch (error) {
    if (error instanceof TrackFileError || signal?.aborted) throw error;
    // saxes says "line:column: what: a name of the file's."; its own words are kept, never the file's.
    const text = error instanceof Error ? error.message : String(error);
    const [, line, what] = /^(\d+):\d+: ([^:.]*)/.exec(text) ?? [];
    const message = line ? `${plainWords(what!)} at line ${line}` : plainWords(text.split(':')[0]!);
    throw new TrackFileError(`the ${kind.label} file is not well-formed XML (${message})`);
  }
  if (!started || stack.length > 0)
    throw new TrackFileError(`the ${kind.label} file is not well-formed XML (it ends before its last element closes)`);
  return buildTrack(activityId, kind.source, samples);
}
