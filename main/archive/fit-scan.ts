import { TrackFileError } from './track-file-error';
import { MAX_FIT_FIELD_VALUES, MAX_FIT_MESSAGES, MAX_TRACK_SAMPLES, tooLarge } from './track-limits';

/** The FIT profile's number of the record message: one sample of the track. */
const RECORD = 20;

export interface FitCounts {
  messages: number;
  records: number;
  fieldValues: number;
}

interface Definition {
  global: number;
  size: number;
  fields: number;
}

/**
 * Walks a FIT file's structure (headers, definitions, data messages) without decoding a value, and refuses it when
 * decoding it would make more than the bounds allow. Garmin's decoder reads the whole buffer in one synchronous call
 * and keeps every message it decodes, so it cannot be stopped halfway: it must only be given files whose decoding is
 * known to be small. The walk follows the decoder's reading (FIT protocol 2.0: a file header, records up to the data
 * size it gives, a CRC; several files may follow each other) and costs a loop over the record headers, nothing more.
 * A file the walk cannot follow is left to the decoder, which says what is wrong with it.
 */
export function scanFit(bytes: Uint8Array): FitCounts {
  const counts: FitCounts = { messages: 0, records: 0, fieldValues: 0 };
  let at = 0;
  while (at < bytes.length) {
    const headerSize = bytes[at]!;
    if (headerSize < 12 || at + headerSize > bytes.length) return counts;
    const dataSize = (bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16)) + bytes[at + 7]! * 2 ** 24;
    const end = at + headerSize + dataSize;
    at += headerSize;
    const definitions: Array<Definition | undefined> = [];
    while (at < end && at < bytes.length) {
      const header = bytes[at++]!;
      if ((header & 0x80) !== 0) {
        // A compressed-timestamp header: a data message of local type 0 to 3.
        const def = definitions[(header >> 5) & 0x03];
        if (!def) return counts;
        at += def.size;
        count(counts, def);
      } else if ((header & 0x40) !== 0) {
        const parsed = readDefinition(bytes, at, (header & 0x20) !== 0);
        if (!parsed) return counts;
        definitions[header & 0x0f] = parsed.definition;
        at = parsed.next;
        counts.messages++;
        check(counts);
      } else {
        const def = definitions[header & 0x0f];
        if (!def) return counts;
        at += def.size;
        count(counts, def);
      }
    }
    at = end + 2; // the file's CRC
  }
  return counts;
}

function readDefinition(bytes: Uint8Array, at: number, developerFields: boolean): { definition: Definition; next: number } | null {
  // reserved, architecture (0 little-endian, 1 big-endian), global message number (2 bytes), number of fields.
  if (at + 5 > bytes.length) return null;
  const bigEndian = bytes[at + 1] === 1;
  const global = bigEndian ? (bytes[at + 2]! << 8) | bytes[at + 3]! : bytes[at + 2]! | (bytes[at + 3]! << 8);
  let fields = bytes[at + 4]!;
  let next = at + 5;
  let size = 0;
  for (let i = 0; i < fields; i++, next += 3) size += bytes[next + 1] ?? 0;
  if (developerFields) {
    const more = bytes[next++] ?? 0;
    for (let i = 0; i < more; i++, next += 3) size += bytes[next + 1] ?? 0;
    fields += more;
  }
  return next > bytes.length ? null : { definition: { global, size, fields }, next };
}

function count(counts: FitCounts, def: Definition): void {
  counts.messages++;
  counts.fieldValues += def.fields;
  if (def.global === RECORD) counts.records++;
  check(counts);
}

function check(counts: FitCounts): void {
  if (counts.records > MAX_TRACK_SAMPLES) throw new TrackFileError(tooLarge('recorded points', MAX_TRACK_SAMPLES));
  if (counts.messages > MAX_FIT_MESSAGES) throw new TrackFileError(tooLarge('FIT messages', MAX_FIT_MESSAGES));
  if (counts.fieldValues > MAX_FIT_FIELD_VALUES) throw new TrackFileError(tooLarge('FIT field values', MAX_FIT_FIELD_VALUES));
}
