import { describe, expect, it } from 'vitest';
import { getJson, useSimulator } from '../../support/sim';

describe('simulator faults', () => {
  const start = useSimulator();

  it.each([500, 502, 503, 504] as const)('answers %i for the next N requests, then recovers', async (status) => {
    const { sim } = await start();
    const t = sim.grantTokens(1001);
    sim.injectFault({ kind: status, times: 2 });
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(status);
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(status);
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(200);
    expect(sim.apiRequests('/athlete').map((e) => e.status)).toEqual([status, status, 200]);
  });

  it('resets the connection', async () => {
    const { sim } = await start();
    sim.injectFault({ kind: 'reset', times: 1 });
    await expect(fetch(`${sim.apiUrl}/athlete`)).rejects.toThrow();
    expect(sim.log[0]?.status).toBe('reset');
  });

  it('never answers a hung request (the client must time out)', async () => {
    const { sim } = await start();
    sim.injectFault({ kind: 'hang', times: 1 });
    await expect(fetch(`${sim.apiUrl}/athlete`, { signal: AbortSignal.timeout(200) })).rejects.toThrow(
      /abort|timeout/i,
    );
    expect(sim.log[0]?.status).toBe('hang');
  });

  it("sends malformed JSON, a 401 and a 403 Inactive with Strava's body", async () => {
    const { sim } = await start();
    const t = sim.grantTokens(1001);
    sim.injectFault({ kind: 'malformed', times: 1 });
    sim.injectFault({ kind: 401, times: 1 });
    sim.injectFault({ kind: 'inactive', times: 1 });
    const bad = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(bad.status).toBe(200);
    expect(() => JSON.parse(bad.body as string)).toThrow();
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(401);
    const inactive = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(inactive.status).toBe(403);
    expect(inactive.body).toMatchObject({ errors: [{ field: 'Status', code: 'Inactive' }] });
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(200);
  });

  it('injects at a rate, on matching paths only, deterministically', async () => {
    const { sim } = await start();
    const t = sim.grantTokens(1001);
    sim.injectFault({ kind: 503, rate: 0.5, path: /\/athlete\/activities$/ });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await getJson(`${sim.apiUrl}/athlete/activities`, t.access_token)).status);
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(200);
  });

  it('faults the OAuth token endpoint when asked to', async () => {
    const { sim } = await start();
    sim.injectFault({ kind: 502, times: 1, path: /\/oauth\/token$/ });
    const res = await fetch(`${sim.oauthUrl}/token`, { method: 'POST', body: new URLSearchParams({}) });
    expect(res.status).toBe(502);
  });
});
