import type { AxiosInstance } from 'axios';
import type { Clock } from './clock';
import { requireCredentials, type SplitsConfig } from './config';
import type { Logger } from './log';
import { createStravaHttp } from './strava/http';
import { OAuthClient } from './strava/oauth-client';
import { RateLimiter } from './strava/rate-limiter';
import { DEFAULT_RETRY_POLICY } from './strava/retry-policy';
import { StravaApi } from './strava/strava-api';
import { TokenKeeper } from './strava/token-keeper';
import { SplitsStore } from './store/splits-store';
import { SyncEngine, type SyncEngineOptions } from './sync/sync-engine';
import { clientCredentialsSchema, type ClientCredentials, type SecretVault } from './vault/secret-vault';

export interface ServiceOptions {
  config: SplitsConfig;
  clock: Clock;
  logger: Logger;
  /**
   * Where the data folder's secrets live: main/vault/open-vault.ts chooses the system keychain or the 0600 file, the
   * same for the CLI and the desktop app (tests may open a TokenFile directly).
   */
  vault: (store: SplitsStore) => Promise<SecretVault>;
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
  /** Tokens and client credentials; its `kind` (and `location` for the file) is for display. */
  vault: SecretVault;
  limiter: RateLimiter;
  http: AxiosInstance;
  /**
   * The Strava application's credentials in use: the environment's (STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET, both
   * set) first, otherwise the vault's, read afresh; null when neither has them.
   */
  credentials: () => Promise<(ClientCredentials & { source: 'env' | 'vault' }) | null>;
  /** Stores the credentials in the vault (checked); the next oauth() uses them unless the environment sets its own. */
  setCredentials: (credentials: ClientCredentials) => Promise<void>;
  /** Needs the Strava application's credentials; throws a ConfigError saying how to give them without. */
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
  const http = createStravaHttp({
    clock,
    logger,
    limiter,
    policy,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  // OAuth requests are not API requests: Strava's rate limits do not cover them, so they skip the limiter.
  const oauthHttp = createStravaHttp({
    clock,
    logger,
    policy,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  // oauth() stays synchronous (it is called deep in token refreshes): the vault's credentials are read here and
  // whenever credentials() or setCredentials() touch them.
  const fromEnv =
    config.clientId && config.clientSecret ? { clientId: config.clientId, clientSecret: config.clientSecret } : null;
  let stored = fromEnv ? null : await vault.getCredentials();
  let oauthClient: OAuthClient | null = null;
  const useStored = (next: ClientCredentials | null) => {
    const changed = next?.clientId !== stored?.clientId || next?.clientSecret !== stored?.clientSecret;
    stored = next;
    if (changed && !fromEnv) oauthClient = null;
  };
  const oauth = () => (oauthClient ??= new OAuthClient(oauthHttp, config.oauthUrl, requireCredentials(config, stored)));
  const credentials = async () => {
    if (fromEnv) return { ...fromEnv, source: 'env' as const };
    useStored(await vault.getCredentials());
    return stored && { ...stored, source: 'vault' as const };
  };
  const setCredentials = async (given: ClientCredentials) => {
    const parsed = clientCredentialsSchema.parse(given);
    await vault.setCredentials(parsed);
    useStored(parsed);
  };
  const keepers = new Map<number, TokenKeeper>();
  const apiFor = (athleteId: number) => {
    let keeper = keepers.get(athleteId);
    if (!keeper) keepers.set(athleteId, (keeper = new TokenKeeper(athleteId, vault, oauth, clock)));
    return new StravaApi(http, config.apiUrl, keeper);
  };
  const engine = new SyncEngine({
    store,
    limiter,
    clock,
    logger,
    apiFor,
    ...(options.sync ? { options: options.sync } : {}),
  });
  return { config, clock, logger, store, vault, limiter, http, credentials, setCredentials, oauth, apiFor, engine };
}
