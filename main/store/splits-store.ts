import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RateLimiterPersistence } from '../strava/rate-limiter';
import { AccountStore } from './account-store';
import { AthleteActivities } from './activity-store';
import { queryActivities, type ActivityPage, type ActivityQuery } from './activity-query';
import { HistoryStore } from './history-store';
import type { StoreProblem } from './json-document';
import { openLimiterState } from './limiter-state-store';
import { SyncStateStore } from './sync-state-store';

/** Everything Splits keeps in one data folder. Problems met while opening are kept for the person to see. */
export class SplitsStore {
  readonly problems: StoreProblem[] = [];
  private readonly athletes = new Map<number, Promise<AthleteActivities>>();

  private constructor(
    readonly dataDir: string,
    readonly accounts: AccountStore,
    readonly syncState: SyncStateStore,
    readonly history: HistoryStore,
    readonly limiterState: RateLimiterPersistence,
  ) {}

  static async open(dataDir: string): Promise<SplitsStore> {
    // Personal data: the folder is the owner's alone.
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const problems: StoreProblem[] = [];
    const report = (p: StoreProblem) => problems.push(p);
    const store = new SplitsStore(
      dataDir,
      await AccountStore.open(dataDir, report),
      await SyncStateStore.open(dataDir, report),
      await HistoryStore.open(dataDir, report),
      await openLimiterState(dataDir, report),
    );
    store.problems.push(...problems);
    return store;
  }

  /** One athlete's activities, loaded once. An unreadable year file marks the athlete for a full scan. */
  activities(athleteId: number): Promise<AthleteActivities> {
    let loading = this.athletes.get(athleteId);
    if (!loading) {
      loading = AthleteActivities.open(this.dataDir, athleteId, (p) => this.problems.push(p)).then(async (activities) => {
        if (activities.lostData) await this.syncState.update(athleteId, (s) => (s.lastFullScanAt = null));
        return activities;
      });
      this.athletes.set(athleteId, loading);
    }
    return loading;
  }

  async query(query: ActivityQuery): Promise<ActivityPage> {
    const sources = await Promise.all(this.accounts.list().map((a) => this.activities(a.athleteId)));
    return queryActivities(sources, query);
  }

  async deleteActivities(athleteId: number): Promise<void> {
    this.athletes.delete(athleteId);
    await rm(join(this.dataDir, 'activities', String(athleteId)), { recursive: true, force: true });
    await this.syncState.forget(athleteId);
  }
}
