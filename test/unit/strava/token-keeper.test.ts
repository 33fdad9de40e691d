import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { createStravaHttp } from '../../../main/strava/http';
import { OAuthClient } from '../../../main/strava/oauth-client';
import { TokenKeeper, type StravaTokens, type TokenVault } from '../../../main/strava/token-keeper';
import type { TokenSet } from '../../strava-sim/tokens';
import { FakeClock } from '../../support/fake-clock';
import { useSimulator } from '../../support/sim';

const asStored = (t: TokenSet): StravaTokens => ({
  accessToken: t.access_token,
  refreshToken: t.refresh_token,
  expiresAt: t.expires_at,
});

/**
 * A vault another writer changes between two reads: `afterRead(n)` runs after the n-th read has taken its copy, as a
 * process that does not wait for the lock (an older Splits, or one whose lock was taken over as stale) would.
 */
class ScriptedVault implements TokenVault {
  private reads = 0;
  constructor(
    public stored: StravaTokens,
    private readonly afterRead: (n: number) => void,
  ) {}

  async get(): Promise<StravaTokens> {
    const copy = { ...this.stored };
    this.afterRead(++this.reads);
    return copy;
  }

  async set(_athleteId: number, tokens: StravaTokens): Promise<void> {
    this.stored = { ...tokens };
  }

  async delete(): Promise<void> {}
}

describe('TokenKeeper, when Strava rejects a refresh', () => {
  const start = useSimulator();

  async function setUp() {
    const clock = new FakeClock();
    const { sim } = await start({ clock });
    const oauth = new OAuthClient(createStravaHttp({ clock, logger: silentLogger }), sim.oauthUrl, {
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    });
    const tokenRequests = () => sim.log.filter((e) => e.path === '/oauth/token').map((e) => e.status);
    return { sim, clock, oauth, tokenRequests };
  }

  it('re-reads the vault and uses the access token another process stored meanwhile', async () => {
    const { sim, clock, oauth, tokenRequests } = await setUp();
    const first = sim.grantTokens(1001);
    let rotated: TokenSet | null = null;
    const vault = new ScriptedVault(asStored(first), (n) => {
      // Right after the keeper's read before its refresh, another process rotates the token and stores the new pair.
      if (n === 2) vault.stored = asStored((rotated = sim.tokens.rotate(first.refresh_token)!));
    });
    const keeper = new TokenKeeper(1001, vault, () => oauth, clock);
    expect(await keeper.accessToken()).toBe(first.access_token);

    await expect(keeper.refresh()).resolves.toBe(rotated!.access_token);
    expect(tokenRequests()).toEqual([400]);
  });

  it('refreshes once more with the rotated refresh token when its access token has expired too', async () => {
    const { sim, clock, oauth, tokenRequests } = await setUp();
    const first = sim.grantTokens(1001);
    let rotated: TokenSet | null = null;
    const vault = new ScriptedVault(asStored(first), (n) => {
      if (n === 2)
        vault.stored = {
          ...asStored((rotated = sim.tokens.rotate(first.refresh_token)!)),
          expiresAt: Math.floor(clock.now() / 1000),
        };
    });
    const keeper = new TokenKeeper(1001, vault, () => oauth, clock);
    await keeper.accessToken();

    const access = await keeper.refresh();
    expect(tokenRequests()).toEqual([400, 200]);
    expect(vault.stored.refreshToken).not.toBe(rotated!.refresh_token);
    expect(sim.tokens.check(access).ok).toBe(true);
  });

  it('uses the token another process stored when the token refused is older than the last one handed out', async () => {
    const { sim, clock, oauth, tokenRequests } = await setUp();
    const first = sim.grantTokens(1001);
    const vault = new ScriptedVault(asStored(first), () => undefined);
    const keeper = new TokenKeeper(1001, vault, () => oauth, clock);
    // A page's request goes out with the first token; another process rotates; the page asked for ahead takes the new.
    const sentFirst = await keeper.accessToken();
    const rotated = sim.tokens.rotate(first.refresh_token)!;
    vault.stored = asStored(rotated);
    expect(await keeper.accessToken()).toBe(rotated.access_token);

    // The first request is refused: the token stored is not the one refused, and fresh, so no refresh is sent.
    await expect(keeper.refresh(sentFirst)).resolves.toBe(rotated.access_token);
    expect(tokenRequests()).toEqual([]);
    expect(vault.stored.refreshToken).toBe(rotated.refresh_token);
  });

  it('asks for a login when nothing changed in the vault', async () => {
    const { sim, clock, oauth, tokenRequests } = await setUp();
    const first = sim.grantTokens(1001);
    sim.revokeAccess(1001);
    const keeper = new TokenKeeper(1001, new ScriptedVault(asStored(first), () => undefined), () => oauth, clock);
    await keeper.accessToken();
    await expect(keeper.refresh()).rejects.toMatchObject({
      code: 'needs-login',
      details: { reason: 'refresh-rejected' },
    });
    expect(tokenRequests()).toEqual([400]);
  });
});
