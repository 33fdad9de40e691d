import { ConfigError, MISSING_CREDENTIALS } from '../config';
import { StravaError } from '../strava/errors';
import { DataFolderBusyError } from '../store/data-lock';
import type { AthleteSyncResult } from '../sync/sync-types';
import { Interrupted } from './interrupts';

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  loginNeeded: 3,
  rateLimited: 4,
  appInactive: 5,
  unreachable: 6,
  /** Another Splits (the desktop app, a `watch`, an import) holds this data folder, and the message says for what; `--wait` waits for it instead. */
  busy: 7,
  /** Interrupted (Ctrl-C), as shells report a SIGINT: 128 + 2. */
  interrupted: 130,
} as const;

/** A mistake in the command line: exit 2 with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError) return EXIT.usage;
  if (error instanceof DataFolderBusyError) return EXIT.busy;
  if (error instanceof Interrupted) return EXIT.interrupted;
  if (error instanceof StravaError) {
    switch (error.code) {
      case 'needs-login':
        return EXIT.loginNeeded;
      case 'rate-limited':
        return EXIT.rateLimited;
      case 'app-inactive':
        return EXIT.appInactive;
      case 'unreachable':
        return EXIT.unreachable;
      case 'rejected':
        return error.details.reason === 'credentials' ? EXIT.usage : EXIT.unexpected;
      default:
        return EXIT.unexpected;
    }
  }
  return EXIT.unexpected;
}

/** The exit code of a sync over several athletes: the most serious problem any of them met. */
export function exitCodeOfSync(results: AthleteSyncResult[]): number {
  // Credentials missing at a token refresh: the engine records any non-Strava error as a failure, but this one is
  // the configuration's (STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET), exit 2.
  if (results.some((r) => r.status === 'failed' && r.error?.message === MISSING_CREDENTIALS)) return EXIT.usage;
  const statuses = results.map((r) => r.status);
  const order: Array<[AthleteSyncResult['status'], number]> = [
    ['app-inactive', EXIT.appInactive],
    ['unreachable', EXIT.unreachable],
    ['failed', EXIT.unexpected],
    ['rate-limited', EXIT.rateLimited],
    ['needs-login', EXIT.loginNeeded],
    ['cancelled', EXIT.interrupted],
  ];
  for (const [status, code] of order) if (statuses.includes(status)) return code;
  return EXIT.ok;
}
