import type { AxiosInstance } from 'axios';
import type { Clock } from './clock';
import { requireCredentials, type SplitsConfig } from './config';
import type { Logger } from './log';
import { createStravaHttp } from './strava/http';
import { OAuthClient } from './strava/oauth-client';
import { RateLimiter } from './strava/rate-limiter';
import { DEFAULT_RETRY_POLICY } from './strava/retry-policy';
import { StravaApi } from './strava/strava-api';
import { TokenKeeper, type TokenVault } from './strava/token-keeper';
import { SplitsStore } from './store/splits-store';
import { SyncEngine, type SyncEngineOptions } from './sync/sync-engine';

export interface ServiceOptions {
  config: SplitsConfig;
  clock: Clock;
  logger: Logger;
  /** Where tokens live for this process (a 0600 file for the CLI; the keychain for the desktop app). */
  vault: (store: SplitsStore) => Promise<TokenVault>;
  timeoutMs?: number;
  random?: () => number;
  sync?: Partial<SyncEngineOptions>;
}

/** Everything main runs on, built once from the configuration: the same for the CLI and the desktop app. */
export interface SplitsServices {
  config: SplitsConfig;
  clock: Clock;
  logger: Logger;
  store: SplitsStore;
  vault: TokenVault;
  limiter: RateLimiter;
  http: AxiosInstance;
  /** Needs the Strava application's credentials; throws a ConfigError without them. */
  oauth: () => OAuthClient;
  apiFor: (athleteId: number) => StravaApi;
  engine: SyncEngine;
}

export async function createServices(options: ServiceOptions): Promise<SplitsServices> {
  const { config, clock, logger } = options;
  const store = await SplitsStore.open(config.dataDir);
  const vault = await options.vault(store);
  const limiter = new RateLimiter(clock, store.limiterState);
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: config.maxRetries };
  const http = createStravaHttp({ clock, logger, limiter, policy, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.random ? { random: options.random } : {}) });
  // OAuth requests are not API requests: Strava's rate limits do not cover them, so they skip the limiter.
  const oauthHttp = createStravaHttp({ clock, logger, policy, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  let oauthClient: OAuthClient | null = null;
  const oauth = () => (oauthClient ??= new OAuthClient(oauthHttp, config.oauthUrl, requireCredentials(config)));
  const keepers = new Map<number, TokenKeeper>();
  const apiFor = (athleteId: number) => {
    let keeper = keepers.get(athleteId);
    if (!keeper) keepers.set(athleteId, (keeper = new TokenKeeper(athleteId, vault, oauth, clock)));
    return new StravaApi(http, config.apiUrl, keeper);
  };
  const engine = new SyncEngine({ store, limiter, clock, logger, apiFor, ...(options.sync ? { options: options.sync } : {}) });
  return { config, clock, logger, store, vault, limiter, http, oauth, apiFor, engine };
}
