import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ArchiveError } from './archive-error';

// A Strava archive can be several gigabytes: only the central directory (names and sizes) is read up front, and each
// entry Splits needs is streamed from the file when it is needed. Nothing is extracted to disk, and entry names are
// never turned into paths: an entry is only ever looked up by the name activities.csv gives for it.

/** The largest original file read into memory (a FIT file of a 24-hour ride is a few megabytes). */
export const MAX_ORIGINAL_FILE_BYTES = 64 * 1024 * 1024;
/**
 * The largest activities.csv read. Strava's is about 2 KB a row, so 20,000 activities make some 40 MB: far more is no
 * archive of Strava's but a deflate bomb, which would stream for as long as it lasts. The size is the one the zip
 * declares, and yauzl's validateEntrySizes stops a stream that runs past it.
 */
export const MAX_ACTIVITIES_CSV_BYTES = 256 * 1024 * 1024;

export interface ZipArchive {
  /** Every file entry, by its name in the zip. */
  readonly entries: ReadonlyMap<string, Entry>;
  /** activities.csv, at the root or one folder down. */
  readonly activitiesCsv: Entry;
  /** profile.csv beside it, when there is one. */
  readonly profileCsv: Entry | null;
  /** The folder activities.csv sits in ('' or 'export_123/'): the CSV's file names are relative to it. */
  readonly root: string;
  /** Whether the zip has the rest of a Strava archive beside activities.csv: profile.csv and an activities/ folder. */
  readonly looksLikeStrava: boolean;
  /** The entry a name from activities.csv points at (e.g. activities/123.fit.gz), or undefined. */
  entryFor(fileName: string): Entry | undefined;
  /** The entry's bytes as a stream, gunzipped when its name ends in .gz. */
  stream(entry: Entry): Promise<Readable>;
  /** The entry's (gunzipped) bytes; refuses more than `maxBytes`. */
  read(entry: Entry, maxBytes?: number): Promise<Buffer>;
  close(): void;
}

export async function openZipArchive(path: string): Promise<ZipArchive> {
  await checkZipSignature(path);
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true });
  } catch (error) {
    throw zipError(error, path);
  }
  try {
    const entries = await listEntries(zip);
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
    const profileCsv = entries.get(`${root}profile.csv`) ?? null;
    const hasOriginals = [...entries.keys()].some((name) => name.startsWith(`${root}activities/`));
    return {
      entries,
      activitiesCsv: csv,
      profileCsv,
      root,
      looksLikeStrava: profileCsv !== null && hasOriginals,
      entryFor: (fileName) => entries.get(`${root}${fileName.replace(/^\.\//, '')}`),
      stream: (entry) => openStream(zip, entry),
      read: (entry, maxBytes = MAX_ORIGINAL_FILE_BYTES) => readEntry(zip, entry, maxBytes),
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** A file that does not start as a zip is said to be one thing; a zip whose end is missing, another. */
async function checkZipSignature(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'Splits may not read it' : `it cannot be read (${code ?? 'error'})`;
    throw new ArchiveError('unreadable', `Splits cannot open ${path}: ${why}. Give the path of the zip Strava sent.`);
  }
  try {
    // Linux opens a folder for reading and fails only at the read: a folder is most likely the archive unpacked.
    if ((await handle.stat()).isDirectory()) {
      throw new ArchiveError('unreadable', `${path} is a folder. Import the zip Strava sent (export_<number>.zip) as it is, not the folder it unpacks to.`);
    }
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    // PK\x03\x04 starts a zip with entries; PK\x05\x06 an empty one.
    if (bytesRead < 4 || head.readUInt16BE(0) !== 0x504b || ![0x0304, 0x0506].includes(head.readUInt16BE(2))) {
      throw new ArchiveError('not-zip', `${path} is not a zip file. Import the zip Strava sends (export_<number>.zip), as it is: not unpacked, not another file.`);
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
    return new ArchiveError('truncated', `${path} is damaged or cut short (${text.replace(/\.$/, '')}); the download may have stopped early. Nothing was imported. Download the archive from Strava again.`);
  }
  return new ArchiveError('unreadable', `Splits cannot read ${path} as a zip (${text}). Nothing was imported.`);
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
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
    throw new Error(`its data cannot be read (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (!entry.fileName.toLowerCase().endsWith('.gz')) return raw;
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}

async function readEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer> {
  const stream = await openStream(zip, entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new Error(`it is larger than ${Math.round(maxBytes / 1024 / 1024)} MB unpacked`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
