/**
 * What went wrong, in the terms a person acts on. Each kind has one next step; the CLI maps them to exit codes and
 * the window to messages.
 */
export type StravaErrorCode =
  | 'rate-limited' // the budget is spent until retryAt; nothing more was sent
  | 'needs-login' // no token, a revoked or dead refresh token, or the activity scope not granted
  | 'app-inactive' // the API application's owner needs a Strava subscription (2026)
  | 'unreachable' // network or Strava's servers failed after retries
  | 'not-found'
  | 'bad-response' // Strava answered something Splits cannot read
  | 'rejected'; // any other 4xx

export class StravaError extends Error {
  override name = 'StravaError';

  constructor(
    readonly code: StravaErrorCode,
    message: string,
    readonly details: { status?: number; retryAt?: number; reason?: string } = {},
  ) {
    super(message);
  }

  /** Epoch ms when a rate-limited request may go again. */
  get retryAt(): number | undefined {
    return this.details.retryAt;
  }
}

export const needsLogin = (reason: string, message: string) => new StravaError('needs-login', message, { reason, status: 401 });

export const appInactive = () =>
  new StravaError(
    'app-inactive',
    'Strava refuses this API application: since 2026 a Standard-tier application works only while its owner has a Strava subscription. ' +
      'Renew the subscription of the account that created the application (strava.com/settings/api), then sync again.',
    { status: 403 },
  );
