import type { StravaErrorCode } from '../../common/error-codes';
import { EXIT, SplitsError, type ExitCode } from '../errors';

export type { StravaErrorCode } from '../../common/error-codes';

/**
 * What went wrong, in the terms a person acts on (common/error-codes.ts lists the codes). Each kind has one next
 * step; the window is told the code, and the CLI ends with the exit code it stands for.
 */
export class StravaError extends SplitsError {
  override name = 'StravaError';

  constructor(
    readonly code: StravaErrorCode,
    message: string,
    readonly details: { status?: number; retryAt?: number; reason?: string; field?: string } = {},
  ) {
    super(message);
  }

  get ipcCode(): StravaErrorCode {
    return this.code;
  }

  /** A refused client id or secret is the configuration's to fix (exit 2); any other refusal is unexpected. */
  override get exitCode(): ExitCode {
    return this.code === 'rejected' && this.details.reason === 'credentials' ? EXIT.usage : super.exitCode;
  }

  /** Epoch ms when a rate-limited request may go again. */
  override get retryAt(): number | undefined {
    return this.details.retryAt;
  }
}

export const needsLogin = (reason: string, message: string) =>
  new StravaError('needs-login', message, { reason, status: 401 });

export const appInactive = () =>
  new StravaError(
    'app-inactive',
    'Strava refuses this API application: since 2026 a Standard-tier application works only while its owner has a Strava subscription. ' +
      'Renew the subscription of the account that created the application (strava.com/settings/api), then sync again.',
    { status: 403 },
  );

/** Strava's token endpoint answered 429: sign-in requests wait; nothing about the athlete changed. */
export const tokenRateLimited = (retryAt?: number) =>
  new StravaError(
    'rate-limited',
    'Strava is limiting sign-in requests right now. Nothing was lost; Splits tries again at the next sync.',
    {
      status: 429,
      reason: 'token-endpoint',
      ...(retryAt !== undefined ? { retryAt } : {}),
    },
  );

/** The client id or secret was refused: the person copies them again; the athlete's sign-in is not in question. */
export const credentialsRejected = (status: number, field?: string) =>
  new StravaError(
    'rejected',
    'Strava does not accept this client id and secret. Copy them again from https://www.strava.com/settings/api.',
    {
      status,
      reason: 'credentials',
      ...(field ? { field } : {}),
    },
  );

/**
 * Strava's OAuth address answered with a redirect (Splits follows none: a token request must reach Strava itself).
 * Only the redirect's origin and path are named, never its query.
 */
export const oauthRedirected = (status: number, location: string | undefined) =>
  new StravaError(
    'unreachable',
    `Strava's OAuth address answered with a redirect (HTTP ${status}) to ${location ? safeLocation(location) : 'an address it did not give'}. ` +
      'Check STRAVA_OAUTH_URL (it should be https://www.strava.com/oauth), or Strava has moved its OAuth endpoint. The saved sign-in was not used up.',
    { status, reason: 'redirected' },
  );

/**
 * Strava's API address answered with a redirect. Splits follows none: the bearer token must never reach another
 * address. Named as for OAuth: the origin and path only.
 */
export const apiRedirected = (status: number, location: string | undefined) =>
  new StravaError(
    'unreachable',
    `Strava's API address answered with a redirect (HTTP ${status}) to ${location ? safeLocation(location) : 'an address it did not give'}, which Splits does not follow, so the sign-in stays with Strava. ` +
      'Check STRAVA_API_URL (it should be https://www.strava.com/api/v3), or the network in between (a captive portal); Splits tries again at the next sync.',
    { status, reason: 'redirected' },
  );

function safeLocation(location: string): string {
  try {
    const url = new URL(location);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'an address Splits cannot read';
  }
}
