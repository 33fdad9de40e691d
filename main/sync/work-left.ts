import type { AthleteSyncState } from '../store/sync-state-store';
import type { SplitsStore } from '../store/splits-store';
import { missingDetails } from './detail-backfill';
import { missingTracks, storedTrackIds, trackUnavailableOf } from './track-backfill';

/** What the store says is left to sync for one athlete: an athlete with none of it is up to date. */
export interface AthleteWorkLeft {
  athleteId: number;
  /** An unfinished full scan: the next page to list, and about how many pages it has in all (null: unknown). */
  fullScan: { page: number; ofAbout: number | null } | null;
  /** The full scan is due (never done, or the last one is older than its interval) and has not begun. */
  scanDue: boolean;
  /** Stored activities whose detail is still to fetch. */
  detailsLeft: number;
  /** Stored activities whose track (their streams) is still to fetch; 0 while tracks are not fetched. */
  tracksLeft: number;
  /** Activities Strava no longer lists that it has not yet been asked about: deletions still to confirm. */
  deletionsToConfirm: number;
}

/** Whether an athlete's full scan is due: the one rule the engine runs by and the status tells. */
export function fullScanDue(state: AthleteSyncState, now: number, everyMs: number): boolean {
  return state.lastFullScanAt === null || now - state.lastFullScanAt >= everyMs;
}

/**
 * Every connected athlete's work left, read from the store (the scan's cursor, its schedule, the details and tracks
 * still missing; `tracks` false when they are not fetched). An athlete who must log in again is left out: nothing can be done for them until they do, and the
 * attention list says so.
 */
export async function workLeft(
  store: SplitsStore,
  now: number,
  fullScanEveryMs: number,
  tracks: boolean,
): Promise<AthleteWorkLeft[]> {
  const left: AthleteWorkLeft[] = [];
  for (const account of store.accounts.list()) {
    if (account.state === 'needs-login') continue;
    const state = store.syncState.get(account.athleteId);
    const activities = await store.activities(account.athleteId);
    const readAll = account.scope.split(/[ ,]+/).includes('activity:read_all');
    const scan = state.fullScan;
    left.push({
      athleteId: account.athleteId,
      fullScan: scan && {
        page: scan.nextPage,
        ofAbout:
          scan.storedAtStart === null ? null : Math.max(scan.nextPage, Math.ceil(scan.storedAtStart / scan.perPage)),
      },
      scanDue: scan === null && fullScanDue(state, now, fullScanEveryMs),
      detailsLeft: missingDetails(activities, new Set(state.detailUnavailable), readAll).length,
      tracksLeft: tracks
        ? missingTracks(
            activities,
            await storedTrackIds(store.dataDir, account.athleteId),
            trackUnavailableOf(store.syncState, account.athleteId),
            readAll,
          ).length
        : 0,
      deletionsToConfirm: (state.unconfirmed ?? []).filter((id) => activities.get(id) !== undefined).length,
    });
  }
  return left;
}

/** Whether anything at all is left for the athlete. */
export const hasWork = (w: AthleteWorkLeft): boolean =>
  w.fullScan !== null || w.scanDue || w.detailsLeft > 0 || w.tracksLeft > 0 || w.deletionsToConfirm > 0;
