import { storedAthletes } from '../store/stored-athletes';
import type { SplitsStore } from '../store/splits-store';
import type { ArchiveRow } from './activities-csv';
import { ArchiveError } from './archive-error';

/** Below this many rows, an archive none of whose activities is stored may simply be new: no guess is made from it. */
const MIN_ROWS_TO_JUDGE = 10;

export interface AthleteChoice {
  /** The athlete asked for (--athlete, or the window's choice). */
  requested: number | undefined;
  /** The athlete profile.csv names, when it names one. */
  profileId: number | null;
  rows: readonly ArchiveRow[];
}

/**
 * Whose archive this is: the one asked for, else the one profile.csv names, else the only connected athlete. An
 * archive whose activities are stored under another athlete is refused, so that it is never merged into the wrong
 * history.
 */
export async function chooseAthlete(store: SplitsStore, choice: AthleteChoice): Promise<number> {
  const { requested, profileId, rows } = choice;
  const connected = store.accounts.list().map((a) => a.athleteId);
  const known = new Set([...connected, ...(await storedAthletes(store.dataDir))]);
  if (requested !== undefined && profileId !== null && requested !== profileId) {
    throw new ArchiveError(
      'athlete',
      `This archive is athlete ${profileId}'s (its profile.csv says so), not athlete ${requested}'s. Nothing was imported. Import it for athlete ${profileId}.`,
    );
  }
  const target = requested ?? profileId ?? (connected.length === 1 ? connected[0]! : null);
  if (target === null) {
    if (connected.length === 0)
      throw new ArchiveError(
        'athlete',
        'No Strava athlete is connected to Splits. Connect the athlete whose archive this is first (splits login), then import it: the next sync confirms what it adds.',
      );
    throw new ArchiveError(
      'athlete',
      `Several athletes are connected (${connected.join(', ')}) and the archive does not say whose it is. Say which (--athlete ID).`,
    );
  }
  if (!known.has(target)) {
    throw new ArchiveError(
      'athlete',
      `Athlete ${target} is not connected to Splits. Connect them first (splits login), then import their archive: the next sync confirms what it adds.`,
    );
  }
  const ids = new Set(rows.map((r) => r.id));
  for (const other of known) {
    if (other === target) continue;
    const activities = await store.activities(other);
    const theirs = [...ids].filter((id) => activities.get(id) !== undefined).length;
    if (theirs > 0) {
      throw new ArchiveError(
        'athlete',
        `${theirs} of this archive's ${rows.length} activities are stored as athlete ${other}'s: it is their archive, not athlete ${target}'s. Nothing was imported. Import it for athlete ${other}.`,
      );
    }
  }
  // Chosen only because they are the one connected: an archive sharing no activity with a synced history is someone else's.
  if (requested === undefined && profileId === null && rows.length >= MIN_ROWS_TO_JUDGE) {
    const activities = await store.activities(target);
    if (activities.count > 0 && ![...ids].some((id) => activities.get(id) !== undefined)) {
      throw new ArchiveError(
        'athlete',
        `None of this archive's ${rows.length} activities is among athlete ${target}'s ${activities.count} stored activities: it looks like another person's archive. Nothing was imported. If it is athlete ${target}'s, say so (--athlete ${target}).`,
      );
    }
  }
  return target;
}
