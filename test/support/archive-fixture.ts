// Strava bulk-export archives built by the tests: activities.csv with English or German headers (the English one with
// Strava's repeated column names), profile.csv, and original files: FIT written with Garmin's own encoder, GPX and
// TCX as text, gzipped or not.
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { Encoder, Profile, type FileIdMesg, type RecordMesg } from '@garmin/fitsdk';
import { ZipFile } from 'yazl';
import type { SimActivity } from '../strava-sim';

/** Message numbers of the FIT profile (typed as a record of numbers, so each is checked once here). */
const MESG = { fileId: Profile.MesgNum.FILE_ID!, record: Profile.MesgNum.RECORD!, hr: Profile.MesgNum.HR! };

export type FileFormat = 'fit' | 'gpx' | 'tcx';

export interface ArchiveActivity {
  id: number;
  name: string;
  /** As the archive names it in English ("Ride", "Virtual Ride"). */
  type: string;
  /** Epoch seconds, UTC. */
  start: number;
  distance: number;
  movingTime: number;
  elapsedTime: number;
  elevationGain: number;
  description?: string;
  calories?: number;
  gear?: string;
  averageHeartRate?: number | null;
  maxHeartRate?: number | null;
  /** An original file made from `points` samples (default 30), or given bytes under a name. */
  file?: { format: FileFormat; gzip?: boolean; points?: number } | { name: string; bytes: Buffer };
}

export interface ArchiveSpec {
  language?: 'en' | 'de';
  activities: ArchiveActivity[];
  /** profile.csv names this athlete (none: no profile.csv). */
  athleteId?: number;
  /** The folder the archive sits in inside the zip ('' is the top). */
  folder?: string;
  /** Columns no table knows, each row giving "x". */
  extraColumns?: string[];
  /** Rows written as they are (cells in the English header's order, padded). */
  rawRows?: string[][];
  /** When activities.csv was made: an import compares archives by it. */
  exportedAt?: Date;
  /** Other entries, as they are. */
  extraEntries?: Array<{ name: string; bytes: Buffer }>;
  /** Leave activities.csv out (not a Strava archive). */
  withoutCsv?: boolean;
  /** Times as the zip's DOS fields alone (in the writing machine's zone), without the extended UTC timestamp. */
  dosTimesOnly?: boolean;
}

/** Strava's English header since about 2019, with its repeated names (the summary block, then the precise one). */
export const ENGLISH_HEADER = [
  'Activity ID',
  'Activity Date',
  'Activity Name',
  'Activity Type',
  'Activity Description',
  'Elapsed Time',
  'Distance',
  'Max Heart Rate',
  'Relative Effort',
  'Commute',
  'Activity Private Note',
  'Activity Gear',
  'Filename',
  'Athlete Weight',
  'Bike Weight',
  'Elapsed Time',
  'Moving Time',
  'Distance',
  'Max Speed',
  'Average Speed',
  'Elevation Gain',
  'Elevation Loss',
  'Elevation Low',
  'Elevation High',
  'Max Grade',
  'Average Grade',
  'Average Positive Grade',
  'Average Negative Grade',
  'Max Cadence',
  'Average Cadence',
  'Max Heart Rate',
  'Average Heart Rate',
  'Max Watts',
  'Average Watts',
  'Calories',
  'Max Temperature',
  'Average Temperature',
  'Relative Effort',
  'Total Work',
  'Number of Runs',
  'Uphill Time',
  'Downhill Time',
  'Other Time',
  'Perceived Exertion',
  'Type',
  'Start Time',
  'Weighted Average Power',
  'Power Count',
  'Prefer Perceived Exertion',
  'Perceived Relative Effort',
  'Commute',
  'Total Weight Lifted',
  'From Upload',
  'Grade Adjusted Distance',
  'Weather Observation Time',
  'Weather Condition',
  'Media',
];

/** A German header: the same repeats (Verstrichene Zeit, Distanz, Max. Herzfrequenz). */
export const GERMAN_HEADER = [
  'Aktivitäts-ID',
  'Datum der Aktivität',
  'Name der Aktivität',
  'Aktivitätsart',
  'Beschreibung der Aktivität',
  'Verstrichene Zeit',
  'Distanz',
  'Max. Herzfrequenz',
  'Relative Leistung',
  'Pendeln',
  'Private Notiz zur Aktivität',
  'Aktivitätsausrüstung',
  'Dateiname',
  'Sportlergewicht',
  'Fahrradgewicht',
  'Verstrichene Zeit',
  'Bewegungszeit',
  'Distanz',
  'Max. Geschwindigkeit',
  'Durchschnittliche Geschwindigkeit',
  'Höhenzunahme',
  'Max. Herzfrequenz',
  'Durchschnittliche Herzfrequenz',
  'Kalorien',
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const GERMAN_TYPES: Record<string, string> = {
  Run: 'Lauf',
  Ride: 'Radfahrt',
  Swim: 'Schwimmen',
  Walk: 'Spaziergang',
  Hike: 'Wanderung',
  'Virtual Ride': 'Virtuelle Radfahrt',
  'Weight Training': 'Krafttraining',
  'Trail Run': 'Traillauf',
};

/** "Oct 7, 2020, 2:43:11 PM", as the English archive writes a date (UTC). */
export function englishDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const h = d.getUTCHours();
  const hh = h % 12 === 0 ? 12 : h % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${hh}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** "07.10.2020, 14:43:11", as the German archive writes it. */
export function germanDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The English archive's name for a sport type ("VirtualRide" → "Virtual Ride"). */
export const archiveTypeName = (sportType: string): string => sportType.replace(/([a-z])([A-Z])/g, '$1 $2');

/** The simulator's activities as an archive would list them (the archive is the truth the API also gives). */
export function fromSimulator(
  activities: readonly SimActivity[],
  files?: (a: SimActivity, i: number) => ArchiveActivity['file'],
): ArchiveActivity[] {
  return activities.map((a, i) => ({
    id: a.id,
    name: a.name,
    type: archiveTypeName(a.sportType),
    start: a.start,
    distance: a.distance,
    movingTime: a.movingTime,
    elapsedTime: a.elapsedTime,
    elevationGain: a.elevationGain,
    description: a.description,
    calories: a.calories,
    gear: a.gearId ? (a.gearId.startsWith('b') ? 'Road bike' : 'Trainers') : '',
    averageHeartRate: a.averageHeartrate,
    maxHeartRate: a.averageHeartrate === null ? null : Math.round(a.averageHeartrate + 25),
    file: files?.(a, i),
  }));
}

/** The sample a generated file has at index i: what a stored track must read back. */
export function samplePoint(
  start: number,
  i: number,
): { time: number; lat: number; lng: number; ele: number; dist: number; hr: number; cad: number; watts: number } {
  return {
    time: (start + i) * 1000,
    lat: Math.round((48.85 + i * 0.0001 + Math.sin(i / 50) * 0.001) * 1e6) / 1e6,
    lng: Math.round((2.35 + i * 0.00012) * 1e6) / 1e6,
    ele: Math.round((35 + 10 * Math.sin(i / 30)) * 10) / 10,
    dist: i * 3,
    hr: 120 + (i % 40),
    cad: 80 + (i % 7),
    watts: 180 + (i % 60),
  };
}

/** A FIT activity file of `points` records, one a second, from Garmin's encoder. */
export function fitFile(start: number, points: number): Buffer {
  const encoder = new Encoder();
  encoder.onMesg(MESG.fileId, <FileIdMesg>{
    manufacturer: 'development',
    product: 1,
    timeCreated: new Date(start * 1000),
    type: 'activity',
  });
  for (let i = 0; i < points; i++) {
    const p = samplePoint(start, i);
    encoder.onMesg(MESG.record, <RecordMesg>{
      timestamp: new Date(p.time),
      positionLat: Math.round((p.lat * 2 ** 31) / 180),
      positionLong: Math.round((p.lng * 2 ** 31) / 180),
      enhancedAltitude: p.ele,
      distance: p.dist,
      heartRate: p.hr,
      cadence: p.cad,
      power: p.watts,
    });
  }
  return Buffer.from(encoder.close());
}

export function gpxFile(start: number, points: number): Buffer {
  const pts = Array.from({ length: points }, (_, i) => {
    const p = samplePoint(start, i);
    return `<trkpt lat="${p.lat}" lon="${p.lng}"><ele>${p.ele}</ele><time>${new Date(p.time).toISOString()}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${p.hr}</gpxtpx:hr><gpxtpx:cad>${p.cad}</gpxtpx:cad></gpxtpx:TrackPointExtension><power>${p.watts}</power></extensions></trkpt>`;
  });
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><metadata><time>${new Date(start * 1000).toISOString()}</time></metadata><trk><name>Run</name><type>running</type><trkseg>${pts.join('')}</trkseg></trk></gpx>\n`,
  );
}

export function tcxFile(start: number, points: number): Buffer {
  const pts = Array.from({ length: points }, (_, i) => {
    const p = samplePoint(start, i);
    return `<Trackpoint><Time>${new Date(p.time).toISOString()}</Time><Position><LatitudeDegrees>${p.lat}</LatitudeDegrees><LongitudeDegrees>${p.lng}</LongitudeDegrees></Position><AltitudeMeters>${p.ele}</AltitudeMeters><DistanceMeters>${p.dist}</DistanceMeters><HeartRateBpm><Value>${p.hr}</Value></HeartRateBpm><Cadence>${p.cad}</Cadence><Extensions><ns3:TPX><ns3:Watts>${p.watts}</ns3:Watts></ns3:TPX></Extensions></Trackpoint>`;
  });
  // Strava's TCX files have been seen to start with spaces before the declaration: so does this one.
  return Buffer.from(
    `          <?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Activities><Activity Sport="Biking"><Id>${new Date(start * 1000).toISOString()}</Id><Lap StartTime="${new Date(start * 1000).toISOString()}"><Track>${pts.join('')}</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n`,
  );
}

const MAKERS: Record<FileFormat, (start: number, points: number) => Buffer> = {
  fit: fitFile,
  gpx: gpxFile,
  tcx: tcxFile,
};

/** The archive's name and bytes of an activity's original file, when it has one. */
export function originalFile(a: ArchiveActivity): { name: string; bytes: Buffer } | null {
  if (!a.file) return null;
  if ('bytes' in a.file) return a.file;
  const bytes = MAKERS[a.file.format](a.start, a.file.points ?? 30);
  return a.file.gzip
    ? { name: `activities/${a.id}.${a.file.format}.gz`, bytes: gzipSync(bytes) }
    : { name: `activities/${a.id}.${a.file.format}`, bytes };
}

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** activities.csv's text for the spec. */
export function activitiesCsv(spec: ArchiveSpec): string {
  const german = spec.language === 'de';
  const header = [...(german ? GERMAN_HEADER : ENGLISH_HEADER), ...(spec.extraColumns ?? [])];
  const lines = [header.map(csvCell).join(',')];
  for (const a of spec.activities) {
    const file = originalFile(a);
    const km = (a.distance / 1000).toFixed(2);
    const values: Record<string, string> = german
      ? {
          0: String(a.id),
          1: germanDate(a.start),
          2: a.name,
          3: GERMAN_TYPES[a.type] ?? a.type,
          4: a.description ?? '',
          5: String(a.elapsedTime),
          6: km.replace('.', ','),
          7: a.maxHeartRate == null ? '' : String(a.maxHeartRate),
          11: a.gear ?? '',
          12: file?.name ?? '',
          15: `${a.elapsedTime}.0`,
          16: `${a.movingTime}.0`,
          17: String(a.distance),
          20: String(a.elevationGain),
          21: a.maxHeartRate == null ? '' : `${a.maxHeartRate}.0`,
          22: a.averageHeartRate == null ? '' : String(a.averageHeartRate),
          23: a.calories === undefined ? '' : String(a.calories),
        }
      : {
          0: String(a.id),
          1: englishDate(a.start),
          2: a.name,
          3: a.type,
          4: a.description ?? '',
          5: String(a.elapsedTime),
          6: km,
          7: a.maxHeartRate == null ? '' : String(a.maxHeartRate),
          9: 'false',
          11: a.gear ?? '',
          12: file?.name ?? '',
          15: `${a.elapsedTime}.0`,
          16: `${a.movingTime}.0`,
          17: String(a.distance),
          20: String(a.elevationGain),
          30: a.maxHeartRate == null ? '' : `${a.maxHeartRate}.0`,
          31: a.averageHeartRate == null ? '' : String(a.averageHeartRate),
          34: a.calories === undefined ? '' : String(a.calories),
          50: 'false',
        };
    const base = german ? GERMAN_HEADER.length : ENGLISH_HEADER.length;
    const cells = header.map((_, i) => (i >= base ? 'x' : (values[i] ?? '')));
    lines.push(cells.map(csvCell).join(','));
  }
  for (const raw of spec.rawRows ?? []) lines.push(header.map((_, i) => csvCell(raw[i] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

/** Writes the archive as a zip at `path`, streaming (a large archive never sits whole in memory). */
export async function writeArchive(path: string, spec: ArchiveSpec): Promise<void> {
  const zip = new ZipFile();
  const prefix = spec.folder ? `${spec.folder.replace(/\/$/, '')}/` : '';
  const mtime = spec.exportedAt ?? new Date(Date.UTC(2026, 9, 1, 12, 0, 0));
  const done = new Promise<void>((resolve, reject) => {
    // A new file only: never through a link planted at this name in a shared folder.
    const out = createWriteStream(path, { mode: 0o600, flags: 'wx' });
    out.on('close', resolve);
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
  if (!spec.withoutCsv)
    zip.addBuffer(Buffer.from(activitiesCsv(spec)), `${prefix}activities.csv`, {
      mtime,
      forceDosTimestamp: spec.dosTimesOnly === true,
    });
  if (spec.athleteId !== undefined) {
    zip.addBuffer(
      Buffer.from(`Athlete ID,Email Address,First Name,Last Name\n${spec.athleteId},someone@example.com,Ada,Runner\n`),
      `${prefix}profile.csv`,
      { mtime },
    );
  }
  for (const a of spec.activities) {
    const file = originalFile(a);
    // Gzipped files are stored as they are: deflating them again gains nothing (Strava's zip does the same).
    if (file) zip.addBuffer(file.bytes, `${prefix}${file.name}`, { mtime, compress: !file.name.endsWith('.gz') });
  }
  for (const e of spec.extraEntries ?? []) zip.addBuffer(e.bytes, `${prefix}${e.name}`, { mtime });
  zip.end();
  await done;
}

/**
 * An archive with one entry whose name leaves the folder: yazl refuses to write such names, so the entry is written
 * under a stand-in of the same length and the name is replaced in the finished bytes (local header and directory).
 */
export async function writeArchiveWithEntry(path: string, spec: ArchiveSpec, unsafeName: string): Promise<void> {
  const standIn = unsafeName.replace(/\.\./g, 'zz').replace(/^\//, 'y');
  await writeArchive(path, {
    ...spec,
    extraEntries: [...(spec.extraEntries ?? []), { name: standIn, bytes: Buffer.from('escaped') }],
  });
  const bytes = await readFile(path);
  const from = Buffer.from(standIn);
  const to = Buffer.from(unsafeName);
  let at = bytes.indexOf(from);
  if (at < 0) throw new Error('stand-in name not found');
  while (at >= 0) {
    to.copy(bytes, at);
    at = bytes.indexOf(from, at + 1);
  }
  await writeFile(path, bytes);
}
