import type { Readable } from 'node:stream';
import { CsvError } from 'csv-parse';
import { ArchiveError } from './archive-error';
import { parseArchiveDate, parseBoolean, parseNumber, sportType } from './archive-values';
import { fieldValue, mapColumns, MAX_COLUMNS, type ArchiveField, type ColumnMap } from './column-table';
import { csvRecords, type CsvBound } from './csv-row-guard';
import { LIST_CAP, type SkippedRow } from './import-types';

/** One row of activities.csv, as Splits uses it (units of the API: metres, seconds, metres per second). */
export interface ArchiveRow {
  /** The row's number among the data rows (1 is the first after the header), for messages. */
  row: number;
  id: number;
  /** ISO UTC, or null when the row gave none Splits could read. */
  startDate: string | null;
  name: string | null;
  sportType: string | null;
  description: string | null;
  gear: string | null;
  /** The original file's name inside the archive (activities/123.fit.gz), when the activity has one. */
  filename: string | null;
  elapsedTime: number | null;
  movingTime: number | null;
  distance: number | null;
  /** Whether `distance` came from the precise column (metres); else from the summary block (see column-table.ts). */
  distancePrecise: boolean;
  elevationGain: number | null;
  elevationLow: number | null;
  elevationHigh: number | null;
  maxSpeed: number | null;
  averageSpeed: number | null;
  maxHeartRate: number | null;
  averageHeartRate: number | null;
  averageCadence: number | null;
  maxWatts: number | null;
  averageWatts: number | null;
  weightedAverageWatts: number | null;
  calories: number | null;
  averageTemperature: number | null;
  relativeEffort: number | null;
  commute: boolean | null;
}

export interface ActivitiesCsv {
  rows: ArchiveRow[];
  /** Data rows in the file, good and skipped. */
  rowsRead: number;
  /** The first LIST_CAP rows skipped. */
  skipped: SkippedRow[];
  /** Every row skipped. */
  skippedCount: number;
  unknownColumns: string[];
}

export interface ReadCsvOptions {
  /** Rows read so far, every few hundred rows. */
  onRow?: (rowsRead: number) => void;
  /** The zip around it is laid out as Strava's (profile.csv, original files under activities/). */
  looksLikeStrava?: boolean;
  /** Stops the reading at the next row, rejecting with the signal's reason. */
  signal?: AbortSignal;
  /** Data rows read at the most (default MAX_ROWS): a test's smaller one proves the refusal without 200,001 rows. */
  maxRows?: number;
}

/**
 * A row longer than this is no Strava row (a description is a few thousand characters at most): the file is refused.
 * A million characters, at up to four bytes each in UTF-8.
 */
const MAX_ROW_BYTES = 4_000_000;

/**
 * Data rows read at the most. The most active athletes have tens of thousands of activities (ten a day for 25 years is
 * 91,000): a file with more is no archive of one athlete's, and reading it would only cost time.
 */
export const MAX_ROWS = 200_000;

/**
 * Strava's header has some 80 columns (about 90 lately); another program's CSV has a few. Past this many, a header
 * without a known id column is Strava's in a language the table does not know yet.
 */
const STRAVA_LIKE_COLUMNS = 40;

/** Why a record past a bound is no Strava row, in words. */
function tooLarge(bound: CsvBound, header: boolean): ArchiveError {
  const which = header ? 'the header of its activities.csv' : 'a row of its activities.csv';
  const what =
    bound === 'columns'
      ? `has more than ${MAX_COLUMNS.toLocaleString('en-US')} columns, where Strava's has about 90`
      : `is longer than ${MAX_ROW_BYTES / 1_000_000} MB, where Strava's are a few kilobytes`;
  return new ArchiveError(
    'not-strava',
    `This is not a Strava archive: ${which} ${what}. Nothing was imported. Import the zip Strava sends as it is.`,
  );
}

/**
 * Reads activities.csv as it streams out of the zip: one row at a time, never the file whole. Only the rows kept and
 * the first few skipped stay in memory; a file past maxRows rows, or with a row past MAX_COLUMNS columns or
 * MAX_ROW_BYTES, is refused. The stream is destroyed when the reading ends, however it ends.
 */
export async function readActivitiesCsv(stream: Readable, options: ReadCsvOptions = {}): Promise<ActivitiesCsv> {
  const { onRow, looksLikeStrava = false, signal, maxRows = MAX_ROWS } = options;
  const parser = csvRecords(stream, { maxColumns: MAX_COLUMNS, maxRecordBytes: MAX_ROW_BYTES, refusal: tooLarge });
  let map: ColumnMap | null = null;
  const rows: ArchiveRow[] = [];
  const skipped: SkippedRow[] = [];
  let skippedCount = 0;
  const skip = (row: SkippedRow) => {
    skippedCount++;
    if (skipped.length < LIST_CAP) skipped.push(row);
  };
  const seen = new Set<number>();
  let rowsRead = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      signal?.throwIfAborted();
      if (!map) {
        map = mapColumns(record);
        if (!map.columns.has('id')) {
          if (looksLikeStrava || record.length >= STRAVA_LIKE_COLUMNS) {
            throw new ArchiveError(
              'not-strava',
              `This looks like a Strava archive, but Splits cannot read its activities.csv yet: its column names are in a language Splits does not know. Nothing was imported. Switch your Strava language to English (Settings, Display Preferences), request the archive again, and import the new zip.`,
            );
          }
          throw new ArchiveError(
            'not-strava',
            'This is not a Strava archive: its activities.csv has no activity id column. Nothing was imported. Import the zip Strava sends as it is.',
          );
        }
        continue;
      }
      if (++rowsRead > maxRows) {
        throw new ArchiveError(
          'not-strava',
          `This is not a Strava archive of one athlete: its activities.csv has more than ${maxRows.toLocaleString('en-US')} rows, more than anyone has activities. Nothing was imported. Import the zip Strava sends as it is.`,
        );
      }
      const read = toRow(map, record, rowsRead);
      if ('reason' in read) skip(read);
      else if (seen.has(read.id))
        skip({ row: rowsRead, reason: `activity ${read.id} appears again (the first row of it was used)` });
      else {
        seen.add(read.id);
        rows.push(read);
      }
      if (rowsRead % 500 === 0) onRow?.(rowsRead);
    }
  } catch (error) {
    if (error instanceof ArchiveError || signal?.aborted) throw error;
    throw new ArchiveError(
      'unreadable',
      `The archive's activities.csv cannot be read (${unreadable(error)}). Nothing was imported. Download the archive from Strava again.`,
    );
  } finally {
    // The parser's end or error ends the stream with it, but a refusal or a cancel leaves the loop early: the zip
    // entry's stream (and the file under it) is let go here in every case.
    parser.destroy();
    stream.destroy();
  }
  if (!map)
    throw new ArchiveError(
      'not-strava',
      'This is not a Strava archive: its activities.csv is empty. Nothing was imported.',
    );
  return { rows, rowsRead, skipped, skippedCount, unknownColumns: [...map.unknown] };
}

/**
 * Why the CSV cannot be read, without its content: csv-parse's messages quote the field where it stopped, so its
 * errors are told by their code and line. Other errors (the zip's) are Splits' own words.
 */
function unreadable(error: unknown): string {
  if (error instanceof CsvError) {
    const where = typeof error['lines'] === 'number' ? ` at line ${error['lines']}` : '';
    switch (error.code) {
      case 'INVALID_OPENING_QUOTE':
      case 'CSV_INVALID_CLOSING_QUOTE':
      case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
        return `a quote out of place${where}`;
      case 'CSV_QUOTE_NOT_CLOSED':
        return `a quote never closed${where}`;
      default:
        return `it is not a valid CSV file${where}`;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

function toRow(map: ColumnMap, record: readonly string[], row: number): ArchiveRow | SkippedRow {
  const text = (field: ArchiveField) => fieldValue(map, record, field)?.value ?? null;
  const num = (field: ArchiveField) => parseNumber(text(field) ?? undefined);
  const idText = text('id');
  if (idText === null) return { row, reason: 'it has no activity id' };
  if (!/^\d{1,16}$/.test(idText) || !Number.isSafeInteger(Number(idText)) || Number(idText) <= 0) {
    return { row, reason: 'its activity id is not a positive whole number' };
  }
  const distance = fieldValue(map, record, 'distance');
  const metres = distance ? parseNumber(distance.value) : null;
  return {
    row,
    id: Number(idText),
    startDate: parseArchiveDate(text('date') ?? undefined),
    name: text('name'),
    sportType: sportType(text('type') ?? undefined),
    description: text('description'),
    gear: text('gear'),
    filename: text('filename'),
    elapsedTime: num('elapsedTime'),
    movingTime: num('movingTime'),
    // The precise column (metres) is taken whenever a row fills it. Only when it is missing or empty does the summary
    // block's distance stand in, in the athlete's display unit, km or miles: nothing in the file says which (no unit in
    // the header, no preference column), so it is read as km, the unit of the metric default and of every archive
    // made before the precise block existed (which had that one column only). A miles archive with only this column
    // reads 1.609 times short, an error the join takes for an edit (editedSinceArchive checks both units).
    distance: metres === null ? null : distance!.precise ? metres : Math.round(metres * 1000 * 10) / 10,
    distancePrecise: metres !== null && distance!.precise,
    elevationGain: num('elevationGain'),
    elevationLow: num('elevationLow'),
    elevationHigh: num('elevationHigh'),
    maxSpeed: num('maxSpeed'),
    averageSpeed: num('averageSpeed'),
    maxHeartRate: num('maxHeartRate'),
    averageHeartRate: num('averageHeartRate'),
    averageCadence: num('averageCadence'),
    maxWatts: num('maxWatts'),
    averageWatts: num('averageWatts'),
    weightedAverageWatts: num('weightedAverageWatts'),
    calories: num('calories'),
    averageTemperature: num('averageTemperature'),
    relativeEffort: num('relativeEffort'),
    commute: parseBoolean(text('commute') ?? undefined),
  };
}
