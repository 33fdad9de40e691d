import type { AxiosInstance } from 'axios';
import type { CredentialsCheck } from '../../preload/payloads';
import { StravaError } from '../strava/errors';
import { OAuthClient, type StravaCredentials } from '../strava/oauth-client';

/** A code no authorization ever issued: Strava checks the client before the code, so its answer names the culprit. */
const PROBE_CODE = 'splits-credentials-check';

/**
 * Asks Strava whether it knows a client id and secret, with one token request that cannot succeed: a refusal of the
 * code means the client passed; a refusal naming client_id or client_secret means it did not. Nothing is granted or
 * spent (token requests are outside the API's rate limits).
 */
export async function checkCredentials(
  http: AxiosInstance,
  oauthUrl: string,
  credentials: StravaCredentials,
): Promise<CredentialsCheck> {
  try {
    await new OAuthClient(http, oauthUrl, credentials).exchangeCode(PROBE_CODE);
    return known();
  } catch (error) {
    if (!(error instanceof StravaError)) throw error;
    if (error.code === 'needs-login' && error.details.reason === 'code-rejected') return known();
    if (error.details.reason === 'credentials') {
      return error.details.field === 'client_secret'
        ? {
            verdict: 'wrong-secret',
            message:
              'Strava knows this client id, but not with this secret. Copy the secret again from strava.com/settings/api (click "show").',
          }
        : {
            verdict: 'unknown-client',
            message: `Strava knows no API application with client id ${credentials.clientId}. Copy the id from strava.com/settings/api.`,
          };
    }
    if (error.code === 'app-inactive') return { verdict: 'inactive', message: error.message };
    return { verdict: 'unchecked', message: `Strava could not check them now: ${error.message}` };
  }
}

const known = (): CredentialsCheck => ({
  verdict: 'known',
  message: 'Strava knows this application. Next, connect your Strava account.',
});
