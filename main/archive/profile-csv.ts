import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { headerKey } from './column-table';

/** The athlete id column of profile.csv, in the languages of the column table. */
const ATHLETE_ID = new Set(['Athlete ID', 'Athleten-ID', 'Sportler-ID', "ID de l'athlète", 'ID del deportista', 'ID de deportista', 'ID de atleta'].map(headerKey));

/** Strava's profile row is a few hundred characters (names, a city, a bio): a longer line is no profile. */
const MAX_PROFILE_LINE_CHARS = 64 * 1024;

/**
 * The athlete id that profile.csv names, or null when it names none (or cannot be read: the athlete is then chosen
 * otherwise). Only that column is read: the file also holds the person's e-mail address, which Splits never keeps.
 */
export async function readProfileAthleteId(stream: Readable): Promise<number | null> {
  const parser = stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, to_line: 2, max_record_size: MAX_PROFILE_LINE_CHARS }));
  stream.on('error', (error) => parser.destroy(error));
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
