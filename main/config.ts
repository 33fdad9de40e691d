import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { SYNC_INTERVAL_MINUTES } from '../common/sync-interval';
import { SplitsError } from './errors';

export const DEFAULT_API_URL = 'https://www.strava.com/api/v3';
export const DEFAULT_OAUTH_URL = 'https://www.strava.com/oauth';

/** Thrown for configuration a person must fix: `config` in the window, exit code 2 in the CLI. */
export class ConfigError extends SplitsError {
  override name = 'ConfigError';
  readonly ipcCode = 'config';
}

/**
 * No Strava application to exchange a token with. A sync records it in the athlete's result as `config`, so the
 * CLI ends such a sync with exit 2, as it does when the error stops a command itself.
 */
export class CredentialsMissingError extends ConfigError {
  override name = 'CredentialsMissingError';
  constructor() {
    super(
      'Splits needs your Strava API application: set STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET, or enter them once in ' +
        'the Splits app (the command line then uses them too). ' +
        'Create one at https://www.strava.com/settings/api with Authorization Callback Domain "localhost".',
    );
  }
}

/** A whole number in a range, with one message for every way to miss it (zod's "received NaN" names nothing). */
const wholeNumber = (min: number, max: number, what: string) => {
  const message = `${what} from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

/** Strava's API lives under /api/v3: a bare host would answer 404 to everything, read as "deleted" or "not found". */
const apiUrl = z.url('a web address').refine((u) => {
  // zod runs this check even when the address itself failed: it must not throw on one that is not a URL.
  try {
    return /\/api\/v3\/*$/.test(new URL(u).pathname);
  } catch {
    return false;
  }
}, "the address of Strava's API ends in /api/v3 (https://www.strava.com/api/v3)");

const envSchema = z.object({
  SPLITS_DATA_DIR: z.string().min(1).optional(),
  STRAVA_CLIENT_ID: z.string().regex(/^\d+$/, 'a Strava client id is a number').optional(),
  STRAVA_CLIENT_SECRET: z.string().min(1).optional(),
  STRAVA_API_URL: apiUrl.optional(),
  STRAVA_OAUTH_URL: z.url('a web address').optional(),
  /** `splits watch`'s interval, by the rule the window's Settings keep; the desktop app's own is in its Settings. */
  SYNC_INTERVAL_MINUTES: wholeNumber(
    SYNC_INTERVAL_MINUTES.min,
    SYNC_INTERVAL_MINUTES.max,
    'a whole number of minutes',
  ).optional(),
  SPLITS_MAX_RETRIES: wholeNumber(0, 10, 'a whole number').optional(),
  SPLITS_VAULT: z.enum(['keychain', 'file'], 'use keychain or file').optional(),
});

/** Variables whose value may be shown back in a message (never a secret). */
const SHOWN = new Set([
  'SPLITS_DATA_DIR',
  'STRAVA_CLIENT_ID',
  'STRAVA_API_URL',
  'STRAVA_OAUTH_URL',
  'SYNC_INTERVAL_MINUTES',
  'SPLITS_MAX_RETRIES',
  'SPLITS_VAULT',
]);

export interface SplitsConfig {
  dataDir: string;
  clientId: string | null;
  clientSecret: string | null;
  apiUrl: string;
  oauthUrl: string;
  /** Minutes between `splits watch`'s turns. */
  syncIntervalMinutes: number;
  maxRetries: number;
  /** Where secrets live when forced (SPLITS_VAULT); null lets Splits choose once (main/vault/open-vault.ts). */
  vault: 'keychain' | 'file' | null;
}

/**
 * A value as a message may repeat it: never a secret. Any variable may hold a secret pasted into the wrong one, so a
 * value is repeated only when it has the shape of what its variable takes, or is too short to be one (a typo is then
 * seen: "kechain", "5m"); otherwise only its length is said. An address loses its user, password and query.
 */
function shown(name: string, value: string): string {
  const length = `${value.length} characters`;
  switch (name) {
    case 'STRAVA_CLIENT_ID':
      return /^\d{1,12}$/.test(value) ? value : `${length}, not a number`;
    case 'STRAVA_API_URL':
    case 'STRAVA_OAUTH_URL':
      return value.includes('://')
        ? value.replace(/\/\/[^/@\s]*@/, '//').replace(/[?#].*$/, '')
        : `${length}, not an address`;
    case 'SPLITS_VAULT':
      return /^[A-Za-z]{1,16}$/.test(value) ? value : length;
    case 'SYNC_INTERVAL_MINUTES':
    case 'SPLITS_MAX_RETRIES':
      // A typo is short ("abc", "5m"); a secret is not (Strava's are 40 characters).
      return value.length <= 12 ? value : length;
    default:
      // A folder: shown when it reads as a path.
      return /[/\\~.]/.test(value) ? value : length;
  }
}

/** Reads the configuration from the environment, with settings (the desktop app's) underneath it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, settings: Partial<SplitsConfig> = {}): SplitsConfig {
  // Set but empty ("SPLITS_DATA_DIR=$DIR" with DIR unset): the default folder would be used without a word.
  if (env.SPLITS_DATA_DIR !== undefined && env.SPLITS_DATA_DIR.trim() === '')
    throw new ConfigError(
      `SPLITS_DATA_DIR is set but empty. Set it to the folder Splits keeps your data in, or unset it to use ${resolve(settings.dataDir ?? defaultDataDir())}.`,
    );
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    // One problem per variable: an address that is not one fails the /api/v3 check too, and saying both named
    // STRAVA_API_URL twice for one mistake. The first is the one to fix.
    const firstIssues = new Map<string, string>();
    for (const i of parsed.error.issues) {
      const name = i.path.join('.');
      if (!firstIssues.has(name)) firstIssues.set(name, i.message);
    }
    const problems = [...firstIssues]
      .map(
        ([name, message]) =>
          `${name}${SHOWN.has(name) ? ` is "${shown(name, String(present[name]))}"` : ''}: ${message}`,
      )
      .join('; ');
    throw new ConfigError(`The environment has settings Splits cannot use (${problems}). Fix them and try again.`);
  }
  const e = parsed.data;
  return {
    // Absolute, so that every message and `status` shows where the data really is.
    dataDir: resolve(e.SPLITS_DATA_DIR ?? settings.dataDir ?? defaultDataDir()),
    clientId: e.STRAVA_CLIENT_ID ?? settings.clientId ?? null,
    clientSecret: e.STRAVA_CLIENT_SECRET ?? settings.clientSecret ?? null,
    apiUrl: stripSlash(e.STRAVA_API_URL ?? settings.apiUrl ?? DEFAULT_API_URL),
    oauthUrl: stripSlash(e.STRAVA_OAUTH_URL ?? settings.oauthUrl ?? DEFAULT_OAUTH_URL),
    syncIntervalMinutes: e.SYNC_INTERVAL_MINUTES ?? settings.syncIntervalMinutes ?? SYNC_INTERVAL_MINUTES.default,
    maxRetries: e.SPLITS_MAX_RETRIES ?? settings.maxRetries ?? 3,
    vault: e.SPLITS_VAULT ?? settings.vault ?? null,
  };
}

/** Where Electron keeps the desktop app's data (app.getPath('userData')), so the CLI shares one store with it. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Splits');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Splits');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Splits');
}

/**
 * The Strava application credentials, required for any token exchange: the environment's, or else those stored in
 * the vault (entered in the desktop app), given as `stored`.
 */
export function requireCredentials(
  config: Pick<SplitsConfig, 'clientId' | 'clientSecret'>,
  stored: { clientId: string; clientSecret: string } | null = null,
): { clientId: string; clientSecret: string } {
  if (config.clientId && config.clientSecret) return { clientId: config.clientId, clientSecret: config.clientSecret };
  if (stored) return stored;
  throw new CredentialsMissingError();
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
