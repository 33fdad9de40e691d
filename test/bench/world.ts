// A simulator and Splits' services over a temp data folder, as the benchmark needs them (test/support/splits.ts is
// the same for vitest, which this process does not run under).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../main/clock';
import { loadConfig } from '../../main/config';
import { silentLogger } from '../../main/log';
import { createServices, type SplitsServices } from '../../main/services';
import { DataFolderBusyError, DataLock } from '../../main/store/data-lock';
import { TokenFile } from '../../main/vault/token-file';
import type { SyncEngineOptions } from '../../main/sync/sync-engine';
import type { SyncReport, SyncRequest } from '../../main/sync/sync-types';
import { StravaSimulator, type SimClock, type SimOptions } from '../strava-sim';
import type { TokenSet } from '../strava-sim/tokens';

export const ATHLETE = 1001;
/** Limits no run reaches: the speed measurements are about work, not waiting. */
export const UNLIMITED = { read15: 1e9, readDay: 1e9, overall15: 1e9, overallDay: 1e9 };

/** A started simulator seeded with `activities` for athlete 1001, always from the same seed. */
export async function startSim(
  activities: number,
  options: SimOptions & { clock: SimClock },
): Promise<StravaSimulator> {
  const sim = await new StravaSimulator(options).start();
  sim.seedActivities(ATHLETE, activities, { seed: 42 });
  return sim;
}

export interface BenchSplits {
  services: SplitsServices;
  dataDir: string;
  env: Record<string, string>;
  /** Services over the same folder, as a new process would open them. */
  reopen: () => Promise<SplitsServices>;
  dispose: () => Promise<void>;
}

/** Where a simulator answers, in this process or another (sim-process.ts), and how it grants tokens. */
export type SimEndpoint = Pick<StravaSimulator, 'apiUrl' | 'oauthUrl' | 'clientId' | 'clientSecret'> & {
  grantTokens: (athleteId: number) => TokenSet | Promise<TokenSet>;
};

/** Splits over a new data folder, with athlete 1001 connected as a login would leave it. */
export async function openSplits(
  sim: SimEndpoint,
  clock: Clock,
  sync: Partial<SyncEngineOptions> = {},
): Promise<BenchSplits> {
  const dataDir = await mkdtemp(join(tmpdir(), 'splits-bench-'));
  const env = {
    SPLITS_DATA_DIR: dataDir,
    STRAVA_API_URL: sim.apiUrl,
    STRAVA_OAUTH_URL: sim.oauthUrl,
    STRAVA_CLIENT_ID: sim.clientId,
    STRAVA_CLIENT_SECRET: sim.clientSecret,
  };
  const open = () =>
    createServices({
      config: loadConfig(env),
      clock,
      logger: silentLogger,
      vault: (store) => TokenFile.open(dataDir, (p) => store.problems.push(p)),
      sync,
    });
  const services = await open();
  const t = await sim.grantTokens(ATHLETE);
  await services.vault.set(ATHLETE, {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: t.expires_at,
  });
  await services.store.accounts.save({
    athleteId: ATHLETE,
    name: 'Bench',
    scope: 'read,activity:read_all',
    state: 'connected',
    stateMessage: null,
    connectedAt: clock.now(),
  });
  return { services, dataDir, env, reopen: open, dispose: () => rm(dataDir, { recursive: true, force: true }) };
}

/** What went wrong with the data lock during the run: the benchmark goes on, and says so. */
export const lockTrouble = { compromised: 0, busyRetries: 0 };
process.on('warning', (warning) => {
  if (warning.name === 'DataLockCompromised') lockTrouble.compromised++;
});

/**
 * engine.sync, waiting out a data lock that an earlier sync of this process left behind. (Seen on 2026-11-28: a lock
 * held longer than its 2.5 s refresh was flagged compromised and not removed at release, so the next sync found the
 * folder busy until the lock went stale, 10 s later.) Counted in lockTrouble.busyRetries.
 */
export async function syncAfterLock(engine: SplitsServices['engine'], request: SyncRequest): Promise<SyncReport> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await engine.sync(request);
    } catch (error) {
      if (!(error instanceof DataFolderBusyError) || attempt >= 3) throw error;
      lockTrouble.busyRetries++;
      await new Promise((resolve) => setTimeout(resolve, 4_000));
    }
  }
}

/**
 * Waits, outside any timing, until the data folder's lock is free (see syncAfterLock), by taking it and letting go.
 * Counted in lockTrouble.busyRetries when it had to wait.
 */
export async function waitForFreeLock(dataDir: string): Promise<void> {
  const started = Date.now();
  const lock = await DataLock.acquire(dataDir, { waitMs: 15_000 });
  await lock.release();
  if (Date.now() - started > 1_000) lockTrouble.busyRetries++;
}
