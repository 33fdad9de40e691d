import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectWithRefreshToken, logout } from '../../../main/accounts/account-service';
import { DataFolderBusyError } from '../../../main/store/data-lock';
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

describe('logging out', () => {
  const world = useWorld();

  it('holds the data folder as a logout: a sync asked for meanwhile is told a logout holds it, not a sync', async () => {
    const w = await world();
    const splits = await w.open({ timeoutMs: 300 });
    await w.connect(splits, 1001);
    // Strava is slow to answer the revoke once: the logout holds the folder meanwhile.
    w.sim.injectFault({ kind: 'hang', times: 1, path: /\/oauth\/deauthorize$/ });
    const leaving = logout(splits, 1001, true);
    while (!w.sim.log.some((e) => e.path === '/oauth/deauthorize')) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(await readFile(join(w.dataDir, 'sync.lock', 'owner.json'), 'utf8'))).toMatchObject({
      purpose: 'logout',
    });
    const busy = (await splits.engine.sync({ trigger: 'cli' }).catch((e: unknown) => e)) as DataFolderBusyError;
    expect(busy).toBeInstanceOf(DataFolderBusyError);
    expect(busy).toMatchObject({ purpose: 'logout', heldHere: true });
    expect(busy.message).toMatch(/^This Splits is logging an athlete out of this data folder\./);
    await expect(leaving).resolves.toEqual({ revoked: true });
    expect(splits.store.accounts.list()).toEqual([]);
  });
});
