import { describe, expect, it } from 'vitest';
import { connectWithRefreshToken } from '../../../main/accounts/account-service';
import { StravaError } from '../../../main/strava/errors';
import { useWorld } from '../../support/splits';

describe('connecting with a refresh token', () => {
  const world = useWorld();

  it('saves the rotated token first, so a failed athlete lookup can be retried with the spent token', async () => {
    const w = await world();
    const splits = await w.open({ maxRetries: 0 });
    const given = w.sim.grantTokens(1001).refresh_token;
    w.sim.injectFault({ kind: 503, times: 1, path: /^\/api\/v3\/athlete$/ });

    const failed = await connectWithRefreshToken(splits, given).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StravaError);
    expect((failed as StravaError).code).toBe('unreachable');
    expect(w.sim.tokens.rotate(given)).toBeNull(); // Strava already spent the token given
    expect(splits.store.accounts.list()).toEqual([]);

    const account = await connectWithRefreshToken(splits, given);
    expect(account).toMatchObject({ athleteId: 1001, name: 'Ada Lovelace', state: 'connected' });
    expect(await splits.vault.get(0)).toBeNull();
    const saved = (await splits.vault.get(1001))!;
    expect(w.sim.tokens.check(saved.accessToken).ok).toBe(true);
  });

  it('refuses a refresh token Strava does not know, asking for a login', async () => {
    const w = await world();
    const splits = await w.open();
    await expect(connectWithRefreshToken(splits, 'refresh-nonsense')).rejects.toMatchObject({ code: 'needs-login' });
    expect(splits.store.accounts.list()).toEqual([]);
  });
});
