import { AxiosError, type AxiosInstance } from 'axios';
import { StravaError, needsLogin } from './errors';
import { tokenResponseSchema, type TokenResponse } from './schemas';

export interface StravaCredentials {
  clientId: string;
  clientSecret: string;
}

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
    url.search = new URLSearchParams({ client_id: this.credentials.clientId, redirect_uri: redirectUri, response_type: 'code', approval_prompt: 'auto', scope, state }).toString();
    return url.toString();
  }

  exchangeCode(code: string): Promise<TokenResponse> {
    return this.token({ grant_type: 'authorization_code', code });
  }

  refresh(refreshToken: string): Promise<TokenResponse> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Revokes the app's access; tokens go in the Authorization header (Strava's 2027 rule). */
  async deauthorize(accessToken: string): Promise<void> {
    await this.http.post(`${this.oauthUrl}/deauthorize`, null, { headers: { Authorization: `Bearer ${accessToken}` } });
  }

  private async token(grant: Record<string, string>): Promise<TokenResponse> {
    const body = new URLSearchParams({ client_id: this.credentials.clientId, client_secret: this.credentials.clientSecret, ...grant });
    try {
      const response = await this.http.post(`${this.oauthUrl}/token`, body, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      const parsed = tokenResponseSchema.safeParse(response.data);
      if (!parsed.success) throw new StravaError('bad-response', 'Strava answered the token request with something Splits cannot read. Try again later.');
      return parsed.data;
    } catch (error) {
      throw mapTokenError(error, grant.grant_type === 'refresh_token');
    }
  }
}

function mapTokenError(error: unknown, refreshing: boolean): unknown {
  if (!(error instanceof AxiosError)) return error;
  const status = error.response?.status;
  if (status === undefined || status >= 500) return new StravaError('unreachable', 'Strava could not be reached to sign in. Check the connection and try again.', { reason: error.code ?? String(status) });
  const fields = JSON.stringify(error.response?.data ?? '');
  if (fields.includes('client_id') || fields.includes('client_secret')) {
    return new StravaError('rejected', 'Strava does not accept this client id and secret. Copy them again from https://www.strava.com/settings/api.', { status, reason: 'credentials' });
  }
  return refreshing
    ? needsLogin('refresh-rejected', 'Strava no longer accepts the saved sign-in (the access was revoked or has expired). Log in again.')
    : needsLogin('code-rejected', 'Strava did not accept the sign-in code (it is single-use and short-lived). Log in again.');
}
