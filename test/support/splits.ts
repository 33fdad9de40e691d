import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadConfig } from '../../main/config';
import { silentLogger } from '../../main/log';
import { createServices, type SplitsServices } from '../../main/services';
import { TokenFile } from '../../main/vault/token-file';
import type { SyncEngineOptions } from '../../main/sync/sync-engine';
import { StravaSimulator, type SimOptions } from '../strava-sim';
import { FakeClock } from './fake-clock';

export interface World {
  sim: StravaSimulator;
  clock: FakeClock;
  dataDir: string;
  /** Services over the data folder, as one process would have them; call again for "a new process". */
  open: (overrides?: {
    timeoutMs?: number;
    sync?: Partial<SyncEngineOptions>;
    maxRetries?: number;
  }) => Promise<SplitsServices>;
  /** Connects an athlete as a login would: tokens in the vault, the account in the store. */
  connect: (services: SplitsServices, athleteId: number, scope?: string) => Promise<void>;
  /** open() with athlete 1001 connected: the usual start of a test. */
  openConnected: (scope?: string) => Promise<SplitsServices>;
  env: Record<string, string>;
}

/** A simulator on a fake clock and a temp data folder per test, both cleaned up after it. */
export function useWorld(): (options?: SimOptions & { clock?: FakeClock }) => Promise<World> {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return async (options = {}) => {
    const clock = options.clock ?? new FakeClock();
    const sim = await new StravaSimulator({ ...options, clock }).start();
    const dataDir = await mkdtemp(join(tmpdir(), 'splits-test-'));
    cleanups.push(
      () => sim.stop(),
      () => rm(dataDir, { recursive: true, force: true }),
    );
    const env = {
      SPLITS_DATA_DIR: dataDir,
      STRAVA_API_URL: sim.apiUrl,
      STRAVA_OAUTH_URL: sim.oauthUrl,
      STRAVA_CLIENT_ID: sim.clientId,
      STRAVA_CLIENT_SECRET: sim.clientSecret,
      // Never the system keychain of the machine running the tests: keychain tests run in D-Bus sessions of their own
      // (test/support/keyring-session.ts).
      SPLITS_VAULT: 'file',
    };
    const open = async (
      overrides: { timeoutMs?: number; sync?: Partial<SyncEngineOptions>; maxRetries?: number } = {},
    ) =>
      createServices({
        config: {
          ...loadConfig(env),
          ...(overrides.maxRetries !== undefined ? { maxRetries: overrides.maxRetries } : {}),
        },
        clock,
        logger: silentLogger,
        vault: (store) => TokenFile.open(dataDir, (p) => store.problems.push(p)),
        timeoutMs: overrides.timeoutMs ?? 2000,
        random: () => 0.5,
        // Tracks (two reads an activity with details, and megabytes of streams each) only where a test asks for them:
        // the tests of lists, details and limits count their reads without them (track-backfill tests turn them on).
        sync: { betweenAthletesMs: 0, tracks: false, ...overrides.sync },
      });
    const connect = async (services: SplitsServices, athleteId: number, scope = 'read,activity:read_all') => {
      const t = sim.grantTokens(athleteId, scope);
      await services.vault.set(athleteId, {
        accessToken: t.access_token,
        refreshToken: t.refresh_token,
        expiresAt: t.expires_at,
      });
      await services.store.accounts.save({
        athleteId,
        name: `Athlete ${athleteId}`,
        scope,
        state: 'connected',
        stateMessage: null,
        connectedAt: clock.now(),
      });
    };
    const openConnected = async (scope?: string) => {
      const services = await open();
      await connect(services, 1001, scope);
      return services;
    };
    return { sim, clock, dataDir, open, connect, openConnected, env };
  };
}

/** The stored summaries of an athlete, by id, as the simulator's truth is given. */
export async function storedSummaries(
  services: SplitsServices,
  athleteId: number,
): Promise<Array<Record<string, unknown>>> {
  const activities = await services.store.activities(athleteId);
  return [...activities.all()].sort((a, b) => a.id - b.id) as Array<Record<string, unknown>>;
}
