import { AxiosError, type AxiosInstance } from 'axios';
import { StravaError, appInactive, credentialsRejected, needsLogin, oauthRedirected, tokenRateLimited } from './errors';
import { stravaErrorBodySchema, tokenResponseSchema, type TokenResponse } from './schemas';

export interface StravaCredentials {
  clientId: string;
  clientSecret: string;
}

/** The answers of a server that does not serve an address (yet): Strava before /oauth/revoke exists. */
const NOT_SERVED = new Set([404, 405, 501]);

/** Reading activities needs one of these; "activity:read_all" also brings "Only Me" activities. */
export const REQUESTED_SCOPE = 'read,activity:read_all';

export function grantsActivityRead(scope: string): boolean {
  const scopes = scope.split(/[ ,]+/);
  return scopes.includes('activity:read') || scopes.includes('activity:read_all');
}

/** Strava's OAuth endpoints. The client secret travels in request bodies only, never in a URL. */
export class OAuthClient {
  constructor(
    private readonly http: AxiosInstance,
    private readonly oauthUrl: string,
    private readonly credentials: StravaCredentials,
  ) {}

  authorizeUrl(redirectUri: string, state: string, scope = REQUESTED_SCOPE): string {
    const url = new URL(`${this.oauthUrl}/authorize`);
    url.search = new URLSearchParams({
      client_id: this.credentials.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      approval_prompt: 'auto',
      scope,
      state,
    }).toString();
    return url.toString();
  }

  exchangeCode(code: string): Promise<TokenResponse> {
    return this.token({ grant_type: 'authorization_code', code });
  }

  refresh(refreshToken: string): Promise<TokenResponse> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /**
   * Revokes the app's access, the token in the Authorization header (Strava's 2027 rule). `POST /oauth/revoke` replaces
   * `/oauth/deauthorize` on 1 June 2027; until a server serves it (a 404, 405 or 501), the old address does the same.
   * Says which one Strava took.
   */
  async revoke(accessToken: string): Promise<'revoke' | 'deauthorize'> {
    const headers = { Authorization: `Bearer ${accessToken}` };
    try {
      await this.http.post(`${this.oauthUrl}/revoke`, null, { headers });
      return 'revoke';
    } catch (error) {
      if (!(error instanceof AxiosError) || !NOT_SERVED.has(error.response?.status ?? 0)) throw error;
    }
    await this.http.post(`${this.oauthUrl}/deauthorize`, null, { headers });
    return 'deauthorize';
  }

  private async token(grant: Record<string, string>): Promise<TokenResponse> {
    const body = new URLSearchParams({
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
      ...grant,
    });
    try {
      const response = await this.http.post(`${this.oauthUrl}/token`, body, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        // Never retried blindly: a code is single-use and a refresh token rotates, so a second try of a request
        // Strava did receive only spends the grant. The caller decides (the next sync tries again).
        'axios-retry': { retries: 0 },
      });
      const parsed = tokenResponseSchema.safeParse(response.data);
      if (!parsed.success)
        throw new StravaError(
          'bad-response',
          'Strava answered the token request with something Splits cannot read. Try again later.',
        );
      return parsed.data;
    } catch (error) {
      throw mapTokenError(error, grant.grant_type === 'refresh_token');
    }
  }
}

/**
 * What a failed token request means (developers.strava.com/docs/authentication). Only a grant Strava rejects (400/401
 * naming the code or the refresh token) needs a login; every other answer leaves the saved sign-in as it is. Messages
 * never carry the request: its body holds the client secret and the grant.
 */
function mapTokenError(error: unknown, refreshing: boolean): unknown {
  if (!(error instanceof AxiosError)) return error;
  const response = error.response;
  if (!response || response.status >= 500) {
    // The grant is still good if Strava never saw it. If Strava did rotate the refresh token and only its answer was
    // lost, the token kept here is dead and no re-read can bring the new one back: that case ends in a login.
    return new StravaError(
      'unreachable',
      'Strava could not be reached to sign in. Check the connection; Splits tries again at the next sync.',
      {
        reason: error.code ?? 'network',
        ...(response ? { status: response.status } : {}),
      },
    );
  }
  const { status } = response;
  if (status >= 300 && status < 400) return oauthRedirected(status, headerOf(response.headers, 'location'));
  if (status === 429) return tokenRateLimited();
  const named = namedFields(response.data);
  const client = named.find((e) => e.field === 'client_id' || e.field === 'client_secret');
  if (client) return credentialsRejected(status, client.field);
  if (status === 403 && named.some((e) => e.field === 'Status' && e.code === 'Inactive')) return appInactive();
  const grantRejected =
    (status === 400 || status === 401) &&
    named.some((e) => GRANT_FIELDS.has(e.field ?? '') || GRANT_RESOURCES.has(e.resource ?? ''));
  if (grantRejected) {
    return refreshing
      ? needsLogin(
          'refresh-rejected',
          'Strava no longer accepts the saved sign-in (the access was revoked or has expired). Log in again.',
        )
      : needsLogin(
          'code-rejected',
          'Strava did not accept the sign-in code (it is single-use and short-lived). Log in again.',
        );
  }
  return new StravaError(
    'rejected',
    `Strava refused the sign-in request (HTTP ${status}). The saved sign-in was kept; Splits tries again at the next sync.`,
    { status, reason: 'token-refused' },
  );
}

const GRANT_FIELDS = new Set(['refresh_token', 'code']);
const GRANT_RESOURCES = new Set(['RefreshToken', 'AuthorizationCode']);

function namedFields(
  data: unknown,
): Array<{ resource?: string | undefined; field?: string | undefined; code?: string | undefined }> {
  const body = stravaErrorBodySchema.safeParse(data);
  return body.success ? (body.data.errors ?? []) : [];
}

function headerOf(headers: unknown, name: string): string | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
