import type { Clock } from '../clock';
import type { Logger } from '../log';
import { StravaError, needsLogin } from '../strava/errors';
import { grantsActivityRead, type OAuthClient } from '../strava/oauth-client';
import type { StravaAthlete, TokenResponse } from '../strava/schemas';
import { TokenKeeper, type StravaTokens } from '../strava/token-keeper';
import type { StravaApi } from '../strava/strava-api';
import type { Account } from '../store/account-store';
import { DataLock } from '../store/data-lock';
import type { SplitsStore } from '../store/splits-store';
import type { SecretVault } from '../vault/secret-vault';

/**
 * What connecting and disconnecting athletes needs. Declared here, below the composition root (main/services.ts),
 * whose services give it: accounts never import the floor that builds them.
 */
export interface AccountServices {
  oauth: () => OAuthClient;
  vault: SecretVault;
  store: SplitsStore;
  apiFor: (athleteId: number) => StravaApi;
  clock: Clock;
  logger: Logger;
}

const nameOf = (a: StravaAthlete) => [a.firstname, a.lastname].filter(Boolean).join(' ') || `Athlete ${a.id}`;

/** After the browser round trip: the scope the athlete granted is checked before anything is stored. */
export async function connectWithCode(services: AccountServices, code: string, grantedScope: string): Promise<Account> {
  if (!grantsActivityRead(grantedScope)) {
    throw needsLogin(
      'scope-missing',
      'Strava did not grant access to your activities: the box "View data about your activities" was unticked. Log in again and leave it ticked.',
    );
  }
  const tokens = await services.oauth().exchangeCode(code);
  if (!tokens.athlete)
    throw new StravaError('bad-response', 'Strava did not say which athlete signed in. Log in again.');
  await services.vault.set(tokens.athlete.id, toVault(tokens));
  return saveAccount(services, tokens.athlete, grantedScope);
}

/** Tokens from a refresh whose athlete is not known yet are kept under this key until the athlete is. */
const PENDING = 0;

/**
 * For a machine without a browser: a refresh token made elsewhere becomes a connected account. Strava rotates the
 * token on this first refresh, so the new one is saved before anything else; if the athlete lookup then fails, the
 * next attempt carries on with the saved tokens even though the token given is already spent.
 */
export async function connectWithRefreshToken(services: AccountServices, refreshToken: string): Promise<Account> {
  try {
    await services.vault.set(PENDING, toVault(await services.oauth().refresh(refreshToken)));
  } catch (error) {
    const refused = error instanceof StravaError && error.code === 'needs-login';
    if (!refused) throw error;
    if ((await services.vault.get(PENDING)) === null)
      // Nothing was saved: "the saved sign-in" would send the person looking for one.
      throw needsLogin(
        'refresh-rejected',
        'Strava refused this refresh token: it is wrong, already used (Strava takes each one once), or revoked. Nothing was saved. Check it was copied whole, or make a new one.',
      );
  }
  const athlete = await services.apiFor(PENDING).athlete({ priority: 'user' });
  const tokens = (await services.vault.get(PENDING))!;
  await services.vault.set(athlete.id, tokens);
  await services.vault.delete(PENDING);
  return saveAccount(services, athlete, '');
}

/** Revokes Splits' access at Strava (best effort), forgets the tokens, and optionally the athlete's activities. */
export async function logout(
  services: AccountServices,
  athleteId: number,
  deleteData: boolean,
  options: { waitMs?: number } = {},
): Promise<{ revoked: boolean }> {
  // A sync writing this athlete's files must not run meanwhile: take the folder's lock (waiting for a sync that is
  // winding down, when asked to).
  const { store } = services;
  return DataLock.hold(
    store.dataDir,
    { fence: store.fence, purpose: 'logout', ...(options.waitMs ? { waitMs: options.waitMs } : {}) },
    () => revokeAndForget(services, athleteId, deleteData),
  );
}

async function revokeAndForget(
  services: AccountServices,
  athleteId: number,
  deleteData: boolean,
): Promise<{ revoked: boolean }> {
  let revoked = false;
  const tokens = await services.vault.get(athleteId);
  if (tokens) {
    try {
      const via = await services.oauth().revoke(await unexpiredAccessToken(services, athleteId, tokens));
      services.logger.info('access revoked at Strava', { athleteId, via });
      revoked = true;
    } catch (error) {
      services.logger.warn('could not revoke access at Strava; forgetting the tokens anyway', {
        athleteId,
        error: String(error),
      });
    }
  }
  await services.vault.delete(athleteId);
  // Kept activities keep their athlete's name: the window still says whose they are.
  const name = services.store.accounts.get(athleteId)?.name;
  if (!deleteData && name) await services.store.syncState.update(athleteId, (s) => (s.name = name.slice(0, 200)));
  await services.store.accounts.remove(athleteId);
  if (deleteData) await services.store.deleteActivities(athleteId);
  return { revoked };
}

/**
 * An access token Strava still takes: one six hours old would be refused by the revoke, leaving Splits authorised at
 * Strava. The refresh goes through a TokenKeeper: under the vault's lock (another process may be refreshing the same
 * token), and the rotated tokens saved before the revoke (Strava kills the old refresh token at once, so a logout
 * stopped during the revoke would otherwise leave only a dead token, and no way to revoke from here). A refresh that
 * fails leaves the stored token to try.
 */
async function unexpiredAccessToken(
  services: AccountServices,
  athleteId: number,
  tokens: StravaTokens,
): Promise<string> {
  try {
    return await new TokenKeeper(athleteId, services.vault, services.oauth, services.clock).accessToken();
  } catch {
    return tokens.accessToken;
  }
}

async function saveAccount(services: AccountServices, athlete: StravaAthlete, scope: string): Promise<Account> {
  const previous = services.store.accounts.get(athlete.id);
  const account: Account = {
    athleteId: athlete.id,
    name: nameOf(athlete),
    scope: scope || previous?.scope || '',
    state: 'connected',
    stateMessage: null,
    connectedAt: previous?.connectedAt ?? services.clock.now(),
  };
  await services.store.accounts.save(account);
  return account;
}

const toVault = (t: TokenResponse) => ({
  accessToken: t.access_token,
  refreshToken: t.refresh_token,
  expiresAt: t.expires_at,
});
