import { describe, expect, it } from 'vitest';
import { getJson, useSimulator } from '../../support/sim';

const HOUR = 3600_000;

async function authorize(oauthUrl: string, params: Record<string, string>): Promise<URL> {
  const res = await fetch(`${oauthUrl}/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

async function token(oauthUrl: string, body: Record<string, string>) {
  const res = await fetch(`${oauthUrl}/token`, { method: 'POST', body: new URLSearchParams(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('simulator OAuth', () => {
  const start = useSimulator();
  const redirect = 'http://127.0.0.1:53682/callback';

  it('approves by itself and redirects with code, state and the requested scope', async () => {
    const { sim } = await start();
    const back = await authorize(sim.oauthUrl, {
      client_id: sim.clientId,
      redirect_uri: redirect,
      response_type: 'code',
      scope: 'read,activity:read_all',
      state: 'xyz',
    });
    expect(back.origin + back.pathname).toBe(redirect);
    expect(back.searchParams.get('state')).toBe('xyz');
    expect(back.searchParams.get('scope')).toBe('read,activity:read_all');
    expect(back.searchParams.get('code')).toMatch(/^code-/);
  });

  it('grants only the configured scopes when the athlete unticks some, and can refuse', async () => {
    const { sim } = await start();
    sim.authorization.grantScope = 'read';
    const back = await authorize(sim.oauthUrl, {
      client_id: sim.clientId,
      redirect_uri: redirect,
      response_type: 'code',
      scope: 'read,activity:read_all',
      state: 's',
    });
    expect(back.searchParams.get('scope')).toBe('read');
    sim.authorization.deny = true;
    const denied = await authorize(sim.oauthUrl, {
      client_id: sim.clientId,
      redirect_uri: redirect,
      response_type: 'code',
      scope: 'read',
      state: 's2',
    });
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('s2');
    expect(denied.searchParams.has('code')).toBe(false);
  });

  it('rejects an unknown client id at the authorize page', async () => {
    const { sim } = await start();
    const res = await fetch(`${sim.oauthUrl}/authorize?client_id=999&redirect_uri=${redirect}&response_type=code`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
  });

  it('exchanges a code once, checks the client secret, and returns the athlete', async () => {
    const { sim } = await start();
    const back = await authorize(sim.oauthUrl, {
      client_id: sim.clientId,
      redirect_uri: redirect,
      response_type: 'code',
      scope: 'read,activity:read',
    });
    const code = back.searchParams.get('code')!;
    const wrongSecret = await token(sim.oauthUrl, {
      client_id: sim.clientId,
      client_secret: 'nope',
      code,
      grant_type: 'authorization_code',
    });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.errors).toEqual([{ resource: 'Application', field: 'client_secret', code: 'invalid' }]);

    const first = await token(sim.oauthUrl, {
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      code,
      grant_type: 'authorization_code',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 21600, athlete: { id: 1001 } });
    expect(first.body.expires_at).toBe(Math.floor(sim.clock.now() / 1000) + 21600);

    const again = await token(sim.oauthUrl, {
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      code,
      grant_type: 'authorization_code',
    });
    expect(again.status).toBe(400);
  });

  it('expires access tokens after six hours on its own clock', async () => {
    const { sim, clock } = await start();
    const t = sim.grantTokens(1001);
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(200);
    clock.advance(6 * HOUR - 1000);
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(200);
    clock.advance(1000);
    const expired = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({
      message: 'Authorization Error',
      errors: [{ resource: 'Athlete', field: 'access_token', code: 'invalid' }],
    });
  });

  it('rotates refresh tokens and kills the old one at once (also served under /api/v3)', async () => {
    const { sim } = await start();
    const t = sim.grantTokens(1001);
    const fresh = await token(sim.oauthUrl, {
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      refresh_token: t.refresh_token,
      grant_type: 'refresh_token',
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.refresh_token).not.toBe(t.refresh_token);
    expect((await getJson(`${sim.apiUrl}/athlete`, fresh.body.access_token as string)).status).toBe(200);

    const reused = await token(sim.oauthUrl, {
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      refresh_token: t.refresh_token,
      grant_type: 'refresh_token',
    });
    expect(reused.status).toBe(400);
    expect(reused.body.errors).toEqual([{ resource: 'RefreshToken', field: 'refresh_token', code: 'invalid' }]);

    const viaApi = await fetch(`${sim.apiUrl}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: sim.clientId,
        client_secret: sim.clientSecret,
        refresh_token: fresh.body.refresh_token as string,
        grant_type: 'refresh_token',
      }),
    });
    expect(viaApi.status).toBe(200);
  });

  it('deauthorize revokes every token of the athlete', async () => {
    const { sim } = await start();
    const t = sim.grantTokens(1001);
    const res = await fetch(`${sim.oauthUrl}/deauthorize`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.access_token}` },
    });
    expect(res.status).toBe(200);
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(401);
    const refresh = await token(sim.oauthUrl, {
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      refresh_token: t.refresh_token,
      grant_type: 'refresh_token',
    });
    expect(refresh.status).toBe(400);
  });
});
