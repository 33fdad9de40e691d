import type { Readable } from 'node:stream';
import { headerKey } from './column-table';
import { csvRecords } from './csv-row-guard';

/** The athlete id column of profile.csv, in the languages of the column table. */
const ATHLETE_ID = new Set(
  [
    'Athlete ID',
    'Athleten-ID',
    'Sportler-ID',
    "ID de l'athlète",
    'ID del deportista',
    'ID de deportista',
    'ID de atleta',
  ].map(headerKey),
);

/** Strava's profile row is a few hundred bytes (names, a city, a bio) in some 30 columns: more is no profile. */
const MAX_PROFILE_LINE_BYTES = 64 * 1024;
const MAX_PROFILE_COLUMNS = 200;

/**
 * The athlete id that profile.csv names, or null when it names none (or cannot be read: the athlete is then chosen
 * otherwise). Only that column is read: the file also holds the person's e-mail address, which Splits never keeps.
 */
export async function readProfileAthleteId(stream: Readable): Promise<number | null> {
  // Bounded on the bytes, as activities.csv is (csv-row-guard.ts): csv-parse counts no commas.
  const parser = csvRecords(stream, {
    maxColumns: MAX_PROFILE_COLUMNS,
    maxRecordBytes: MAX_PROFILE_LINE_BYTES,
    refusal: () => new Error('not a profile'),
  });
  let column = -1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (column < 0) {
        column = record.findIndex((name) => ATHLETE_ID.has(headerKey(name)));
        if (column < 0) return null;
        continue;
      }
      const id = record[column]?.trim() ?? '';
      return /^\d{1,16}$/.test(id) && Number.isSafeInteger(Number(id)) && Number(id) > 0 ? Number(id) : null;
    }
  } catch {
    return null;
  } finally {
    stream.destroy();
  }
  return null;
}
