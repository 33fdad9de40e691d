/**
 * What the holder of the data folder's lock is doing. It is written into `sync.lock/owner.json`, so that whoever
 * finds the folder busy can say what holds it (an archive import is not a sync, and waiting for it is not waiting
 * for a sync).
 */
export const LOCK_PURPOSES = ['sync', 'import', 'logout', 'forget'] as const;
export type LockPurpose = (typeof LOCK_PURPOSES)[number];

const DOING: Record<LockPurpose, (place: string) => string> = {
  sync: (place) => `is syncing ${place}`,
  import: (place) => `is importing a Strava archive into ${place}`,
  logout: (place) => `is logging an athlete out of ${place}`,
  forget: (place) => `is deleting an athlete's activities from ${place}`,
};

/**
 * What the holder is doing, said of `place` ("this data folder", "your data"). A holder that named no task (an
 * earlier Splits, or one whose owner file could not be read) is only said to use it.
 */
export function holderDoing(purpose: LockPurpose | null, place: string): string {
  return purpose === null ? `is using ${place}` : DOING[purpose](place);
}

/** A purpose read from an owner file: one of ours, or null (a file from elsewhere never reaches a message). */
export function asLockPurpose(value: unknown): LockPurpose | null {
  return (LOCK_PURPOSES as readonly unknown[]).includes(value) ? (value as LockPurpose) : null;
}
