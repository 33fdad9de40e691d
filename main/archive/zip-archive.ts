import { close as closeFd, fstat, open as openCallback, read as readFd } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { MAX_ROWS } from './activities-csv';
import { ArchiveError } from './archive-error';

// A Strava archive can be several gigabytes: only the central directory (names and sizes) is read up front, and each
// entry Splits needs is streamed from the file when it is needed. Nothing is extracted to disk, and entry names are
// never turned into paths: an entry is only ever looked up by the name activities.csv gives for it.

/**
 * The largest activities.csv read. Strava's is about 2 KB a row, so 20,000 activities make some 40 MB and 60,000 some
 * 120 MB: far more is no archive of Strava's but a deflate bomb, which would stream for as long as it lasts. It also
 * bounds the memory of an import: every activity it adds is held by the store, and a CSV of 125 MB of new activities
 * with long descriptions in a script of two bytes a character peaked at 918 MB (docs/reliability.md). The size is the
 * one the zip declares, and yauzl's validateEntrySizes stops a stream that runs past it.
 */
export const MAX_ACTIVITIES_CSV_BYTES = 128 * 1024 * 1024;
/** The largest profile.csv read: Strava's is one header and one row, under a kilobyte. */
export const MAX_PROFILE_CSV_BYTES = 1024 * 1024;

export interface ZipArchive {
  /**
   * The entries Splits may read, by their name in the zip: activities.csv, profile.csv and the original files under
   * activities/ (at the top or one folder down). Photos and the rest are counted past, never kept.
   */
  readonly entries: ReadonlyMap<string, Entry>;
  /** activities.csv, at the root or one folder down. */
  readonly activitiesCsv: Entry;
  /** profile.csv beside it, when there is one (and it is no larger than a profile can be). */
  readonly profileCsv: Entry | null;
  /** The folder activities.csv sits in ('' or 'export_123/'): the CSV's file names are relative to it. */
  readonly root: string;
  /** Whether the zip has the rest of a Strava archive beside activities.csv: profile.csv and an activities/ folder. */
  readonly looksLikeStrava: boolean;
  /** The entry a name from activities.csv points at (e.g. activities/123.fit.gz), or undefined. */
  entryFor(fileName: string): Entry | undefined;
  /** The entry's bytes as a stream, gunzipped when its name ends in .gz (which unpacks to any size: bound it). */
  stream(entry: Entry): Promise<Readable>;
  close(): void;
}

/**
 * Original files kept at the most: one per activity, and no athlete has more activities than a CSV may hold rows. A zip
 * of more is no archive of Strava's, and each entry kept costs memory.
 */
export const MAX_ORIGINAL_FILES = MAX_ROWS;

export interface OpenZipOptions {
  /** Stops the reading of the central directory (a zip can hold millions of entries). */
  signal?: AbortSignal;
  /** Original files kept at the most (default MAX_ORIGINAL_FILES): a test's smaller one proves the refusal cheaply. */
  maxOriginalFiles?: number;
}

/** Opens the zip and reads its central directory. */
export async function openZipArchive(path: string, options: OpenZipOptions = {}): Promise<ZipArchive> {
  await checkZipSignature(path);
  let zip: ZipFile;
  try {
    const reader = await FileRangeReader.open(path);
    zip = await yauzl
      .fromRandomAccessReaderPromise(reader, reader.size, {
        lazyEntries: true,
        autoClose: false,
        strictFileNames: false,
        validateEntrySizes: true,
      })
      .catch((error: unknown) => {
        reader.close(() => undefined);
        throw error;
      });
  } catch (error) {
    throw zipError(error, path);
  }
  try {
    const entries = await listEntries(zip, options.signal, options.maxOriginalFiles ?? MAX_ORIGINAL_FILES);
    const csv = findActivitiesCsv(entries);
    if (!csv) {
      throw new ArchiveError(
        'not-strava',
        'This zip is not a Strava archive: it has no activities.csv (at its top or one folder down). Request your archive on strava.com (Settings, My Account, "Download or Delete Your Account") and import the zip Strava sends.',
      );
    }
    if (csv.uncompressedSize > MAX_ACTIVITIES_CSV_BYTES) {
      throw new ArchiveError(
        'not-strava',
        `This zip's activities.csv unpacks to ${Math.round(csv.uncompressedSize / 1024 / 1024)} MB, more than the ${MAX_ACTIVITIES_CSV_BYTES / 1024 / 1024} MB Splits reads; Strava's is a few megabytes even for decades of activities. Nothing was imported. Import the zip Strava sends as it is.`,
      );
    }
    const root = csv.fileName.slice(0, csv.fileName.length - 'activities.csv'.length);
    const profile = entries.get(`${root}profile.csv`) ?? null;
    // An oversized profile.csv names no athlete: the athlete is then chosen otherwise.
    const profileCsv = profile && profile.uncompressedSize <= MAX_PROFILE_CSV_BYTES ? profile : null;
    const hasOriginals = [...entries.keys()].some((name) => name.startsWith(`${root}activities/`));
    return {
      entries,
      activitiesCsv: csv,
      profileCsv,
      root,
      looksLikeStrava: profile !== null && hasOriginals,
      entryFor: (fileName) => entries.get(`${root}${fileName.replace(/^\.\//, '')}`),
      stream: (entry) => openStream(zip, entry),
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/**
 * The zip's bytes for yauzl: positioned reads of one open file, each entry's stream reading on its own. yauzl's own
 * reader queues the reads of every entry on one shared queue, and a stream destroyed while its read waits there (a
 * track left out past a bound, a cancel) crashes the process when its turn comes. The descriptor is closed once
 * yauzl lets go of the reader and no read is under way (a read of a closed descriptor number could reach another
 * file opened since).
 */
const openFd = promisify(openCallback);
const fstatFd = promisify(fstat);

class FileRangeReader extends yauzl.RandomAccessReader {
  private reading = 0;
  private closing: (() => void) | null = null;

  private constructor(
    private readonly fd: number,
    readonly size: number,
  ) {
    super();
  }

  /** A plain descriptor, not a FileHandle (which Node closes when it is collected): close() below closes it. */
  static async open(path: string): Promise<FileRangeReader> {
    const fd = await openFd(path, 'r');
    try {
      return new FileRangeReader(fd, (await fstatFd(fd)).size);
    } catch (error) {
      closeFd(fd, () => undefined);
      throw error;
    }
  }

  override _readStreamForRange(start: number, end: number): Readable {
    let at = start;
    const stream: Readable = new Readable({
      highWaterMark: 64 * 1024,
      read: (size) => {
        const length = Math.min(size, end - at);
        if (length <= 0) {
          stream.push(null);
          return;
        }
        const buffer = Buffer.allocUnsafe(length);
        this.reading++;
        readFd(this.fd, buffer, 0, length, at, (error, bytesRead) => {
          this.readDone();
          if (stream.destroyed) return;
          if (error) stream.destroy(error);
          else if (bytesRead === 0) stream.destroy(new Error('unexpected end of the zip file'));
          else {
            at += bytesRead;
            stream.push(buffer.subarray(0, bytesRead));
          }
        });
      },
    });
    return stream;
  }

  /** The central directory's small reads, straight from the file: a stream for each would cost more than the read. */
  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null) => void,
  ): void {
    const step = (done: number) => {
      if (done >= length) {
        callback(null);
        return;
      }
      this.reading++;
      readFd(this.fd, buffer, offset + done, length - done, position + done, (error, bytesRead) => {
        this.readDone();
        if (error) callback(error);
        else if (bytesRead === 0) callback(new Error('unexpected EOF'));
        else step(done + bytesRead);
      });
    };
    step(0);
  }

  override close(callback: (error: Error | null) => void): void {
    const close = () => closeFd(this.fd, (error) => callback(error ?? null));
    if (this.reading === 0) close();
    else this.closing = close;
  }

  private readDone(): void {
    if (--this.reading === 0 && this.closing) {
      const close = this.closing;
      this.closing = null;
      close();
    }
  }
}

/** A file that does not start as a zip is said to be one thing; a zip whose end is missing, another. */
async function checkZipSignature(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'Splits may not read it'
            : `it cannot be read (${code ?? 'error'})`;
    throw new ArchiveError('unreadable', `Splits cannot open ${path}: ${why}. Give the path of the zip Strava sent.`);
  }
  try {
    // Linux opens a folder for reading and fails only at the read: a folder is most likely the archive unpacked.
    if ((await handle.stat()).isDirectory()) {
      throw new ArchiveError(
        'unreadable',
        `${path} is a folder. Import the zip Strava sent (export_<number>.zip) as it is, not the folder it unpacks to.`,
      );
    }
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    // PK\x03\x04 starts a zip with entries; PK\x05\x06 an empty one.
    if (bytesRead < 4 || head.readUInt16BE(0) !== 0x504b || ![0x0304, 0x0506].includes(head.readUInt16BE(2))) {
      throw new ArchiveError(
        'not-zip',
        `${path} is not a zip file. Import the zip Strava sends (export_<number>.zip), as it is: not unpacked, not another file.`,
      );
    }
  } finally {
    await handle.close();
  }
}

function zipError(error: unknown, path: string): ArchiveError {
  const text = error instanceof Error ? error.message : String(error);
  if (/absolute path|invalid relative path|invalid characters in fileName/.test(text)) {
    const name = text.replace(/^[^:]*: /, '');
    return new ArchiveError(
      'unsafe-entry',
      `The archive holds an entry whose path leaves its folder ("${name}"). Strava's archives never do: Splits refuses this zip, and nothing was imported. Download the archive from Strava again.`,
    );
  }
  if (/central directory|truncated|unexpected EOF|Invalid|invalid/i.test(text)) {
    return new ArchiveError(
      'truncated',
      `${path} is damaged or cut short (${text.replace(/\.$/, '')}); the download may have stopped early. Nothing was imported. Download the archive from Strava again.`,
    );
  }
  return new ArchiveError('unreadable', `Splits cannot read ${path} as a zip (${text}). Nothing was imported.`);
}

/** activities.csv, profile.csv, or an original file, at the top or one folder down. */
const WANTED = /^([^/]+\/)?(activities\.csv|profile\.csv|activities\/[^/]+)$/;

function listEntries(
  zip: ZipFile,
  signal: AbortSignal | undefined,
  maxOriginalFiles: number,
): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    // Every entry kept counts, activities.csv and profile.csv included (the two the bound allows for).
    let originals = 0;
    zip.on('entry', (entry: Entry) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      if (WANTED.test(entry.fileName)) {
        if (++originals > maxOriginalFiles + 2) {
          reject(
            new ArchiveError(
              'not-strava',
              `This is not a Strava archive of one athlete: it holds more than ${maxOriginalFiles.toLocaleString('en-US')} activity files, more than anyone has activities. Nothing was imported. Import the zip Strava sends as it is.`,
            ),
          );
          return;
        }
        entries.set(entry.fileName, entry);
      }
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: unknown) => reject(zipError(error, 'The archive')));
    zip.readEntry();
  });
}

function findActivitiesCsv(entries: Map<string, Entry>): Entry | undefined {
  const top = entries.get('activities.csv');
  if (top) return top;
  // Unpacked and zipped again, the archive sits one folder down (export_12345/activities.csv).
  return [...entries.values()].find((e) => /^[^/]+\/activities\.csv$/.test(e.fileName));
}

async function openStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  let raw: Readable;
  try {
    raw = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw new Error(`its data cannot be read (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  if (!entry.fileName.toLowerCase().endsWith('.gz')) return raw;
  // pipeline: an error of either stream reaches the gunzip's reader, and destroying the gunzip destroys the entry's
  // stream too (which lets yauzl close the file once the import is done with it).
  const gunzip = createGunzip();
  pipeline(raw, gunzip, () => undefined);
  return gunzip;
}
