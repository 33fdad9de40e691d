import { link, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { tempFileNameFor } from './abandoned-temp-files';
import { AtomicJsonFile } from './atomic-json-file';
import { openNoFollow } from './no-follow';
import { PRIVATE_FILE_MODE } from './private-files';
import type { WriteFence } from './write-fence';

// An athlete's best efforts, track by track, in one small file beside the tracks (`tracks/.best-efforts.json`), so
// that the statistics never open a track: main/archive/best-efforts-index.ts keeps it as tracks are stored, and the
// store (activity-store.ts) as activities are removed or change sport or day. It is a copy the track views can always
// give again: missing, damaged or of other distances, it is made again from them, never an error for the person.

const FILE_NAME = '.best-efforts.json';

const seconds = z.number().finite().min(0).nullable();

export const bestsEntrySchema = z.object({
  /** The activity's local date (YYYY-MM-DD) and Strava's sport_type, from its summary. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sport: z.string(),
  /** The size of the track file the bests were worked out from: a track written again since is told by it. */
  trackBytes: z.number().int().min(0),
  /** The fastest seconds over each of the file's `metres`; null where the track does not cover it. */
  seconds: z.array(seconds),
  /** The best mean watts over each of the file's `powerSeconds`; null where the track has no power or is shorter. */
  watts: z.array(seconds),
});
export type BestsEntry = z.infer<typeof bestsEntrySchema>;

const envelopeSchema = z.object({
  version: z.literal(1),
  /** What the entries' columns are of: a file of other distances or durations is made again. */
  metres: z.array(z.number().positive()),
  powerSeconds: z.array(z.number().int().positive()),
  /**
   * True from before a writer stores its first track until its entries are written: a file still pending when no
   * writer is at work was left by one that stopped (a crash), and the tracks it wrote are not all in it.
   */
  pending: z.boolean(),
});
/** The envelope and, by activity id, each track's entry. */
export type BestsIndexFile = z.infer<typeof envelopeSchema> & { entries: Record<string, BestsEntry> };

export const bestsIndexPath = (tracksDir: string): string => join(tracksDir, FILE_NAME);

/** One change at a time per file in this process: the store's and a writer's read, change and write never interleave. */
const queues = new Map<string, Promise<unknown>>();

export function exclusively<T>(tracksDir: string, work: () => Promise<T>): Promise<T> {
  const path = bestsIndexPath(tracksDir);
  const next = (queues.get(path) ?? Promise.resolve()).then(work, work);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(path, settled);
  void settled.then(() => queues.get(path) === settled && queues.delete(path));
  return next;
}

/** The index as read: usable, missing, or there but unusable (to be made again). */
export type BestsIndexRead = { file: BestsIndexFile } | { file: null; present: boolean };

/**
 * The index as stored. Unusable: not JSON, not of this shape, a link (never followed), or of other distances or
 * durations than `columns`; the caller makes it again from the track views.
 */
export async function readBestsIndex(
  tracksDir: string,
  /** The distances and durations the caller counts in; null takes the file's as they are. */
  columns: Pick<BestsIndexFile, 'metres' | 'powerSeconds'> | null,
): Promise<BestsIndexRead> {
  let text: string | null;
  try {
    text = await new AtomicJsonFile<BestsIndexFile>(bestsIndexPath(tracksDir), null).readText();
  } catch {
    return { file: null, present: true };
  }
  if (text === null) return { file: null, present: false };
  let file: BestsIndexFile;
  try {
    file = checkedIndex(JSON.parse(text));
  } catch {
    return { file: null, present: true };
  }
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  if (columns && !(same(file.metres, columns.metres) && same(file.powerSeconds, columns.powerSeconds)))
    return { file: null, present: true };
  return { file };
}

/**
 * The read-side check: the envelope's schema and bestsEntrySchema's rules (which the types hold every write to), with
 * each entry's columns as long as the file's, in one loop. Zod's check of 100,000 entries takes a second; this, a few tens of milliseconds.
 */
function checkedIndex(value: unknown): BestsIndexFile {
  const envelope = envelopeSchema.parse(value);
  const entries = (value as { entries?: unknown }).entries;
  if (!entries || typeof entries !== 'object' || Array.isArray(entries)) throw new Error('no entries');
  const column = (values: unknown, length: number) =>
    Array.isArray(values) &&
    values.length === length &&
    values.every((v) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0));
  for (const [id, entry] of Object.entries(entries as Record<string, unknown>)) {
    const e = entry as Partial<Record<keyof BestsEntry, unknown>> | null;
    if (
      !/^\d+$/.test(id) ||
      !e ||
      typeof e !== 'object' ||
      typeof e.date !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(e.date) ||
      typeof e.sport !== 'string' ||
      !Number.isSafeInteger(e.trackBytes) ||
      (e.trackBytes as number) < 0 ||
      !column(e.seconds, envelope.metres.length) ||
      !column(e.watts, envelope.powerSeconds.length)
    )
      throw new Error(`entry ${id} is not one`);
  }
  return { ...envelope, entries: entries as BestsIndexFile['entries'] };
}

/** Writes the index whole (a temp file, flushed, renamed), private from its first byte, under the folder's fence. */
export async function writeBestsIndex(
  tracksDir: string,
  file: BestsIndexFile,
  fence: WriteFence | null,
): Promise<void> {
  await new AtomicJsonFile<BestsIndexFile>(bestsIndexPath(tracksDir), fence).write(file);
}

/** Deletes an unusable index, so that createBestsIndex can put a new one in its place: it is a copy, nothing is lost. */
export async function dropBestsIndex(tracksDir: string): Promise<void> {
  await unlink(bestsIndexPath(tracksDir)).catch(() => undefined);
}

/**
 * Writes the index only where there is none: for a reader, which holds no lock and must never write over the file of
 * a writer at work (one that began while the reader made its copy has its own there already). False when one was there.
 */
export async function createBestsIndex(tracksDir: string, file: BestsIndexFile): Promise<boolean> {
  const path = bestsIndexPath(tracksDir);
  const tmp = join(tracksDir, tempFileNameFor(FILE_NAME));
  const handle = await openNoFollow(tmp, 'create', PRIVATE_FILE_MODE);
  try {
    try {
      await handle.writeFile(JSON.stringify(file));
      await handle.sync();
    } finally {
      await handle.close();
    }
    // link, unlike rename, refuses a name that is taken: the index appears whole, or not at all.
    await link(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/**
 * Drops removed activities from the index, before their tracks go (a crash in between leaves a track without an
 * entry, which is the truth once the sweep deletes it, never an entry without its track). Nothing is written when the
 * index is missing or unusable (it is made again whole, from the tracks then there) or holds none of them.
 */
export async function dropFromBestsIndex(
  tracksDir: string,
  removed: readonly number[],
  fence: WriteFence | null,
): Promise<void> {
  if (removed.length === 0) return;
  await exclusively(tracksDir, async () => {
    const { file } = await readBestsIndex(tracksDir, null);
    if (!file) return;
    const held = removed.filter((id) => String(id) in file.entries);
    if (held.length === 0) return;
    for (const id of held) delete file.entries[String(id)];
    await writeBestsIndex(tracksDir, file, fence);
  });
}
