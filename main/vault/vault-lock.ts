import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { PRIVATE_FOLDER_MODE } from '../store/private-files';
import { StravaError } from '../strava/errors';

export const VAULT_LOCK = 'vault.lock';

/**
 * How long a refresh may wait for another process's: longer than one token request can take (its 30 s time-out, never
 * retried) plus the lock's staleness, after which a crashed holder's lock is taken over.
 */
const LOCK_STALE_MS = 10_000;
const LOCK_RETRIES = { retries: 120, factor: 1.3, minTimeout: 25, maxTimeout: 500, randomize: true };

/**
 * One refresh (or one move of secrets between vaults) at a time across the processes on a data folder: a lock in the
 * folder (`vault.lock`, proper-lockfile: atomic mkdir, mtime kept fresh, stale by age), the same whichever vault holds
 * the secrets, so two processes never spend the same refresh token.
 */
export async function whileVaultLocked<T>(dataDir: string, task: () => Promise<T>): Promise<T> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  let release: () => Promise<void>;
  try {
    // Keyed on a path of its own: proper-lockfile keeps one lock per key in a process, and the token file's change
    // lock (`cli-tokens.json.write`) is taken inside this one.
    release = await lock(join(dataDir, 'vault'), {
      realpath: false,
      lockfilePath: join(dataDir, VAULT_LOCK),
      stale: LOCK_STALE_MS,
      retries: LOCK_RETRIES,
      // Losing the lock mid-refresh is survivable: a refresh Strava then rejects re-reads the vault before anyone
      // is asked to log in. The default would throw from a timer and end the process.
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new StravaError(
      'unreachable',
      'Another Splits process has been renewing the Strava sign-in for over a minute. Splits tries again at the next sync.',
      {
        reason: 'token-lock-busy',
      },
    );
  }
  try {
    return await task();
  } finally {
    await release().catch(() => undefined); // already released when compromised
  }
}
