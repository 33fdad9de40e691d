import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RateLimiterPersistence } from '../strava/rate-limit-state';
import { AccountStore } from './account-store';
import { AthleteActivities } from './activity-store';
import { activityTotals, type ActivityTotals, type TotalsQuery } from './activity-totals';
import type { ActivityQuery } from '../../common/activity-query';
import { queryActivities, type ActivityPage } from './activity-query';
import { HistoryStore } from './history-store';
import type { StoreProblem } from './json-document';
import { openLimiterState } from './limiter-state-store';
import { removeAbandonedTempFiles } from './abandoned-temp-files';
import { openDataFolder } from './data-folder';
import { ownFolder } from './own-folder';
import { ScanSeenLog } from './scan-seen-log';
import { SeenMarks, type SeenMark } from './seen-marks';
import { storedAthletes } from './stored-athletes';
import { SyncStateStore } from './sync-state-store';
import { WriteFence } from './write-fence';

/**
 * Everything Splits keeps in one data folder. Problems met while opening are kept for the person to see.
 *
 * Documents are held in memory between writes. Another process (the CLI beside the desktop app) may write the folder
 * meanwhile, so whoever takes the sync lock calls refresh() first: it never writes from a stale copy.
 */
export class SplitsStore {
  readonly problems: StoreProblem[] = [];
  private readonly athletes = new Map<number, Promise<AthleteActivities>>();
  private seen: Promise<SeenMarks> | null = null;
  private docs!: {
    accounts: AccountStore;
    syncState: SyncStateStore;
    history: HistoryStore;
    limiter: RateLimiterPersistence;
  };
  /** Stable for the rate limiter, which keeps it; reads and writes the current document. */
  readonly limiterState: RateLimiterPersistence = {
    load: () => this.docs.limiter.load(),
    save: (state) => this.docs.limiter.save(state),
    loadFresh: () => this.docs.limiter.loadFresh?.() ?? Promise.resolve(null),
  };

  /** Closed while a hold on the folder (DataLock.hold) has lost its lock: every file written here but the shared ones checks it. */
  readonly fence: WriteFence;

  private constructor(readonly dataDir: string) {
    this.fence = new WriteFence(dataDir);
  }

  static async open(dataDir: string): Promise<SplitsStore> {
    // Made private, or refused when other users can write into it (DataFolderUnsafeError), before anything is written.
    await openDataFolder(dataDir);
    // What writes killed before their rename left behind (each athlete's folder is cleaned when it is loaded).
    await removeAbandonedTempFiles(dataDir, await readdir(dataDir));
    const store = new SplitsStore(dataDir);
    const report = (p: StoreProblem) => store.problems.push(p);
    // Splits' own folders: private, and never a link (set aside, what it points to untouched).
    const activitiesLinkSetAside = await ownFolder(join(dataDir, 'activities'), report);
    await ownFolder(join(dataDir, 'scan'), report);
    await store.refresh();
    // Every athlete's activities went with the link: each one's next sync scans the whole history, which restores them.
    if (activitiesLinkSetAside)
      for (const a of store.accounts.list())
        await store.syncState.update(a.athleteId, (s) => (s.lastFullScanAt = null));
    return store;
  }

  get accounts(): AccountStore {
    return this.docs.accounts;
  }

  get syncState(): SyncStateStore {
    return this.docs.syncState;
  }

  get history(): HistoryStore {
    return this.docs.history;
  }

  /**
   * Reads the small documents from disk again, and forgets an athlete's loaded activities when another process has
   * written them since (reloading 20,000 activities costs far more than checking their files).
   */
  async refresh(): Promise<void> {
    const report = (p: StoreProblem) => this.problems.push(p);
    // The accounts are read again in place, not replaced: a login saving an account on this object meanwhile would
    // otherwise land on a copy nobody reads any more.
    const accounts = this.docs?.accounts;
    if (accounts) await accounts.reload();
    this.docs = {
      accounts: accounts ?? (await AccountStore.open(this.dataDir, report)),
      syncState: await SyncStateStore.open(this.dataDir, report, this.fence),
      history: await HistoryStore.open(this.dataDir, report, this.fence),
      limiter: await openLimiterState(this.dataDir, report),
    };
    for (const [athleteId, loading] of this.athletes) {
      const activities = await loading.catch(() => null);
      if (!activities || (await activities.changedOnDisk())) this.athletes.delete(athleteId);
    }
  }

  /** One athlete's activities, loaded once. An unreadable year file marks the athlete for a full scan. */
  activities(athleteId: number): Promise<AthleteActivities> {
    let loading = this.athletes.get(athleteId);
    if (!loading) {
      loading = AthleteActivities.open(this.dataDir, athleteId, (p) => this.problems.push(p), this.fence).then(
        async (activities) => {
          if (activities.lostData) await this.syncState.update(athleteId, (s) => (s.lastFullScanAt = null));
          return activities;
        },
      );
      this.athletes.set(athleteId, loading);
    }
    return loading;
  }

  /**
   * Every athlete whose activities are here: the connected ones, and those disconnected whose activities were kept
   * (a disconnect keeps them unless asked): what is stored stays browsable, counted and charted.
   */
  async athleteIds(): Promise<number[]> {
    return [
      ...new Set([...this.accounts.list().map((a) => a.athleteId), ...(await storedAthletes(this.dataDir))]),
    ].sort((a, b) => a - b);
  }

  /** The athletes whose activities were kept after a disconnect, with the name they had then (null: kept before names were). */
  async keptAthletes(): Promise<Array<{ athleteId: number; name: string | null }>> {
    const connected = new Set(this.accounts.list().map((a) => a.athleteId));
    return (await this.athleteIds())
      .filter((id) => !connected.has(id))
      .map((athleteId) => ({ athleteId, name: this.syncState.keptName(athleteId) }));
  }

  private async allActivities(athleteId?: number): Promise<AthleteActivities[]> {
    const ids = (await this.athleteIds()).filter((id) => athleteId === undefined || id === athleteId);
    return Promise.all(ids.map((id) => this.activities(id)));
  }

  async query(query: ActivityQuery): Promise<ActivityPage> {
    return queryActivities(await this.allActivities(), query);
  }

  async totals(query: TotalsQuery = {}): Promise<ActivityTotals> {
    return activityTotals(await this.allActivities(), query);
  }

  /**
   * What is stored now of the athletes shown (one, or every athlete when left out) counts as seen by the person
   * (seen-marks.ts); the others' new activities stay new. Answers the marks as they were.
   */
  async markSeen(athleteId?: number): Promise<SeenMark[]> {
    const sources = await this.allActivities(athleteId);
    this.seen ??= this.openSeen();
    return (await this.seen).markSeen(sources);
  }

  /** seen.json, opened once; a failed opening (a disk error, a folder in its place) is forgotten, so the next look tries again. */
  private openSeen(): Promise<SeenMarks> {
    const opening = SeenMarks.open(this.dataDir, (p) => this.problems.push(p));
    opening.catch(() => {
      if (this.seen === opening) this.seen = null;
    });
    return opening;
  }

  /** The ids the athlete's full scan under way has listed (scan-seen-log.ts). */
  scanSeenLog(athleteId: number): ScanSeenLog {
    return ScanSeenLog.for(this.dataDir, athleteId, this.fence);
  }

  async deleteActivities(athleteId: number): Promise<void> {
    this.athletes.delete(athleteId);
    await rm(join(this.dataDir, 'activities', String(athleteId)), { recursive: true, force: true });
    // A scan under way keeps the ids it listed beside the activities: they go too.
    await this.scanSeenLog(athleteId).clear();
    await this.syncState.forget(athleteId);
  }
}
