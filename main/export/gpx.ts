import type { SummaryActivity } from '../strava/schemas';
import type { Route, RoutePoint } from './route';
import { xmlText } from './xml-text';

// GPX 1.1 (topografix.com/GPX/1/1). Heart rate and cadence go in Garmin's TrackPointExtension (gpxtpx:hr, gpxtpx:cad)
// as Garmin, Strava and most tools write and read them; that schema has no power, so power is a <power> element of
// the point's extensions, as Strava's own GPX files carry it.

const HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<gpx version="1.1" creator="Splits" xmlns="http://www.topografix.com/GPX/1/1" ' +
  'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd ' +
  'http://www.garmin.com/xmlschemas/TrackPointExtension/v1 http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd">\n';

export const POLYLINE_NOTE =
  "Route from Strava's polyline: simplified, with no times, elevation or sensor data (no recorded track is stored for this activity).";
export const TRACK_NOTE = 'Recorded track from the original activity file.';
export const API_TRACK_NOTE = "Recorded track from Strava's streams of the activity.";

/** What a file made from this route says of where its points come from. */
export function routeNote(route: Route): string {
  if (route.source !== 'track') return POLYLINE_NOTE;
  const note = route.from === 'api' ? API_TRACK_NOTE : TRACK_NOTE;
  return route.hasTimes ? note : `${note} The file gave no times.`;
}

/** The GPX document of one activity, in chunks (a track of a long ride is tens of thousands of points). */
export function* gpxChunks(activity: SummaryActivity, route: Route): Generator<string> {
  const link = `https://www.strava.com/activities/${activity.id}`;
  yield HEADER;
  yield ` <metadata>\n  <name>${xmlText(activity.name)}</name>\n  <desc>${xmlText(routeNote(route))}</desc>\n  <link href="${link}"><text>Strava</text></link>\n  <time>${xmlText(activity.start_date)}</time>\n </metadata>\n`;
  yield ` <trk>\n  <name>${xmlText(activity.name)}</name>\n  <src>${route.source === 'track' ? 'recorded track' : 'Strava polyline'}</src>\n  <link href="${link}"><text>Strava</text></link>\n  <type>${xmlText(activity.sport_type ?? activity.type ?? 'Workout')}</type>\n  <trkseg>\n`;
  let batch = '';
  for (let i = 0; i < route.points.length; i++) {
    batch += trackPoint(route.points[i]!);
    if (i % 1000 === 999) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}  </trkseg>\n </trk>\n</gpx>\n`;
}

function trackPoint(p: RoutePoint): string {
  let inner = '';
  if (p.ele !== null && Math.abs(p.ele) < 100_000) inner += `<ele>${round(p.ele, 1)}</ele>`;
  if (p.time !== null) inner += `<time>${p.time}</time>`;
  const tpx =
    (byte(p.hr) !== null ? `<gpxtpx:hr>${byte(p.hr)}</gpxtpx:hr>` : '') +
    (byte(p.cad) !== null ? `<gpxtpx:cad>${byte(p.cad)}</gpxtpx:cad>` : '');
  const power = p.watts !== null && p.watts >= 0 ? `<power>${Math.round(p.watts)}</power>` : '';
  if (tpx || power)
    inner += `<extensions>${power}${tpx ? `<gpxtpx:TrackPointExtension>${tpx}</gpxtpx:TrackPointExtension>` : ''}</extensions>`;
  return `   <trkpt lat="${round(p.lat, 7)}" lon="${round(p.lng, 7)}">${inner}</trkpt>\n`;
}

/** gpxtpx:hr and gpxtpx:cad are unsigned bytes: a reading outside 0..255 (a glitch) is left out, not wrapped. */
const byte = (value: number | null): number | null =>
  value !== null && value >= 0 && value <= 255 ? Math.round(value) : null;

/** A plain decimal (xsd:decimal has no exponent: String(1e-7) would be "1e-7"), trailing zeros dropped. */
function round(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}
