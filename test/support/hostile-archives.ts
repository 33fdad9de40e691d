// Hostile archives, made on the fly and streamed (never whole in memory): a few kilobytes of zip that unpack into
// files whose decoding would take gigabytes. The archive tests and the benchmark (test/bench/hostile-archives.ts) use
// them; nothing large is committed.
import { CrcCalculator } from '@garmin/fitsdk';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { crc32, createGzip, gzipSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import { activitiesCsv, ENGLISH_HEADER, type ArchiveSpec } from './archive-fixture';

/** Chunks of bytes made one at a time: `next(i)` gives chunk i, or null at the end. */
function chunks(next: (i: number) => Buffer | null): Readable {
  let i = 0;
  return new Readable({
    read() {
      this.push(next(i++));
    },
  });
}

/** How many copies of `unit` fit in a chunk of about 1 MB. */
const perChunk = (unit: Buffer) => Math.max(1, Math.floor((1 << 20) / unit.length));

/** `count` copies of `unit`, between `head` and `tail`, as a stream. */
export function repeated(head: Buffer, unit: Buffer, count: number, tail: Buffer = Buffer.alloc(0)): Readable {
  const n = perChunk(unit);
  const block = Buffer.concat(Array.from({ length: n }, () => unit));
  let left = count;
  return chunks((i) => {
    if (i === 0) return head;
    if (left > 0) {
      const take = Math.min(left, n);
      left -= take;
      return take === n ? block : block.subarray(0, take * unit.length);
    }
    if (left === 0) {
      left = -1;
      return tail;
    }
    return null;
  });
}

/**
 * A FIT file of `count` record messages (or messages of `global`), the file's header and CRC right, so only its size makes it hostile. Without
 * timestamps a record has no field, and each message is its one-byte header: 64 MB of them are 64 million empty
 * records. With them, each record is a timestamp alone (5 bytes).
 */
export function fitOfRecords(count: number, options: { timestamps?: boolean; global?: number } = {}): Readable {
  // Definition: header 0x40 (local 0), reserved, little-endian, the message number (20: record; 21: event), field
  // count, then the timestamp field (253, 4 bytes, uint32).
  const global = options.global ?? 20;
  const definition = Buffer.from(
    options.timestamps ? [0x40, 0, 0, global, 0, 1, 253, 4, 0x86] : [0x40, 0, 0, global, 0, 0],
  );
  const message = Buffer.from(options.timestamps ? [0x00, 0x00, 0x10, 0x5e, 0x40] : [0x00]);
  const header = Buffer.alloc(12);
  header.writeUInt8(12, 0);
  header.writeUInt8(0x20, 1);
  header.writeUInt16LE(2100, 2);
  header.writeUInt32LE(definition.length + message.length * count, 4);
  header.write('.FIT', 8, 'ascii');
  const crc = new CrcCalculator();
  return repeated(Buffer.concat([header, definition]), message, count).pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        crc.addBytes(chunk, 0, chunk.length);
        done(null, chunk);
      },
      flush(done) {
        const tail = Buffer.alloc(2);
        tail.writeUInt16LE(crc.crc, 0);
        done(null, tail);
      },
    }),
  );
}

/** A GPX track of `count` points, each a bare position (some 40 bytes). */
export function gpxOfPoints(count: number): Readable {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test"><trk><trkseg>');
  return repeated(head, Buffer.from('<trkpt lat="48.85" lon="2.35"/>'), count, Buffer.from('</trkseg></trk></gpx>\n'));
}

/** A TCX file whose one point holds `count` empty elements. */
export function tcxOfElements(count: number): Readable {
  const head = Buffer.from(
    '<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity><Lap><Track><Trackpoint><Time>2026-06-01T08:00:00Z</Time>',
  );
  return repeated(
    head,
    Buffer.from('<x/>'),
    count,
    Buffer.from('</Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>'),
  );
}

/** activities.csv: the English header, then `count` rows of one cell each. */
export function csvOfRows(count: number, cell = 'x'): Readable {
  return repeated(Buffer.from(`${ENGLISH_HEADER.join(',')}\n`), Buffer.from(`${cell}\n`), count);
}

/** activities.csv whose header has `count` more columns of one name. */
export function csvOfColumns(count: number, name = 'Distance'): Readable {
  return repeated(
    Buffer.from(`${ENGLISH_HEADER.join(',')}`),
    Buffer.from(`,${name}`),
    count,
    Buffer.from('\n1,"Oct 7, 2020, 2:43:11 PM",Ride\n'),
  );
}

export interface HostileEntry {
  name: string;
  data: Readable | Buffer;
  /** gzip it (the name should end in .gz). */
  gzip?: boolean;
}

/**
 * Writes a zip: the given spec's activities.csv and profile.csv (unless an entry replaces them), and the entries,
 * streamed and deflated.
 */
export async function writeHostileArchive(path: string, entries: HostileEntry[], spec?: ArchiveSpec): Promise<void> {
  const zip = new ZipFile();
  const done = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path, { mode: 0o600 });
    out.on('close', resolve);
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
  const mtime = new Date(Date.UTC(2026, 9, 1, 12, 0, 0));
  const names = new Set(entries.map((e) => e.name));
  if (spec && !names.has('activities.csv'))
    zip.addBuffer(Buffer.from(activitiesCsv(spec)), 'activities.csv', { mtime });
  if (spec?.athleteId !== undefined && !names.has('profile.csv'))
    zip.addBuffer(Buffer.from(`Athlete ID,Email Address\n${spec.athleteId},someone@example.com\n`), 'profile.csv', {
      mtime,
    });
  for (const e of entries) {
    // An empty buffer is stored, not deflated: yazl deflates each buffer with a zlib stream of its own, and half a
    // million of those at once take gigabytes.
    if (Buffer.isBuffer(e.data))
      zip.addBuffer(e.gzip ? gzipSync(e.data) : e.data, e.name, { mtime, compress: e.data.length > 0 });
    else zip.addReadStream(e.gzip ? e.data.pipe(createGzip({ level: 9 })) : e.data, e.name, { mtime });
  }
  zip.end();
  await done;
}

/**
 * A zip of many small entries, stored (not deflated), written directly: yazl looks for its next entry from the first
 * one each time, which takes minutes past a hundred thousand. Past 65,535 entries the count goes in a ZIP64 end
 * record, as zip tools write it.
 */
export async function writeManyEntriesZip(
  path: string,
  entries: Iterable<{ name: string; data: Buffer }>,
): Promise<void> {
  const out = createWriteStream(path, { mode: 0o600 });
  const done = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  const write = (chunk: Buffer) =>
    out.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve));
  // 2026-10-01 12:00, DOS time and date.
  const time = (12 << 11) | (0 << 5);
  const date = ((2026 - 1980) << 9) | (10 << 5) | 1;
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  let pending: Buffer[] = [];
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(time, 12);
    head.writeUInt16LE(date, 14);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(e.data.length, 20);
    head.writeUInt32LE(e.data.length, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    central.push(head, name);
    pending.push(local, name, e.data);
    offset += 30 + name.length + e.data.length;
    count++;
    if (pending.length > 3_000) {
      await write(Buffer.concat(pending));
      pending = [];
    }
  }
  const directory = Buffer.concat(central);
  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4);
  zip64End.writeUInt16LE(45, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(BigInt(count), 24);
  zip64End.writeBigUInt64LE(BigInt(count), 32);
  zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
  zip64End.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  await write(Buffer.concat([...pending, directory, ...(count > 0xffff ? [zip64End, locator] : []), end]));
  out.end();
  await done;
}
