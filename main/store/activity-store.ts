import { lstat, readdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Low } from 'lowdb';
import type { DetailedActivity, SummaryActivity } from '../strava/schemas';
import { removeAbandonedTempFiles } from './abandoned-temp-files';
import { isArchiveOnly } from './archive-marks';
import { StoreFileUnreadableError, syncFolder, type AtomicJsonFile } from './atomic-json-file';
import { dropFromBestsIndex } from './best-efforts-file';
import { inTurns } from './in-turns';
import { openDocument, type ProblemReporter } from './json-document';
import { ownFolder } from './own-folder';
import { SharedStrings } from './shared-strings';
import { sameExceptSocialCounters } from './summary-changes';
import { TrackRemovals } from './track-removals';
import { trackViewFileName } from './track-view-name';
import type { WriteFence } from './write-fence';
import {
  detailFileName,
  detailFileSpec,
  parseYearFileName,
  yearFileName,
  yearFileSpec,
  yearOf,
  type DetailFile,
  type YearFile,
} from './year-files';

// Activities live in one file per athlete and year of start, details in a twin file: a page of 200 touches one or two
// years, so a sync rewrites only those, and adding one activity rewrites one year, never the whole history.

export type UpsertOutcome = 'new' | 'updated' | 'unchanged';

type ActivityDocument = Low<YearFile> | Low<DetailFile>;

/** Year files written at once by a flush. */
const WRITES_AT_ONCE = 4;
/** Year files read at once by the opening: one parsed while the next is read. */
const READS_AT_ONCE = 2;

/** One athlete's activities, all in memory, written back by year. */
export class AthleteActivities {
  private readonly byId = new Map<number, SummaryActivity>();
  /** Bumped by every change to the summaries: a query's cached order is good while it stays the same. */
  revision = 0;
  private readonly detailIds = new Set<number>();
  private readonly years = new Map<number, Low<YearFile>>();
  /**
   * The detail files held in memory: only while a detail is read or changed, until the next flush or release. The
   * tray app keeps the store open all day, and details are most of a store, while the window's lists and totals need
   * the summaries alone (issue 20, item 14).
   */
  private readonly detailYears = new Map<number, Low<DetailFile>>();
  /** The detail files being read from disk, so two readers of one year share one copy. */
  private readonly detailOpening = new Map<number, Promise<void>>();
  /** The years with a detail file on disk (or one to be written). */
  private readonly detailFileYears = new Set<number>();
  private readonly dirty = new Set<ActivityDocument>();
  /** One copy of each value the summaries repeat (time zones, devices, sports), for the store's lifetime. */
  private readonly strings = new SharedStrings();
  /** True when a file was unreadable at open: the next sync must list everything again. */
  lostData = false;
  /** Each file as this copy last read or wrote it (size and mtime), to tell whether another process wrote since. */
  private signatures = new Map<string, string>();
  /** Removed activities whose track file goes once the removal is written (the year they were filed under). */
  private readonly tracksToRemove = new Map<number, number>();
  /** The removals whose tracks are recorded on disk as still to delete (track-removals.ts), as last read or written. */
  private listedRemovals = new Set<number>();
  private readonly trackRemovals: TrackRemovals;

  private constructor(
    readonly athleteId: number,
    private readonly dir: string,
    private readonly report: ProblemReporter,
    private readonly fence: WriteFence | null,
  ) {
    this.trackRemovals = new TrackRemovals(this.tracksDir, report, fence);
  }

  static async open(
    dataDir: string,
    athleteId: number,
    report: ProblemReporter,
    fence: WriteFence | null,
  ): Promise<AthleteActivities> {
    const store = new AthleteActivities(athleteId, join(dataDir, 'activities', String(athleteId)), report, fence);
    // Folders an earlier Splits made readable by others become private. A link in place of one is set aside (never
    // followed: the sweep below would delete files of whatever folder it points to); the activities it stood for come
    // back with a full scan.
    await ownFolder(join(dataDir, 'activities'), store.noteLoss);
    await ownFolder(store.dir, store.noteLoss);
    await ownFolder(store.tracksDir, report);
    await store.load();
    store.signatures = await store.readSignatures();
    return store;
  }

  /** Whether another process wrote this athlete's files since this copy read or wrote them. */
  async changedOnDisk(): Promise<boolean> {
    const now = await this.readSignatures();
    return now.size !== this.signatures.size || [...now].some(([name, sig]) => this.signatures.get(name) !== sig);
  }

  private async readSignatures(): Promise<Map<string, string>> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
    return new Map(await Promise.all(names.map(async (n) => [n, await signature(join(this.dir, n))] as const)));
  }

  /** A problem that lost summaries: reported, and the next sync scans the whole history to restore them. */
  private readonly noteLoss: ProblemReporter = (p) => {
    this.lostData = true;
    this.report(p);
  };

  private get tracksDir(): string {
    return join(this.dir, 'tracks');
  }

  private trackFile(id: number): string {
    return join(this.tracksDir, `${id}.json.gz`);
  }

  /**
   * Tracks with their best efforts (best-efforts-file.ts), the index first: a crash in between leaves a track without
   * its entry, never an entry of no track. An index that cannot be written keeps the entries, which count for nothing
   * without their activity.
   */
  private async removeTracks(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await dropFromBestsIndex(this.tracksDir, ids, this.fence).catch(() => undefined);
    for (const id of ids) await this.removeTrack(id);
  }

  /** A track and its view (track-view-name.ts), the view first: a crash in between leaves no view without its track. */
  private async removeTrack(id: number): Promise<void> {
    await removeFile(join(this.tracksDir, trackViewFileName(id)));
    await removeFile(this.trackFile(id));
  }

  private async load(): Promise<void> {
    // The tracks are listed first, then the removals recorded, then the year files: an import writes an activity's
    // summary before its track, and a removal is recorded before the year file that makes it (and dropped from the
    // record before a year file brings the activity back), so a track listed here whose removal is recorded and whose
    // summary is not in the files read next was meant to go.
    const trackNames = await readdir(this.tracksDir).catch(() => [] as string[]);
    // Unreadable (a folder in its place): nothing is known to be meant to go, and every track is kept.
    if (trackNames.length > 0) {
      this.listedRemovals = await this.trackRemovals.read().catch((error: unknown) => {
        if (error instanceof StoreFileUnreadableError) return new Set<number>();
        throw error;
      });
    }
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await removeAbandonedTempFiles(this.dir, names);
    const files = names.flatMap((name) => {
      const file = parseYearFileName(name);
      return file ? [{ name, ...file }] : [];
    });
    // A few at a time, in the folder's order: while one file is parsed the next is read, and a large store's texts,
    // buffers and parsed objects are never all in memory at once (the open app's peak stays mapped all day).
    await inTurns(
      files.filter((f) => f.kind === 'summaries'),
      READS_AT_ONCE,
      (f) => openDocument(join(this.dir, f.name), yearFileSpec(f.year), this.noteLoss, this.fence),
      (doc, f) => {
        this.years.set(f.year, doc);
        for (const a of Object.values(doc.data.activities)) {
          this.strings.share(a);
          this.byId.set(a.id, a);
        }
      },
    );
    // A detail only counts while its summary is here and from the same year file. Only the ids are kept: each
    // detail file is let go once its ids are taken, so the opening never holds every detail at once (issue 20, item 14).
    await inTurns(
      files.filter((f) => f.kind === 'details'),
      READS_AT_ONCE,
      (f) => openDocument(join(this.dir, f.name), detailFileSpec(f.year), this.report, this.fence),
      (doc, f) => {
        this.detailFileYears.add(f.year);
        for (const d of Object.values(doc.data.details)) {
          const s = this.byId.get(d.id);
          if (s && yearOf(s) === f.year) this.detailIds.add(d.id);
        }
      },
    );
    await this.sweepTracks(trackNames);
  }

  /**
   * Removes the tracks whose removal was recorded and written, but not their own deletion (a crash in between), and
   * temp files of track writes killed before their rename. Never a track merely because its summary is missing: a
   * year file set aside takes summaries whose tracks nothing could bring back (see track-removals.ts). Not while a
   * year file was lost, either: which removals it held is not known. The record itself is settled by the next flush
   * (a reader, which holds no lock, leaves it as it is).
   */
  private async sweepTracks(trackNames: readonly string[]): Promise<void> {
    if (trackNames.length === 0) return;
    await removeAbandonedTempFiles(this.tracksDir, trackNames);
    if (this.lostData) return;
    const present = new Set(trackNames);
    await this.removeTracks(
      [...this.listedRemovals].filter((id) => !this.byId.has(id) && present.has(`${id}.json.gz`)),
    );
  }

  /**
   * Of these activities, those removed whose track is still on disk: what the record must list. One listing of the
   * tracks folder, and only when something was removed.
   */
  private async removedWithTrack(ids: Iterable<number>): Promise<Set<number>> {
    const candidates = [...ids].filter((id) => !this.byId.has(id));
    if (candidates.length === 0) return new Set();
    const names = new Set(await readdir(this.tracksDir).catch(() => [] as string[]));
    return new Set(candidates.filter((id) => names.has(`${id}.json.gz`)));
  }

  /**
   * Writes the record of removals when it changed: before the year files (an activity removed since, or back again),
   * and after the tracks are deleted (emptied). A record that cannot be written is not a reason to keep the year files
   * from being written: without it, a crash before a track's deletion leaves the track, never deletes another.
   */
  private async recordRemovals(ids: Iterable<number>): Promise<void> {
    const listed = await this.removedWithTrack(ids);
    if (listed.size === this.listedRemovals.size && [...listed].every((id) => this.listedRemovals.has(id))) return;
    try {
      await this.trackRemovals.write(listed);
      this.listedRemovals = listed;
    } catch {
      // Left as it was on disk; the next flush tries again.
    }
  }

  get count(): number {
    return this.byId.size;
  }

  get(id: number): SummaryActivity | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<SummaryActivity> {
    return this.byId.values();
  }

  ids(): number[] {
    return [...this.byId.keys()];
  }

  /**
   * Latest start_date stored, epoch seconds; null when empty. Starts after `notAfterEpochSeconds` (a date in the
   * future, which Strava should never send) are ignored, so one bad date cannot push the incremental `after` past
   * every new upload.
   */
  newestStart(notAfterEpochSeconds = Number.POSITIVE_INFINITY): number | null {
    let newest: number | null = null;
    for (const a of this.byId.values()) {
      const t = Date.parse(a.start_date) / 1000;
      if (t <= notAfterEpochSeconds && (newest === null || t > newest)) newest = t;
    }
    return newest;
  }

  hasDetail(id: number): boolean {
    return this.detailIds.has(id);
  }

  async detail(id: number): Promise<DetailedActivity | undefined> {
    const s = this.byId.get(id);
    if (!s || !this.detailIds.has(id)) return undefined;
    return (await this.heldDetailDoc(yearOf(s))).data.details[String(id)];
  }

  /** How many detail files are held in memory (what releaseDetails lets go). */
  get heldDetailFiles(): number {
    return this.detailYears.size;
  }

  /** Lets go of the detail files with no change waiting to be written: they are read again when a detail is asked for. */
  releaseDetails(): void {
    for (const [year, doc] of this.detailYears) if (!this.dirty.has(doc)) this.detailYears.delete(year);
  }

  /**
   * Stores Strava's object as received. A change the detail depends on drops the detail, so the backfill fetches it
   * afresh; a change of social counters alone (a new kudo) keeps it, since re-fetching it would cost a read each.
   */
  async upsert(activity: SummaryActivity): Promise<UpsertOutcome> {
    for (;;) {
      const outcome = this.upsertHeld(activity);
      if (outcome !== null) return outcome;
      await this.holdFilesFor(activity);
    }
  }

  /**
   * Stores a page of summaries, in order: what upsert does for each, without a wait for each, telling `stored` of each
   * as it is stored (a failure part way leaves those before it stored, and told). Only a record whose files are not
   * in memory yet waits for them to be read.
   *
   * A first sync stores 200 records a page. Awaited one by one, they made the listing's loop resume 2,000 times a sync
   * of 2,000, and V8 compiled that long function again and again as it warmed (15 to 45 ms of compiling a sync, on a
   * core the network and the disk also need: issue 20, item 12). This loop is small, and compiled once.
   */
  async upsertAll(
    activities: readonly SummaryActivity[],
    stored: (activity: SummaryActivity, outcome: UpsertOutcome) => void,
  ): Promise<void> {
    for (let i = 0; i < activities.length; i++) {
      const activity = activities[i]!;
      stored(activity, this.upsertHeld(activity) ?? (await this.upsert(activity)));
    }
  }

  /** upsert, when the files it changes are in memory; null (and nothing changed) when one must be read first. */
  private upsertHeld(activity: SummaryActivity): UpsertOutcome | null {
    const old = this.byId.get(activity.id);
    if (old && isDeepStrictEqual(old, activity)) return 'unchanged';
    const doc = this.years.get(yearOf(activity));
    if (!doc) return null;
    const drops = old !== undefined && dropsDetail(old, activity);
    // Its detail may be in the year's detail file: that file must be in memory to drop it from.
    const inFile = drops && this.detailFileYears.has(yearOf(old));
    const details = inFile ? this.detailYears.get(yearOf(old)) : undefined;
    if (inFile && !details) return null;
    if (drops) this.dropHeldDetail(old, details);
    if (old && yearOf(old) !== yearOf(activity)) this.dropSummary(old);
    this.strings.share(activity);
    doc.data.activities[String(activity.id)] = activity;
    this.byId.set(activity.id, activity);
    this.dirty.add(doc);
    this.revision++;
    return old ? 'updated' : 'new';
  }

  /**
   * Reads what upsertHeld needs of `activity`: its year's file, and the detail file a change may drop a detail from,
   * held (keepHeld: a release while it was read lets go of it).
   */
  private async holdFilesFor(activity: SummaryActivity): Promise<void> {
    await this.yearDoc(yearOf(activity));
    const old = this.byId.get(activity.id);
    if (!old || !dropsDetail(old, activity) || !this.detailFileYears.has(yearOf(old))) return;
    const details = await this.heldDetailDoc(yearOf(old));
    this.keepHeld(yearOf(old), details);
  }

  async setDetail(detail: DetailedActivity): Promise<void> {
    const s = this.byId.get(detail.id);
    if (!s) return;
    const doc = await this.heldDetailDoc(yearOf(s));
    this.keepHeld(yearOf(s), doc);
    doc.data.details[String(detail.id)] = detail;
    this.detailIds.add(detail.id);
    this.dirty.add(doc);
  }

  async remove(id: number): Promise<boolean> {
    const s = this.byId.get(id);
    if (!s) return false;
    this.dropSummary(s);
    this.byId.delete(id);
    this.tracksToRemove.set(id, yearOf(s));
    this.revision++;
    await this.dropDetail(s);
    return true;
  }

  private dropSummary(s: SummaryActivity): void {
    const doc = this.years.get(yearOf(s));
    if (doc && String(s.id) in doc.data.activities) {
      delete doc.data.activities[String(s.id)];
      this.dirty.add(doc);
    }
  }

  private async dropDetail(s: SummaryActivity): Promise<void> {
    // Read when not held: a detail on disk whose summary moved (not counted in detailIds) goes too, as it always has.
    const details = this.detailFileYears.has(yearOf(s)) ? await this.heldDetailDoc(yearOf(s)) : undefined;
    if (details) this.keepHeld(yearOf(s), details);
    this.dropHeldDetail(s, details);
  }

  /** Drops the detail of `s` from its year's detail file, held (undefined: that year has no detail file). */
  private dropHeldDetail(s: SummaryActivity, details: Low<DetailFile> | undefined): void {
    if (details && String(s.id) in details.data.details) {
      delete details.data.details[String(s.id)];
      this.dirty.add(details);
    }
    this.detailIds.delete(s.id);
  }

  /**
   * Writes the year files that changed since the last flush, and only those. Returns how many were written. A file
   * whose write failed stays to be written, and the first failure is thrown once the others are done. The files of
   * the years in `keepOpen` are left for a later flush.
   */
  async flush(keepOpen?: ReadonlySet<number>): Promise<number> {
    // Years a listing is still filling are written later, once (see PageCommitter): not after every page.
    const open = new Set<ActivityDocument>();
    for (const year of keepOpen ?? []) {
      const summaries = this.years.get(year);
      const details = this.detailYears.get(year);
      if (summaries) open.add(summaries);
      if (details) open.add(details);
    }
    const docs = [...this.dirty].filter((d) => !open.has(d));
    // Cleared before writing: a change made while the writes run marks its file again, for the next flush.
    for (const d of docs) this.dirty.delete(d);
    // The tracks of removed activities are recorded as meant to go before any year file drops them.
    await this.recordRemovals([...this.listedRemovals, ...this.tracksToRemove.keys()]);
    // One flush of the folder for all the renames, not one each; before anything that counts on them is written.
    // A few at a time: each write holds its file's JSON until it is on disk, and all of a large store's years at once
    // (an archive of 200,000 activities) would hold the store twice over. The next file starts as soon as any one is
    // on disk, not once a whole round is: a round waited for its slowest fsync, twice at the end of a first sync of
    // 2,000 (issue 20, item 12).
    const results: Array<PromiseSettledResult<void>> = new Array(docs.length);
    let next = 0;
    const writer = async () => {
      while (next < docs.length) {
        const i = next++;
        const d = docs[i]!;
        results[i] = await (d.adapter as AtomicJsonFile<unknown>).write(d.data, { syncFolder: false }).then(
          (value) => ({ status: 'fulfilled', value }),
          (reason: unknown) => ({ status: 'rejected', reason }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITES_AT_ONCE, docs.length) }, writer));
    if (results.some((r) => r.status === 'fulfilled')) await syncFolder(this.dir);
    let failure: unknown = null;
    for (const [i, result] of results.entries()) {
      const adapter = docs[i]!.adapter as AtomicJsonFile<unknown>;
      if (result.status === 'rejected') {
        this.dirty.add(docs[i]!);
        failure ??= result.reason;
      } else if (adapter.lastWritten) {
        // The adapter knows what it wrote: no stat of the file.
        this.signatures.set(basename(adapter.path), `${adapter.lastWritten.size}:${adapter.lastWritten.mtimeMs}`);
      }
    }
    await this.removeWrittenTracks();
    await this.recordRemovals(this.listedRemovals);
    // Written: what is left of the details is on disk, and read from there when asked for.
    this.releaseDetails();
    if (failure !== null) throw failure;
    return docs.length;
  }

  /**
   * Deletes the tracks of removed activities whose removal is on disk (their year file written): a track never
   * outlives its activity, and a crash before this leaves it to the sweep at the next open (its removal is recorded).
   * An activity stored again since keeps its track.
   */
  private async removeWrittenTracks(): Promise<void> {
    const going: number[] = [];
    for (const [id, year] of this.tracksToRemove) {
      if (this.byId.has(id)) {
        this.tracksToRemove.delete(id);
        continue;
      }
      const doc = this.years.get(year);
      if (doc && this.dirty.has(doc)) continue;
      this.tracksToRemove.delete(id);
      going.push(id);
    }
    await this.removeTracks(going);
  }

  private async yearDoc(year: number): Promise<Low<YearFile>> {
    let doc = this.years.get(year);
    if (!doc) {
      doc = await openDocument(join(this.dir, yearFileName(year)), yearFileSpec(year), this.report, this.fence);
      this.years.set(year, doc);
    }
    return doc;
  }

  /**
   * The year's detail file, held. A caller that changes it calls keepHeld first: a release that came between this
   * answer and the caller (microtasks: no other read of the file can end meanwhile) let go of it.
   */
  private async heldDetailDoc(year: number): Promise<Low<DetailFile>> {
    for (;;) {
      const held = this.detailYears.get(year);
      if (held) return held;
      let opening = this.detailOpening.get(year);
      if (!opening) {
        opening = openDocument(join(this.dir, detailFileName(year)), detailFileSpec(year), this.report, this.fence)
          .then((doc) => {
            if (!this.detailYears.has(year)) this.detailYears.set(year, doc);
            this.detailFileYears.add(year);
          })
          .finally(() => this.detailOpening.delete(year));
        this.detailOpening.set(year, opening);
      }
      await opening;
    }
  }

  /** Holds `doc` again before it is changed, so the change is never made to a copy the store no longer holds. */
  private keepHeld(year: number, doc: Low<DetailFile>): void {
    if (!this.detailYears.has(year)) this.detailYears.set(year, doc);
  }
}

/**
 * Whether storing `next` over `old` drops its detail: a change the detail depends on. Strava's summary confirming an
 * activity known only from an archive keeps the archive's detail (description, calories, gear): fetching it again
 * would spend a read on what is already here.
 */
function dropsDetail(old: SummaryActivity, next: SummaryActivity): boolean {
  const confirmsArchive = isArchiveOnly(old) && !isArchiveOnly(next) && yearOf(old) === yearOf(next);
  return !confirmsArchive && !sameExceptSocialCounters(old, next);
}

/** Deletes a file that may already be gone. One that cannot be deleted now is left to the sweep at the next open. */
async function removeFile(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

/** The entry's own size and mtime: a link set aside is not followed, so another application's writes are not ours. */
async function signature(path: string): Promise<string> {
  const s = await lstat(path).catch(() => null);
  return s ? `${s.size}:${s.mtimeMs}` : 'missing';
}
