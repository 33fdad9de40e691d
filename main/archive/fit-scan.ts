import { TrackFileError } from './track-file-error';
import {
  MAX_FIT_DEVELOPER_WORK,
  MAX_FIT_FIELD_DESCRIPTIONS,
  MAX_FIT_FIELD_VALUES,
  MAX_FIT_MESSAGES,
  MAX_TRACK_SAMPLES,
  tooLarge,
} from './track-limits';

/** The FIT profile's message numbers the walk counts. */
const RECORD = 20;
const HR = 132;
const FIELD_DESCRIPTION = 206;

export interface FitCounts {
  messages: number;
  records: number;
  /** HR messages (a chest strap's beats): the decoder then decodes the file a second time, to merge them. */
  hrMessages: number;
  fieldValues: number;
  fieldDescriptions: number;
  /** Developer field values times the field descriptions known when each was read: the decoder looks each up. */
  developerWork: number;
}

interface Definition {
  global: number;
  size: number;
  fields: number;
  developerFields: number;
}

const damaged = (why: string) => new TrackFileError(`the FIT file is damaged (${why})`);

/**
 * Walks a FIT file's structure (headers, definitions, data messages) without decoding a value, and refuses it when
 * decoding it would make more than the bounds allow. Garmin's decoder reads the whole buffer in one synchronous call
 * and keeps every message it decodes, so it cannot be stopped halfway: it must only be given files whose decoding is
 * known to be small. The walk reads as the decoder does (@garmin/fitsdk's Decoder.read): a file header, records while
 * the position is short of the data size the header gives (the last may run past it), a CRC after the last, and then
 * the next file if any; the definitions carry over from one file to the next. Where the walk cannot follow, the
 * decoder could not either: the file is refused as damaged.
 */
export function scanFit(bytes: Uint8Array): FitCounts {
  const counts: FitCounts = {
    messages: 0,
    records: 0,
    hrMessages: 0,
    fieldValues: 0,
    fieldDescriptions: 0,
    developerWork: 0,
  };
  const definitions: Array<Definition | undefined> = [];
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const headerSize = bytes[at]!;
    if (headerSize < 12 || at + headerSize > bytes.length) throw damaged('a file header is cut short');
    const dataSize = (bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16)) + bytes[at + 7]! * 2 ** 24;
    const end = start + headerSize + dataSize;
    at += headerSize;
    while (at < end) {
      if (at >= bytes.length) throw damaged('it ends before its data does');
      const header = bytes[at++]!;
      if ((header & 0x80) !== 0) throw damaged('it uses compressed timestamps, which Splits cannot read');
      if ((header & 0x40) !== 0) {
        const read = readDefinition(bytes, at, (header & 0x20) !== 0);
        definitions[header & 0x0f] = read.definition;
        at = read.next;
        counts.messages++;
        check(counts);
      } else {
        const def = definitions[header & 0x0f];
        if (!def) throw damaged('a message comes before its definition');
        at += def.size;
        count(counts, def);
      }
    }
    at += 2; // the file's CRC, after wherever its last record ended
  }
  return counts;
}

function readDefinition(
  bytes: Uint8Array,
  at: number,
  developerFields: boolean,
): { definition: Definition; next: number } {
  // reserved, architecture (0 little-endian, anything else big-endian, as the decoder reads it), global message
  // number (2 bytes), number of fields; then 3 bytes a field (number, size, base type).
  if (at + 5 > bytes.length) throw damaged('a definition is cut short');
  const bigEndian = bytes[at + 1] !== 0;
  const global = bigEndian ? (bytes[at + 2]! << 8) | bytes[at + 3]! : bytes[at + 2]! | (bytes[at + 3]! << 8);
  const fields = bytes[at + 4]!;
  let next = at + 5;
  let size = 0;
  for (let i = 0; i < fields; i++, next += 3) size += bytes[next + 1] ?? 0;
  let developer = 0;
  if (developerFields) {
    developer = bytes[next++] ?? 0;
    for (let i = 0; i < developer; i++, next += 3) size += bytes[next + 1] ?? 0;
  }
  if (next > bytes.length) throw damaged('a definition is cut short');
  return { definition: { global, size, fields, developerFields: developer }, next };
}

function count(counts: FitCounts, def: Definition): void {
  counts.messages++;
  counts.fieldValues += def.fields + def.developerFields;
  counts.developerWork += def.developerFields * counts.fieldDescriptions;
  if (def.global === RECORD) counts.records++;
  else if (def.global === HR) counts.hrMessages++;
  else if (def.global === FIELD_DESCRIPTION) counts.fieldDescriptions++;
  check(counts);
}

function check(counts: FitCounts): void {
  if (counts.records > MAX_TRACK_SAMPLES) throw new TrackFileError(tooLarge('recorded points', MAX_TRACK_SAMPLES));
  if (counts.messages > MAX_FIT_MESSAGES) throw new TrackFileError(tooLarge('FIT messages', MAX_FIT_MESSAGES));
  // A chest strap's HR messages make the decoder read the file twice: its field values count twice.
  if (counts.fieldValues * (counts.hrMessages > 0 ? 2 : 1) > MAX_FIT_FIELD_VALUES)
    throw new TrackFileError(tooLarge('FIT field values', MAX_FIT_FIELD_VALUES));
  if (counts.fieldDescriptions > MAX_FIT_FIELD_DESCRIPTIONS)
    throw new TrackFileError(tooLarge('developer field descriptions', MAX_FIT_FIELD_DESCRIPTIONS));
  if (counts.developerWork > MAX_FIT_DEVELOPER_WORK)
    throw new TrackFileError(tooLarge('developer field values', MAX_FIT_DEVELOPER_WORK));
}
