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
    w.sim.injectFault({ kind: 'hang', times: 1, path: /\/oauth\/revoke$/ });
    const leaving = logout(splits, 1001, true);
    while (!w.sim.log.some((e) => e.path === '/oauth/revoke')) await new Promise((r) => setTimeout(r, 10));
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

describe("Strava's two revoke addresses (/oauth/revoke from 1 June 2027)", () => {
  const world = useWorld();
  const revokes = (w: { sim: { log: Array<{ path: string; status: unknown }> } }) =>
    w.sim.log.filter((e) => /^\/oauth\/(revoke|deauthorize)$/.test(e.path)).map((e) => `${e.path} ${e.status}`);

  it('uses /oauth/revoke where Strava serves it, and the access ends there', async () => {
    const w = await world();
    w.sim.oauthEndpoints = { revoke: true, deauthorize: false };
    const splits = await w.open();
    await w.connect(splits, 1001);
    const token = (await splits.vault.get(1001))!.accessToken;
    await expect(logout(splits, 1001, false)).resolves.toEqual({ revoked: true });
    expect(revokes(w)).toEqual(['/oauth/revoke 200']);
    expect(w.sim.tokens.check(token).ok).toBe(false);
  });

  it('falls back to /oauth/deauthorize where revoke is not served yet', async () => {
    const w = await world();
    w.sim.oauthEndpoints = { revoke: false, deauthorize: true };
    const splits = await w.open();
    await w.connect(splits, 1001);
    const token = (await splits.vault.get(1001))!.accessToken;
    await expect(logout(splits, 1001, false)).resolves.toEqual({ revoked: true });
    expect(revokes(w)).toEqual(['/oauth/revoke 404', '/oauth/deauthorize 200']);
    expect(w.sim.tokens.check(token).ok).toBe(false);
  });

  it('refreshes an expired access token first, so the revoke is not refused and Splits left authorised', async () => {
    const w = await world();
    const splits = await w.open();
    await w.connect(splits, 1001);
    await w.clock.advance(7 * 3600_000); // Strava's access tokens live six hours
    await expect(logout(splits, 1001, false)).resolves.toEqual({ revoked: true });
    expect(w.sim.log.filter((e) => e.path === '/oauth/token').map((e) => e.status)).toEqual([200]);
    expect(revokes(w)).toEqual(['/oauth/revoke 200']);
  });

  it('keeps the refreshed sign-in while the revoke is under way, so a logout stopped there (a crash, Ctrl-C) can be run again', async () => {
    const w = await world();
    const splits = await w.open({ timeoutMs: 300 });
    await w.connect(splits, 1001);
    await w.clock.advance(7 * 3600_000);
    // The refresh rotates the refresh token (Strava kills the old one at once); the revoke then hangs once.
    w.sim.injectFault({ kind: 'hang', times: 1, path: /\/oauth\/revoke$/ });
    const leaving = logout(splits, 1001, false);
    while (!w.sim.log.some((e) => e.path === '/oauth/revoke')) await new Promise((r) => setTimeout(r, 10));
    // What a process killed now leaves in the vault: a refresh token Strava still takes, not the one it just killed.
    const kept = (await splits.vault.get(1001))!;
    expect(w.sim.tokens.rotate(kept.refreshToken)).not.toBeNull();
    await leaving;
  });

  it('says Strava could not be told when neither address is served, and still forgets the tokens', async () => {
    const w = await world();
    w.sim.oauthEndpoints = { revoke: false, deauthorize: false };
    const splits = await w.open();
    await w.connect(splits, 1001);
    await expect(logout(splits, 1001, false)).resolves.toEqual({ revoked: false });
    expect(revokes(w)).toEqual(['/oauth/revoke 404', '/oauth/deauthorize 404']);
    expect(await splits.vault.get(1001)).toBeNull();
  });
});
