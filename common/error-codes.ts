// What an expected failure is called where it crosses to the window (preload/contract.ts's IpcError) and where a
// sync's result keeps it: one list, so main's errors (main/errors.ts) and the window agree on every name.

/** Strava's answers, in the terms a person acts on (main/strava/errors.ts): each has one next step. */
export const STRAVA_ERROR_CODES = [
  'rate-limited', // the budget is spent until retryAt; nothing more was sent
  'needs-login', // no token, a revoked or dead refresh token, or the activity scope not granted
  'app-inactive', // the API application's owner needs a Strava subscription (2026)
  'unreachable', // network or Strava's servers failed after retries
  'not-found',
  'bad-response', // Strava answered something Splits cannot read
  'rejected', // any other 4xx
] as const;
export type StravaErrorCode = (typeof STRAVA_ERROR_CODES)[number];

/**
 * Every code the window may be told. Expected failures carry one of their own; the door's refusals are `forbidden`
 * (another sender), `unknown-channel` and `bad-request`; only the unexpected is `internal`.
 */
export const IPC_ERROR_CODES = [
  ...STRAVA_ERROR_CODES,
  'bad-request', // arguments (or a setting, a command line) that are not what the channel takes
  'config', // configuration the person must fix: the Strava application, the data folder, the vault
  'busy', // another task or another Splits holds what this needs; try again when it has finished
  'consent-refused', // the person chose not to keep secrets in a private file
  'quitting', // Splits is quitting; nothing was changed
  'cancelled', // the person (or a quit) stopped it
  'archive', // the archive chosen for an import cannot be imported as it is
  'export', // an export that cannot be carried out as asked
  'unreadable', // a stored file (a track) that cannot be read
  'disk', // the disk refused a write (full, over quota, read-only, permission)
  'forbidden',
  'unknown-channel',
  'internal',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];
