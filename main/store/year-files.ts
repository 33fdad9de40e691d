import type { DetailedActivity, SummaryActivity } from '../strava/schemas';
import type { DocumentSpec } from './json-document';
import { isIdKey } from './problem-reasons';

// Activities are filed by the year of their start: `<year>.json` for summaries, `<year>.details.json` for details.
// Strava's start_date is an ISO date with a four-digit year (0000 to 9999, what the summary schema accepts), so the
// year is always those four digits, and file names keep them zero-padded: the loader reads back every year written.

export interface YearFile {
  version: 1;
  activities: Record<string, SummaryActivity>;
}
export interface DetailFile {
  version: 1;
  details: Record<string, DetailedActivity>;
}

export const yearOf = (a: { start_date: string }): number => Number(a.start_date.slice(0, 4));

export const yearFileName = (year: number): string => `${String(year).padStart(4, '0')}.json`;
export const detailFileName = (year: number): string => `${String(year).padStart(4, '0')}.details.json`;

/** The year a file name holds and which kind it is; null for any other file. */
export function parseYearFileName(name: string): { year: number; kind: 'summaries' | 'details' } | null {
  const match = /^(\d{4})(\.details)?\.json$/.exec(name);
  return match ? { year: Number(match[1]), kind: match[2] ? 'details' : 'summaries' } : null;
}

/** The fields the window reads from every record (its rows, sorts, searches and totals), by the type typeof gives. */
const READ_FIELDS: Array<[string, ReadonlyArray<string>]> = [
  ['name', ['string']],
  ['sport_type', ['string', 'undefined']],
  ['type', ['string', 'undefined']],
  ['start_date_local', ['string', 'undefined']],
  ['distance', ['number', 'undefined', 'null']],
  ['moving_time', ['number', 'undefined', 'null']],
  ['elapsed_time', ['number', 'undefined', 'null']],
  ['total_elevation_gain', ['number', 'undefined', 'null']],
  ['average_speed', ['number', 'undefined', 'null']],
  ['average_heartrate', ['number', 'undefined', 'null']],
  ['private', ['boolean', 'undefined']],
  ['visibility', ['string', 'undefined']],
];

const typeOf = (value: unknown) => (value === null ? 'null' : typeof value);

/**
 * The cheap check of a year file at load. Only Splits writes these files, and only with activities that passed the
 * summary schema when Strava sent them, so re-running that schema over 20,000 activities at every start buys nothing
 * but time. What is checked is what the store and the window rely on: each record an object under its own id, a
 * positive integer id, a start_date that parses and belongs to this file's year, and the fields the window reads of
 * the types it reads them as (a name that is a number, edited in by hand, would otherwise load and then fail every
 * query of the activity list). Anything else makes the file corrupt.
 */
function checkRecords<R>(records: unknown, field: string, year: number): Record<string, R> {
  if (!records || typeof records !== 'object' || Array.isArray(records))
    throw new Error(`invalid: ${field} is not an object`);
  for (const [key, record] of Object.entries(records)) {
    // Named in a report only when it is an id: any other key is the file's content (see problem-reasons.ts).
    const at = `${field}.${isIdKey(key) ? key : '*'}`;
    const r = record as { id?: unknown; start_date?: unknown } | null;
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new Error(`invalid: ${at} is not an object`);
    if (typeof r.id !== 'number' || !Number.isSafeInteger(r.id) || r.id <= 0 || String(r.id) !== key)
      throw new Error(`invalid: ${at}.id`);
    if (typeof r.start_date !== 'string' || !/^\d{4}-/.test(r.start_date) || Number.isNaN(Date.parse(r.start_date)))
      throw new Error(`invalid: ${at}.start_date`);
    if (yearOf(r as { start_date: string }) !== year) throw new Error(`invalid: ${at}.start_date is not in ${year}`);
    for (const [name, types] of READ_FIELDS) {
      if (!types.includes(typeOf((r as Record<string, unknown>)[name])))
        throw new Error(`invalid: ${at}.${name} is ${typeOf((r as Record<string, unknown>)[name])}`);
    }
  }
  return records as Record<string, R>;
}

function checkVersion(doc: Record<string, unknown>): void {
  if (doc.version !== 1) throw new Error('invalid: version');
}

export function yearFileSpec(year: number): DocumentSpec<YearFile> {
  return {
    version: 1,
    empty: () => ({ version: 1, activities: {} }),
    schema: (doc) => {
      checkVersion(doc);
      return { version: 1, activities: checkRecords<SummaryActivity>(doc.activities, 'activities', year) };
    },
  };
}

export function detailFileSpec(year: number): DocumentSpec<DetailFile> {
  return {
    version: 1,
    empty: () => ({ version: 1, details: {} }),
    schema: (doc) => {
      checkVersion(doc);
      return { version: 1, details: checkRecords<DetailedActivity>(doc.details, 'details', year) };
    },
  };
}
