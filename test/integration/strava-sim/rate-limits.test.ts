import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../strava-sim/index';
import { getJson, useSimulator } from '../../support/sim';

describe('simulator rate limits', () => {
  const start = useSimulator();

  it('sends the four headers on every API response, counting reads and writes apart', async () => {
    const { sim } = await start({ clock: new ManualClock(Date.UTC(2026, 10, 2, 8, 1)) });
    const t = sim.grantTokens(1001);
    const first = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(first.headers.get('x-ratelimit-limit')).toBe('200,2000');
    expect(first.headers.get('x-ratelimit-usage')).toBe('1,1');
    expect(first.headers.get('x-readratelimit-limit')).toBe('100,1000');
    expect(first.headers.get('x-readratelimit-usage')).toBe('1,1');
    const write = await fetch(`${sim.apiUrl}/athlete`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${t.access_token}` },
    });
    expect(write.headers.get('x-ratelimit-usage')).toBe('2,2');
    expect(write.headers.get('x-readratelimit-usage')).toBe('1,1');
    const unauthorized = await getJson(`${sim.apiUrl}/athlete`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('x-readratelimit-usage')).toBe('2,2');
  });

  it("answers 429 with Strava's body at the read limit, still counts it, and resets on the quarter hour", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 2, 8, 14));
    const { sim } = await start({ clock, limits: { read15: 3 } });
    const t = sim.grantTokens(1001);
    for (let i = 0; i < 3; i++) expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(200);
    const limited = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      message: 'Rate Limit Exceeded',
      errors: [{ resource: 'Application', field: 'rate limit', code: 'exceeded' }],
    });
    expect(limited.headers.get('x-readratelimit-usage')).toBe('4,4');
    clock.advance(59_999); // 08:14:59.999, same window
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(429);
    clock.advance(1); // 08:15:00, a new window; the day keeps counting
    const after = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(after.status).toBe(200);
    expect(after.headers.get('x-readratelimit-usage')).toBe('1,6');
  });

  it('resets the daily window at UTC midnight, not on the quarter hour', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 2, 23, 40));
    const { sim } = await start({ clock, limits: { readDay: 2, read15: 50 } });
    const t = sim.grantTokens(1001);
    await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    clock.set(Date.UTC(2026, 10, 2, 23, 50)); // a new quarter hour, the same day
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(429);
    clock.set(Date.UTC(2026, 10, 3, 0, 0));
    const next = await getJson(`${sim.apiUrl}/athlete`, t.access_token);
    expect(next.status).toBe(200);
    expect(next.headers.get('x-readratelimit-usage')).toBe('1,1');
  });

  it('lets a test set usage as if another tool with the same client id had been busy', async () => {
    const { sim, clock } = await start();
    sim.rateLimits.setUsage(clock.now(), { read15: 99, overall15: 99 });
    const t = sim.grantTokens(1001);
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).headers.get('x-readratelimit-usage')).toBe('100,1');
    expect((await getJson(`${sim.apiUrl}/athlete`, t.access_token)).status).toBe(429);
  });
});
